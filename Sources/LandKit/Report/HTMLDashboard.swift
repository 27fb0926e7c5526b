import Foundation

/// The leaders' dashboard: one self-contained HTML page (inline CSS and SVG; no scripts, fonts,
/// images or links to fetch) with the summary table, and per project its map, figures, blockers,
/// deferred items, change since the `since` date and the report paragraph. Prints on A4 landscape.
///
/// Personal data is whatever the report holds: ``ReportBuilder`` masks household heads unless asked
/// not to. Areas are ellipsoidal mu (CGCS2000), 2 decimals; percentages 1 decimal.
public enum HTMLDashboard {
    /// Renders the page.
    /// - Parameters:
    ///   - report: the progress report.
    ///   - maps: inline SVG documents by project id (from ``ProjectMap/svg(_:options:)``); projects
    ///     without one get no map.
    ///   - title: the page heading.
    /// - Returns: the HTML text (UTF-8).
    public static func render(_ report: ProgressReport, maps: [String: String] = [:], title: String = "街道征地拆迁工作进度") -> String {
        var page = Page(report: report, maps: maps, title: title)
        return page.render()
    }

    /// Chinese names of project kinds.
    public static func kindZh(_ kind: ProjectKind) -> String {
        switch kind {
        case .road: "道路"
        case .railArea: "高铁片区"
        case .facility: "配套设施"
        case .clearanceZone: "净空区处置"
        case .industrialZone: "产业功能区"
        case .utilityRelocation: "管线迁改"
        case .resettlementSite: "安置点"
        }
    }

    /// Whose side must act, in Chinese.
    public static func ownerZh(_ reason: BlockReason) -> String {
        switch reason {
        case .contractor: "施工方"
        case .dispute: "群众"
        case .approval: "审批部门"
        case .funding: "财政资金"
        case .design: "设计单位"
        case .other: "其他"
        }
    }

    static let css = """
        :root{--ink:#1d1d1f;--ink2:#4a4a4f;--mute:#86868b;--line:#e4e4e0;--bg:#f4f4f1;--card:#fff;--red:#c8161d;--orange:#e07000;--green:#238443;--blue:#1f5fa8;--purple:#6a51a3}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.6 "Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif;font-variant-numeric:tabular-nums}
        .wrap{max-width:1320px;margin:0 auto;padding:28px 32px 48px}
        header.top{display:flex;align-items:flex-end;justify-content:space-between;gap:24px;border-bottom:3px solid var(--red);padding-bottom:14px;margin-bottom:22px}
        header.top h1{margin:0;font-size:30px;letter-spacing:.06em;font-weight:700}
        header.top .en{color:var(--mute);font-size:13px;letter-spacing:.02em}
        header.top .date{text-align:right;color:var(--ink2);font-size:14px}
        header.top .date b{display:block;font-size:22px;color:var(--ink)}
        .kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:14px;margin-bottom:22px}
        .kpi{background:var(--card);border-radius:10px;padding:14px 18px;border:1px solid var(--line)}
        .kpi .k{color:var(--ink2);font-size:13px}
        .kpi .v{font-size:28px;font-weight:700;line-height:1.25;margin-top:2px}
        .kpi .v small{font-size:14px;font-weight:400;color:var(--ink2);margin-left:3px}
        .kpi .s{color:var(--mute);font-size:12px}
        .kpi.warn .v{color:var(--orange)}
        section.card{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:22px 26px;margin-bottom:22px}
        h2{font-size:20px;margin:0 0 12px;font-weight:700}
        h2 .en{font-size:13px;color:var(--mute);font-weight:400;margin-left:8px}
        h3{font-size:15px;margin:18px 0 8px;color:var(--ink2)}
        h3 .en{font-size:12px;color:var(--mute);font-weight:400;margin-left:6px}
        table{border-collapse:collapse;width:100%}
        th,td{padding:8px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
        th{font-size:12.5px;color:var(--ink2);font-weight:600;background:#fafaf8;white-space:nowrap}
        th .en{display:block;font-size:10.5px;color:var(--mute);font-weight:400}
        td.n,th.n{text-align:right;white-space:nowrap}
        tr.total td{font-weight:700;border-top:2px solid var(--ink2);border-bottom:none;background:#fafaf8}
        .name{font-weight:600}
        .name a{color:inherit;text-decoration:none}
        .kind{display:inline-block;font-size:11.5px;color:var(--ink2);background:#efefeb;border-radius:4px;padding:0 6px;margin-left:6px;font-weight:400;vertical-align:1px}
        .bar{display:flex;align-items:center;gap:8px;min-width:150px}
        .bar .track{flex:1;height:9px;background:#ecece8;border-radius:5px;overflow:hidden}
        .bar .fill{height:100%;border-radius:5px}
        .bar .pct{width:48px;text-align:right;font-weight:600;font-size:13.5px}
        .land .fill{background:var(--green)}
        .house .fill{background:var(--purple)}
        .util .fill{background:var(--blue)}
        .muted{color:var(--mute)}
        .late{color:var(--red);font-weight:600}
        .badge{display:inline-block;min-width:22px;text-align:center;border-radius:11px;padding:0 7px;font-size:12.5px;font-weight:700;background:#fff1e0;color:var(--orange)}
        .badge.zero{background:#eef5ee;color:var(--green)}
        .note{color:var(--mute);font-size:12.5px;margin:10px 0 0}
        .project-head{display:flex;align-items:baseline;justify-content:space-between;gap:16px;flex-wrap:wrap;border-bottom:1px solid var(--line);padding-bottom:10px;margin-bottom:14px}
        .project-head h2{margin:0;font-size:22px}
        .project-head .due{color:var(--ink2);font-size:13.5px}
        .para{font-size:16.5px;line-height:1.8;margin:0 0 4px;padding:12px 16px;background:#fbf7f2;border-left:4px solid var(--red);border-radius:0 6px 6px 0}
        .para-en{font-size:12.5px;color:var(--mute);margin:6px 0 16px;line-height:1.55}
        .grid{display:grid;grid-template-columns:minmax(0,1fr) 330px;gap:24px;align-items:start}
        .map svg{width:100%;height:auto;display:block;border-radius:6px}
        .facts dl{display:grid;grid-template-columns:auto 1fr;gap:4px 14px;margin:0}
        .facts dt{color:var(--ink2);font-size:13.5px}
        .facts dd{margin:0;text-align:right;font-weight:600;font-size:14px}
        .facts dd small{font-weight:400;color:var(--mute)}
        .stack{display:flex;height:14px;border-radius:4px;overflow:hidden;background:#ecece8;margin:6px 0 4px}
        .stack span{display:block;height:100%}
        .keys{display:flex;flex-wrap:wrap;gap:2px 10px;font-size:11.5px;color:var(--ink2);margin-bottom:10px}
        .keys i{display:inline-block;width:9px;height:9px;border-radius:2px;margin-right:4px;vertical-align:0}
        .change{display:flex;flex-wrap:wrap;gap:8px;margin:4px 0 0}
        .done{color:#1b7f3b;font-weight:600}
        ul.moved{margin:4px 0;padding-left:18px;line-height:1.7}
        .change span{background:#eef3fa;color:#1f4f8a;border-radius:5px;padding:2px 9px;font-size:13px}
        .change span.neg{background:#fff1e0;color:#a34a00}
        table.blockers td{font-size:13.5px}
        .why{color:#a34a00;font-weight:600}
        .days{font-weight:700}
        .days.long{color:var(--red)}
        ul.deferred{margin:0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:6px}
        ul.deferred li{background:#f1f1ed;border-radius:5px;padding:2px 9px;font-size:13px;color:var(--ink2)}
        footer{color:var(--mute);font-size:12px;text-align:center;margin-top:8px}
        @media screen and (max-width:1100px){.grid{grid-template-columns:1fr}.kpis{grid-template-columns:repeat(2,1fr)}}
        @media print{
          @page{size:A4 landscape;margin:10mm}
          body{background:#fff;font-size:11.5pt}
          .wrap{max-width:none;padding:0}
          section.card{border:none;border-radius:0;padding:0;margin:0 0 8mm}
          section.project{break-before:page}
          .kpi{border:1px solid #ccc}
          .grid{grid-template-columns:minmax(0,1fr) 78mm}
          tr,.kpi,.facts,.map{break-inside:avoid}
          h1{font-size:20pt}
          .para{font-size:11pt;line-height:1.6;padding:6px 10px}
          .para-en{font-size:8pt;margin-bottom:8px}
          .map svg{width:auto;max-width:100%;max-height:118mm;margin:0 auto}
          .facts dt,.facts dd{font-size:9.5pt}
          h3{margin:8px 0 4px}
          th,td{padding:4px 8px}
          table.blockers td{font-size:9pt}
          header.top{padding-bottom:6px;margin-bottom:10px}
          .kpis{margin-bottom:10px;gap:8px}
          .kpi{padding:6px 10px}
          .kpi .v{font-size:18pt}
          .summary td{padding:3px 8px;font-size:9.5pt}
          .summary td br{display:none}
          .summary td .late,.summary td .muted{margin-left:4px}
          .summary th{padding:3px 8px}
          .summary .kind{display:none}
          .summary .name{white-space:nowrap}
          .summary .bar{min-width:90px}
          .summary h2{margin-bottom:4px}
          .note{font-size:7.5pt;margin-top:4px}
          .kpi .s{font-size:7.5pt}
          a{color:inherit;text-decoration:none}
          *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        }
        """
}

private struct Page {
    let report: ProgressReport
    let maps: [String: String]
    let title: String
    var out = ""

    init(report: ProgressReport, maps: [String: String], title: String) {
        self.report = report
        self.maps = maps
        self.title = title
    }

    mutating func put(_ s: String) { out += s }
    func esc(_ s: String) -> String { Markup.escape(s) }
    func f(_ v: Double, _ d: Int) -> String { String(format: "%.\(d)f", v) }
    func pct(_ part: Double, _ whole: Double) -> Double { whole > 0 ? min(max(part / whole * 100, 0), 100) : 0 }
    func anchor(_ id: String) -> String { "p-" + String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber) || $0 == "-" ? $0 : "_" }) }

    func bar(_ pctValue: Double, _ cls: String, label: String? = nil) -> String {
        let w = min(max(pctValue, 0), 100)
        return
            "<div class=\"bar \(cls)\"><div class=\"track\"><div class=\"fill\" style=\"width:\(f(w, 1))%\"></div></div><span class=\"pct\">\(label ?? f(pctValue, 1) + "%")</span></div>"
    }

    mutating func render() -> String {
        put(
            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        )
        put(
            "<title>\(esc(title)) · 截至 \(report.asOf)</title>\n<style>\n\(HTMLDashboard.css)\n</style>\n</head>\n<body>\n<div class=\"wrap\">\n"
        )
        header()
        kpis()
        summary()
        openBlockers()
        moneyOverview()
        thisWeek()
        for p in report.projects { project(p) }
        put(
            "<footer>由 LandKit 生成 · 面积为 CGCS2000 椭球面积（亩，1 亩 = 666.67 m²）· 户主姓名已脱敏 · Generated by LandKit; areas are ellipsoidal mu; personal data masked.</footer>\n"
        )
        put("</div>\n</body>\n</html>\n")
        return out
    }

    mutating func header() {
        put(
            "<header class=\"top\"><div><h1>\(esc(title))</h1><div class=\"en\">Land acquisition &amp; demolition progress · \(report.projects.count) 个项目 projects</div></div>"
        )
        put("<div class=\"date\">截至 As of<b>\(report.asOf)</b>")
        if let since = report.since { put("对比 \(since) 以来变化") }
        put("</div></header>\n")
    }

    mutating func kpis() {
        let t = report.totals
        let houses = t.householdsInside + t.householdsEdge
        put("<div class=\"kpis\">")
        put(
            "<div class=\"kpi\"><div class=\"k\">用地合计 Land required</div><div class=\"v\">\(f(t.requiredMuUnion, 2))<small>亩</small></div><div class=\"s\">重叠土地只计一次 · counted once</div></div>"
        )
        put(
            "<div class=\"kpi\"><div class=\"k\">已清表 Cleared</div><div class=\"v\">\(f(t.clearedMuSum, 2))<small>亩</small></div><div class=\"s\">占各项目用地 \(f(pct(t.clearedMuSum, t.requiredMuSum), 1))%</div></div>"
        )
        put(
            "<div class=\"kpi\"><div class=\"k\">已拆除房屋 Demolished</div><div class=\"v\">\(t.demolished)<small>/ \(houses) 户</small></div><div class=\"s\">其中边线户 \(t.householdsEdge) 户 · 暂缓 \(t.deferred) 项</div></div>"
        )
        put(
            "<div class=\"kpi\"><div class=\"k\">杆线管线迁改 Relocated</div><div class=\"v\">\(t.relocated)<small>/ \(t.utilityItems) 处</small></div><div class=\"s\">\(t.utilityItems > 0 ? "完成 " + f(pct(Double(t.relocated), Double(t.utilityItems)), 1) + "%" : "无迁改任务")</div></div>"
        )
        put(
            "<div class=\"kpi\(t.openBlockers > 0 ? " warn" : "")\"><div class=\"k\">受阻事项 Open blockers</div><div class=\"v\">\(t.openBlockers)<small>项</small></div><div class=\"s\">需协调解决 · to resolve</div></div>"
        )
        if let m = t.money {
            put(
                "<div class=\"kpi\"><div class=\"k\">已兑付 Paid</div><div class=\"v\">\(m.paid.wan)<small>万元</small></div><div class=\"s\">已签协议 \(m.agreed.wan) 万元 · 测算 \(m.estimate?.wan ?? "-") 万元</div></div>"
            )
        }
        put("</div>\n")
    }

    mutating func summary() {
        put("<section class=\"card summary\"><h2>项目总览<span class=\"en\">Summary</span></h2>\n<table>\n<thead><tr>")
        for (zh, en, n) in [
            ("项目", "project", false), ("用地（亩）", "land, mu", true), ("清表进度", "cleared", false), ("房屋（户）", "houses in / edge", true),
            ("拆除进度", "demolished", false), ("杆线迁改", "utilities relocated", false), ("受阻", "blocked", true), ("完成时限", "due", true),
        ] {
            put("<th\(n ? " class=\"n\"" : "")>\(zh)<span class=\"en\">\(en)</span></th>")
        }
        put("</tr></thead>\n<tbody>\n")
        for p in report.projects {
            let houses = p.households.inside + p.households.edge
            put(
                "<tr><td class=\"name\"><a href=\"#\(anchor(p.id))\">\(esc(p.name))</a><span class=\"kind\">\(HTMLDashboard.kindZh(p.kind))</span></td>"
            )
            put("<td class=\"n\">\(f(p.land.requiredMu, 2))</td>")
            put("<td>\(p.land.requiredMu > 0 ? bar(p.land.clearedPct, "land") : "<span class=\"muted\">—</span>")</td>")
            put("<td class=\"n\">\(houses > 0 ? "\(p.households.inside) / \(p.households.edge)" : "<span class=\"muted\">—</span>")</td>")
            put(
                "<td>\(houses > 0 ? bar(p.households.demolishedPct, "house", label: f(p.households.demolishedPct, 1) + "%") : "<span class=\"muted\">—</span>")</td>"
            )
            put(
                "<td>\(p.utilities.items > 0 ? bar(pct(Double(p.utilities.relocated), Double(p.utilities.items)), "util", label: "\(p.utilities.relocated)/\(p.utilities.items)") : "<span class=\"muted\">—</span>")</td>"
            )
            put("<td class=\"n\"><span class=\"badge\(p.blockers.isEmpty ? " zero" : "")\">\(p.blockers.count)</span></td>")
            put("<td class=\"n\">\(due(p))</td></tr>\n")
        }
        let t = report.totals
        let houses = t.householdsInside + t.householdsEdge
        put(
            "<tr class=\"total\"><td>合计 Total</td><td class=\"n\">\(f(t.requiredMuUnion, 2))</td><td>\(bar(pct(t.clearedMuSum, t.requiredMuSum), "land"))</td>"
        )
        put(
            "<td class=\"n\">\(t.householdsInside) / \(t.householdsEdge)</td><td>\(bar(pct(Double(t.demolished), Double(houses)), "house"))</td>"
        )
        put(
            "<td>\(t.utilityItems > 0 ? bar(pct(Double(t.relocated), Double(t.utilityItems)), "util", label: "\(t.relocated)/\(t.utilityItems)") : "—")</td>"
        )
        put("<td class=\"n\"><span class=\"badge\(t.openBlockers == 0 ? " zero" : "")\">\(t.openBlockers)</span></td><td></td></tr>\n")
        put("</tbody></table>\n")
        put(
            "<p class=\"note\">合计用地按各项目红线的并集计算，多个项目重叠的土地只计一次（各项目相加为 \(f(t.requiredMuSum, 2)) 亩）；合计清表进度 = 各项目清表亩数之和 ÷ 各项目用地之和。Total land counts land shared by several projects once.</p>\n"
        )
        put("</section>\n")
    }

    func due(_ p: ProjectProgress) -> String {
        if p.isFinished { return "<span class=\"done\">已完成</span>" }
        guard let d = p.due else { return "<span class=\"muted\">—</span>" }
        guard let left = p.daysLeft else { return "\(d)" }
        if left < 0 { return "\(d)<br><span class=\"late\">逾期 \(-left) 天</span>" }
        return "\(d)<br><span class=\"muted\">剩余 \(left) 天</span>"
    }

    mutating func project(_ p: ProjectProgress) {
        put(
            "<section class=\"card project\" id=\"\(anchor(p.id))\">\n<div class=\"project-head\"><h2>\(esc(p.name))<span class=\"kind\">\(HTMLDashboard.kindZh(p.kind))</span></h2>"
        )
        var dueText = ""
        if let d = p.due {
            dueText = "完成时限 \(d)"
            if p.isFinished {
                dueText += " · <span class=\"done\">已完成</span>"
            } else if let left = p.daysLeft {
                dueText += left < 0 ? " · <span class=\"late\">逾期 \(-left) 天</span>" : " · 剩余 \(left) 天"
            }
        } else if p.isFinished {
            dueText = "<span class=\"done\">已完成</span>"
        }
        put("<div class=\"due\">\(dueText)</div></div>\n")
        put("<p class=\"para\">\(esc(p.narrativeZh))</p>\n<p class=\"para-en\">\(esc(p.narrativeEn))</p>\n")
        put("<div class=\"grid\">\n<div class=\"map\">")
        if let svg = maps[p.id] { put(svg) } else { put("<p class=\"muted\">（无地图 no map）</p>") }
        put("</div>\n<div class=\"facts\">")
        facts(p)
        put("</div>\n</div>\n")
        parts(p)
        money(p)
        blockers(p)
        deferred(p)
        put("</section>\n")
    }

    /// The project by section or team (``ReportFormatter/partRows`` wording), with a cleared bar per part.
    mutating func parts(_ p: ProjectProgress) {
        guard let parts = p.parts, !parts.isEmpty else { return }
        let section = report.breakdown == .section
        put(
            "<h3>\(section ? "分标段" : "分工作组")<span class=\"en\">\(section ? "By section" : "By team")</span></h3>\n<table class=\"parts\">\n"
        )
        put("<tr><th></th><th>用地(亩)</th><th>清表</th><th>房屋(内/边)</th><th>已拆除</th><th>杆线</th><th>受阻</th><th>未完成</th></tr>\n")
        for t in parts {
            let open =
                t.isFinished
                ? "<span class=\"done\">已完成</span>" : "\(f(t.open.landMu, 2)) 亩 / \(t.open.households) 户 / \(t.open.utilities) 处"
            put(
                "<tr><td>\(esc(t.name))</td><td class=\"num\">\(f(t.land.requiredMu, 2))</td><td>\(bar(t.land.clearedPct, "cleared", label: f(t.land.clearedPct, 1) + "%"))</td><td class=\"num\">\(t.households.inside)/\(t.households.edge)</td><td class=\"num\">\(t.households.demolished)</td><td class=\"num\">\(t.utilities.relocated)/\(t.utilities.items)</td><td class=\"num\">\(t.blockers)</td><td>\(open)</td></tr>\n"
            )
        }
        put("</table>\n")
    }

    /// Budget vs signed vs paid (万元), with bars relative to the budget, and the agreements not yet paid in full.
    mutating func money(_ p: ProjectProgress) {
        guard let m = p.money else { return }
        let base = max(m.estimate?.fen ?? 0, m.agreed.fen, 1)
        put("<h3>补偿资金<span class=\"en\">Compensation, 万元</span></h3>\n<table class=\"money\">\n")
        for (label, value) in [("测算 budget", m.estimate), ("已签协议 signed", m.agreed), ("已兑付 paid", m.paid)] as [(String, Yuan?)] {
            let pct = value.map { Double($0.fen) / Double(base) * 100 } ?? 0
            put(
                "<tr><td>\(label)</td><td class=\"num\">\(value?.wan ?? "-")</td><td><div style=\"background:var(--blue);height:8px;width:\(String(format: "%.1f", pct))%\"></div></td></tr>\n"
            )
        }
        put("</table>\n")
        if !m.unpaid.isEmpty {
            put("<p class=\"muted\">未付清协议 \(m.unpaid.count) 份：")
            put(
                m.unpaid.prefix(20).map {
                    "\(esc($0.agreement))（\(esc($0.id))，签订 \($0.days) 天\($0.scans > 0 ? "，协议扫描件 \($0.scans) 份" : "，未存协议扫描件")）"
                }.joined(separator: "、")
                    + (m.unpaid.count > 20 ? " …" : ""))
            put("</p>\n")
        }
    }

    mutating func facts(_ p: ProjectProgress) {
        put("<h3 style=\"margin-top:0\">征地<span class=\"en\">Land</span></h3>")
        if p.land.requiredMu > 0 {
            put("<div class=\"stack\">")
            for st in LandStage.allCases {
                let mu = p.land.stageMu[st] ?? 0
                guard mu >= 0.005 else { continue }
                put(
                    "<span style=\"width:\(f(pct(mu, p.land.requiredMu), 2))%;background:\(MapStyle.landColours[st.order])\" title=\"\(st.zh) \(f(mu, 2)) 亩\"></span>"
                )
            }
            put("</div><div class=\"keys\">")
            for st in LandStage.allCases where (p.land.stageMu[st] ?? 0) >= 0.005 {
                put(
                    "<span><i style=\"background:\(MapStyle.landColours[st.order])\"></i>\(st.zh) \(f(p.land.stageMu[st] ?? 0, 2))</span>"
                )
            }
            put("</div>")
        }
        put("<dl>")
        put("<dt>用地 required</dt><dd>\(f(p.land.requiredMu, 2)) 亩 <small>\(p.land.parcels) 宗</small></dd>")
        put("<dt>已勘测定界 surveyed</dt><dd>\(f(p.land.reachedMu[.surveyed] ?? 0, 2)) 亩</dd>")
        put("<dt>已签协议 agreed</dt><dd>\(f(p.land.reachedMu[.agreed] ?? 0, 2)) 亩</dd>")
        put("<dt>已清表 cleared</dt><dd>\(f(p.land.clearedMu, 2)) 亩 <small>\(f(p.land.clearedPct, 1))%</small></dd>")
        put("<dt>已交地 handed over</dt><dd>\(f(p.land.handedOverMu, 2)) 亩 <small>\(f(p.land.handedOverPct, 1))%</small></dd>")
        put("</dl>")
        let houses = p.households.inside + p.households.edge
        if houses > 0 {
            put("<h3>房屋<span class=\"en\">Households</span></h3><dl>")
            put("<dt>涉及 inside / edge</dt><dd>\(p.households.inside) / \(p.households.edge) 户</dd>")
            put("<dt>已签约 signed</dt><dd>\(p.households.signed) 户</dd>")
            put("<dt>已腾空 vacated</dt><dd>\(p.households.vacated) 户</dd>")
            put("<dt>已拆除 demolished</dt><dd>\(p.households.demolished) 户 <small>\(f(p.households.demolishedPct, 1))%</small></dd>")
            if p.households.deferred > 0 {
                put("<dt>暂缓 deferred</dt><dd>\(p.households.deferred) 户 <small>边线 \(p.households.deferredEdge)</small></dd>")
            }
            put("</dl>")
        }
        if p.utilities.items > 0 {
            put("<h3>杆线管线<span class=\"en\">Utilities</span></h3><dl>")
            put("<dt>需迁改 to relocate</dt><dd>\(p.utilities.items) 处 <small>\(f(p.utilities.lengthMetres, 0)) 米</small></dd>")
            put("<dt>已迁改 relocated</dt><dd>\(p.utilities.relocated) 处 <small>\(f(p.utilities.relocatedMetres, 0)) 米</small></dd>")
            put("</dl>")
        }
        if let c = p.change, let since = report.since {
            put("<h3>自 \(since) 以来<span class=\"en\">change</span></h3><div class=\"change\">")
            let parts = c.phrases(.zh)
            if parts.isEmpty { put("<span>无变化 no change</span>") }
            for part in parts { put("<span\(part.isSetback ? " class=\"neg\"" : "")>\(esc(part.text))</span>") }
            put("</div>")
        }
    }

    /// Page 1: every open blocker of every project, longest first.
    mutating func openBlockers() {
        let all = report.projects.flatMap { p in p.blockers.map { (p, $0) } }.sorted { ($0.1.days ?? 0) > ($1.1.days ?? 0) }
        guard !all.isEmpty else { return }
        put(
            "<section class=\"card summary\"><h2>受阻事项汇总<span class=\"en\">Open blockers (\(all.count))</span></h2>\n<table class=\"blockers\"><thead><tr>"
        )
        for (zh, en, n) in [
            ("项目", "project", false), ("事项", "what", false), ("原因", "why", false), ("责任方", "whose side", false), ("起始", "since", true),
            ("天数", "days", true),
        ] {
            put("<th\(n ? " class=\"n\"" : "")>\(zh)<span class=\"en\">\(en)</span></th>")
        }
        put("</tr></thead><tbody>\n")
        for (p, b) in all {
            let what = "\(b.entity.nameZh) \(b.label.map { "\($0)（\(b.id)）" } ?? b.id)"
            let days = b.days.map { "<span class=\"days\($0 >= 30 ? " long" : "")\">\($0)</span>" } ?? "—"
            put(
                "<tr><td><a href=\"#\(anchor(p.id))\">\(esc(p.name))</a></td><td>\(esc(what))</td><td class=\"why\">\(b.reason.zh)</td><td>\(HTMLDashboard.ownerZh(b.reason))</td>"
            )
            put("<td class=\"n\">\(b.since?.description ?? "—")</td><td class=\"n\">\(days)</td></tr>\n")
        }
        put("</tbody></table></section>\n")
    }

    /// Budget, signed and paid of every project in 万元: the rows of the text report's money table.
    mutating func moneyOverview() {
        guard let rows = ReportFormatter.moneyRows(report, zh: true), let head = rows.first else { return }
        put(
            "<section class=\"card summary\"><h2>补偿资金<span class=\"en\">Compensation, 万元</span></h2>\n<table class=\"money-all\"><thead><tr>"
        )
        for (i, h) in head.enumerated() { put("<th\(i > 0 ? " class=\"n\"" : "")>\(esc(h))</th>") }
        put("</tr></thead><tbody>\n")
        for (r, row) in rows.dropFirst().enumerated() {
            let total = r == rows.count - 2
            put("<tr\(total ? " class=\"total\"" : "")>")
            for (i, cell) in row.enumerated() { put("<td\(i > 0 ? " class=\"n\"" : "")>\(esc(cell))</td>") }
            put("</tr>\n")
        }
        put("</tbody></table></section>\n")
    }

    /// Page 1: what moved since the comparison date, one line per project.
    mutating func thisWeek() {
        guard let since = report.since else { return }
        put("<section class=\"card summary\"><h2>自 \(since) 以来<span class=\"en\">What moved</span></h2>\n<ul class=\"moved\">")
        for p in report.projects {
            let phrases = p.change?.phrases(.zh) ?? []
            let text = phrases.isEmpty ? "<span class=\"muted\">无变化</span>" : esc(phrases.map(\.text).joined(separator: "，"))
            put("<li><a href=\"#\(anchor(p.id))\">\(esc(p.name))</a>：\(text)</li>")
        }
        put("</ul></section>\n")
    }

    mutating func blockers(_ p: ProjectProgress) {
        guard !p.blockers.isEmpty else { return }
        put("<h3>受阻事项<span class=\"en\">Open blockers (\(p.blockers.count))</span></h3>\n<table class=\"blockers\"><thead><tr>")
        for (zh, en, n) in [
            ("事项", "what", false), ("原因", "why", false), ("责任方", "whose side", false), ("说明", "note", false), ("起始", "since", true),
            ("天数", "days", true),
        ] {
            put("<th\(n ? " class=\"n\"" : "")>\(zh)<span class=\"en\">\(en)</span></th>")
        }
        put("</tr></thead><tbody>\n")
        for b in p.blockers {
            let what = "\(b.entity.nameZh) \(b.label.map { "\($0)（\(b.id)）" } ?? b.id)"
            let days = b.days.map { "<span class=\"days\($0 >= 30 ? " long" : "")\">\($0)</span>" } ?? "—"
            put(
                "<tr><td>\(esc(what))</td><td class=\"why\">\(b.reason.zh)</td><td>\(HTMLDashboard.ownerZh(b.reason)) <span class=\"muted\">\(esc(b.owner))</span></td>"
            )
            put("<td>\(esc(b.note ?? ""))</td><td class=\"n\">\(b.since?.description ?? "—")</td><td class=\"n\">\(days)</td></tr>\n")
        }
        put("</tbody></table>\n")
    }

    mutating func deferred(_ p: ProjectProgress) {
        guard !p.deferredItems.isEmpty else { return }
        put(
            "<h3>暂缓事项（不影响施工）<span class=\"en\">Deferred, no construction impact (\(p.deferredItems.count))</span></h3>\n<ul class=\"deferred\">"
        )
        for d in p.deferredItems {
            let pos = d.position == .edge ? "边线" : ""
            let note = d.note.map { "：\($0)" } ?? ""
            put("<li>\(esc("\(pos)\(d.entity.nameZh) \(d.id)\(note)"))</li>")
        }
        put("</ul>\n")
    }
}
