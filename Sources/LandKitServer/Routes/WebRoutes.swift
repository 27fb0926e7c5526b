import Foundation
import HTTPTypes
import Hummingbird
import LandKit
import Logging

/// The pages: the leaders' dashboard at `/` (today's HTML report, live, with date pickers) and the field teams'
/// web app at `/app`. Everything is served by this process: no CDN, no external fonts or scripts.
struct WebRoutes: Sendable {
    let store: any LandStore
    let configuration: ServerConfiguration
    let logger: Logger

    /// Scripts only from this server; inline styles (the dashboard's SVG maps use style attributes).
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

    static func page(_ text: String, type: String) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store", .contentSecurityPolicy: contentSecurityPolicy]
        for (name, value) in [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")] {
            if let n = HTTPField.Name(name) { headers[n] = value }
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    func register(_ router: Router<ServerContext>) {
        router.get("/") { request, context in try await dashboard(request, context: context) }
        router.get("app") { _, _ in Self.page(WebApp.html, type: "text/html; charset=utf-8") }
        router.get("app/app.js") { _, _ in Self.page(WebApp.script, type: "text/javascript; charset=utf-8") }
        router.get("app/app.css") { _, _ in Self.page(WebApp.css, type: "text/css; charset=utf-8") }
    }

    /// The dashboard as of `as_of` (default now), with the change since `since`; a team goes to its tasks instead.
    func dashboard(_ request: Request, context: ServerContext) async throws -> Response {
        let account = try context.requireAccount()
        guard account.readsEverything else { return Response(status: .seeOther, headers: [.location: "/app"]) }
        let q = request.uri.queryParameters
        let asOf = try API.date(q.get("as_of"), "as_of"), since = try API.date(q.get("since"), "since")
        let store = store, logger = logger
        let html = try await blocking { () -> String in
            let report = try ReportUseCases.report(store: store, asOf: asOf, since: since, projectID: nil, unmasked: false, logger: logger)
            return try ReportUseCases.dashboard(report, store: store, asOf: asOf)
        }
        return Self.page(Self.withPicker(html, asOf: asOf, since: since, account: account), type: "text/html; charset=utf-8")
    }

    /// The dashboard with a bar on top: as-of and since pickers, the account, links to the app and log out.
    /// Dates are `LocalDate`s (digits and hyphens), the name passed through ``Markup/escape(_:)``.
    static func withPicker(_ html: String, asOf: LocalDate?, since: LocalDate?, account: Account) -> String {
        let bar = """
            <form class="live-bar" method="get" action="/" style="display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:8px 12px;background:#f3f4f6;border-bottom:1px solid #d1d5db;font-size:14px">
            <label>截至 <input type="date" name="as_of" value="\(asOf?.description ?? "")"></label>
            <label>对比 <input type="date" name="since" value="\(since?.description ?? "")"></label>
            <button type="submit">刷新</button>
            <span style="flex:1"></span><span>\(Markup.escape(account.name)) · \(account.role.zh)</span> <a href="/app">任务</a>
            </form>
            """
        guard let r = html.range(of: "<body>\n") else { return html }
        return html.replacingCharacters(in: r, with: "<body>\n" + bar + "\n")
    }
}
