/// The field teams' web app: one page, its script and its style, served from this process (no CDN).
/// Every text from the server is put in the page with `textContent`, never as HTML.
enum WebApp {
    static let html = #"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>LandKit 征拆任务</title>
        <link rel="stylesheet" href="/app/app.css">
        <script src="/app/app.js" defer></script>
        </head>
        <body>
        <header id="bar"><a id="home" href="#tasks">LandKit</a><span id="who"></span><span id="sync" hidden></span>
        <button id="lang" type="button">EN</button><button id="logout" type="button" hidden></button></header>
        <main id="main"><p class="muted">…</p></main>
        <div id="toast" role="status" hidden></div>
        </body>
        </html>
        """#
}
