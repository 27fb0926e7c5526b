import Foundation

/// Writes a ``ProgressReport`` as an aligned text table, Markdown, CSV or JSON (cli.md fields).
/// Rounding happens here only: mu with 2 decimals in text, 4 in CSV/JSON; percentages with 1.
public enum ReportFormatter {
    static func r(_ v: Double, _ d: Int) -> Double {
        let m = pow(10, Double(d))
        return (v * m).rounded() / m
    }

    static func f(_ v: Double, _ d: Int) -> String { String(format: "%.\(d)f", v) }

    static func landClass(_ c: ProjectProgress.LandClassShare) -> String {
        [c.code, c.name].compactMap { $0 }.joined(separator: " ").isEmpty
            ? "unknown" : [c.code, c.name].compactMap { $0 }.joined(separator: " ")
    }

    // MARK: JSON

    struct JSONReport: Encodable {
        var as_of: String
        var since: String?
        var projects: [JSONProject]
        var totals: JSONTotals
        /// Projects whose figures predate a change of features or red lines (overlaps not computed since).
        var stale_projects: [String]
        /// `section` or `team` when the projects are broken down (each project then has `parts`).
        var by: String?
    }

    struct JSONPart: Encodable {
        /// The section or team id; null for the items in none.
        var id: String?
        var name: String
        var parcels: Int
        var required_mu: Double
        var cleared_mu: Double
        var cleared_pct: Double
        var handed_over_mu: Double
        var households_inside: Int
        var households_edge: Int
        var signed: Int
        var demolished: Int
        var utility_items: Int
        var utility_length_m: Double
        var relocated: Int
        var blockers: Int
        var open_land_mu: Double
        var open_households: Int
        var open_utilities: Int
        var finished: Bool
    }

    struct JSONProject: Encodable {
        var id: String
        var name: String
        var kind: String
        var due: String?
        var days_left: Int?
        var land: JSONLand
        var households: JSONHouseholds
        var utilities: JSONUtilities
        var blockers: [JSONBlocker]
        var deferred: [JSONDeferred]
        var change: JSONChange?
        var out_of_zone: Int
        var money: JSONMoney?
        var narrative: String
        var narrative_zh: String
        var narrative_en: String
        var parts: [JSONPart]?
    }

    struct JSONLand: Encodable {
        var parcels: Int
        var required_m2: Double
        var required_mu: Double
        var by_class: [JSONClass]
        var stage_mu: [String: Double]
        var reached_mu: [String: Double]
        var cleared_mu: Double
        var cleared_pct: Double
        var handed_over_mu: Double
        var handed_over_pct: Double
    }

    struct JSONClass: Encodable {
        var code: String?
        var name: String?
        var mu: Double
    }

    struct JSONHouseholds: Encodable {
        var inside: Int
        var edge: Int
        var stage: [String: Int]
        var signed: Int
        var vacated: Int
        var demolished: Int
        var demolished_pct: Double
        var deferred: Int
        var deferred_edge: Int
    }

    struct JSONUtilities: Encodable {
        var items: Int
        var length_m: Double
        var stage: [String: Int]
        var relocated: Int
        var relocated_m: Double
    }

    struct JSONBlocker: Encodable {
        var entity: String
        var id: String
        var label: String?
        var reason: String
        var reason_zh: String
        var owner: String
        var note: String?
        var since: String?
        var days: Int?
    }

    struct JSONDeferred: Encodable {
        var entity: String
        var id: String
        var position: String?
        var note: String?
    }

    struct JSONChange: Encodable {
        var surveyed_mu: Double
        var cleared_mu: Double
        var handed_over_mu: Double
        var signed: Int
        var demolished: Int
        var relocated: Int
        var new_blockers: Int
        var resolved_blockers: Int
        /// Every stage move: mu and parcels that reached each land stage, households and utilities each stage.
        var land_reached_mu: [String: Double]
        var land_reached_parcels: [String: Int]
        var households_reached: [String: Int]
        var utilities_reached: [String: Int]
        var red_line_revisions: Int
    }

    /// Yuan are exact decimal strings ("1234.50"): a JSON number is read as a binary double by most consumers.
    struct JSONMoney: Encodable {
        var estimate_yuan: Yuan?
        var agreed_yuan: Yuan
        var paid_yuan: Yuan
        var agreements: Int
        var household_agreements: Int
        /// How many signed agreements are not paid in full.
        var unpaid_agreements: Int
        var unpaid: [JSONUnpaid]?

        init(_ m: ProjectMoney, list: Bool) {
            estimate_yuan = m.estimate
            agreed_yuan = m.agreed
            paid_yuan = m.paid
            agreements = m.agreements
            household_agreements = m.householdAgreements
            unpaid_agreements = m.unpaid.count
            unpaid =
                list
                ? m.unpaid.map {
                    JSONUnpaid(
                        entity: $0.entity.rawValue, id: $0.id, agreement: $0.agreement, agreed_yuan: $0.agreed, paid_yuan: $0.paid,
                        signed: $0.signed.description, days_since_signing: $0.days, scans: $0.scans)
                } : nil
        }
    }

    struct JSONUnpaid: Encodable {
        var entity: String
        var id: String
        var agreement: String
        var agreed_yuan: Yuan?
        var paid_yuan: Yuan?
        var signed: String
        var days_since_signing: Int
        /// Scans of the agreement kept in the database.
        var scans: Int
    }

    struct JSONTotals: Encodable {
        var required_mu_union: Double
        var required_mu_sum: Double
        var cleared_mu_sum: Double
        var households_inside: Int
        var households_edge: Int
        var demolished: Int
        var deferred: Int
        var utility_items: Int
        var relocated: Int
        var open_blockers: Int
        var money: JSONMoney?
        var note: String
    }

    /// A stage-keyed table keyed by the stages' codes (cli.md's JSON fields).
    static func codes<S: WorkflowStage, V>(_ table: [S: V]) -> [String: V] {
        Dictionary(uniqueKeysWithValues: table.map { ($0.key.rawValue, $0.value) })
    }

    public static func json(_ report: ProgressReport, lang: ReportLanguage) throws -> String {
        let zh = lang == .zh
        let projects = report.projects.map { p in
            JSONProject(
                id: p.id, name: p.name, kind: p.kind.rawValue, due: p.due?.description, days_left: p.daysLeft,
                land: JSONLand(
                    parcels: p.land.parcels, required_m2: r(p.land.requiredSquareMetres, 2), required_mu: r(p.land.requiredMu, 4),
                    by_class: p.land.byClass.map { JSONClass(code: $0.code, name: $0.name, mu: r($0.mu, 4)) },
                    stage_mu: Self.codes(p.land.stageMu.mapValues { r($0, 4) }),
                    reached_mu: Self.codes(p.land.reachedMu.mapValues { r($0, 4) }),
                    cleared_mu: r(p.land.clearedMu, 4), cleared_pct: r(p.land.clearedPct, 1),
                    handed_over_mu: r(p.land.handedOverMu, 4), handed_over_pct: r(p.land.handedOverPct, 1)),
                households: JSONHouseholds(
                    inside: p.households.inside, edge: p.households.edge, stage: Self.codes(p.households.stage),
                    signed: p.households.signed,
                    vacated: p.households.vacated, demolished: p.households.demolished, demolished_pct: r(p.households.demolishedPct, 1),
                    deferred: p.households.deferred, deferred_edge: p.households.deferredEdge),
                utilities: JSONUtilities(
                    items: p.utilities.items, length_m: r(p.utilities.lengthMetres, 2), stage: Self.codes(p.utilities.stage),
                    relocated: p.utilities.relocated, relocated_m: r(p.utilities.relocatedMetres, 2)),
                blockers: p.blockers.map {
                    JSONBlocker(
                        entity: $0.entity.rawValue, id: $0.id, label: $0.label, reason: $0.reason.rawValue, reason_zh: $0.reason.zh,
                        owner: $0.owner,
                        note: $0.note, since: $0.since?.description, days: $0.days)
                },
                deferred: p.deferredItems.map {
                    JSONDeferred(entity: $0.entity.rawValue, id: $0.id, position: $0.position?.rawValue, note: $0.note)
                },
                change: p.change.map {
                    JSONChange(
                        surveyed_mu: r($0.surveyedMu, 4), cleared_mu: r($0.clearedMu, 4), handed_over_mu: r($0.handedOverMu, 4),
                        signed: $0.signed,
                        demolished: $0.demolished, relocated: $0.relocated, new_blockers: $0.newBlockers,
                        resolved_blockers: $0.resolvedBlockers, land_reached_mu: Self.codes($0.landReachedMu).mapValues { r($0, 4) },
                        land_reached_parcels: Self.codes($0.landReachedParcels), households_reached: Self.codes($0.householdsReached),
                        utilities_reached: Self.codes($0.utilitiesReached), red_line_revisions: $0.redLineRevisions)
                },
                out_of_zone: p.outOfZone, money: p.money.map { JSONMoney($0, list: true) }, narrative: zh ? p.narrativeZh : p.narrativeEn,
                narrative_zh: p.narrativeZh,
                narrative_en: p.narrativeEn,
                parts: p.parts?.map { t in
                    JSONPart(
                        id: t.id, name: t.name, parcels: t.land.parcels, required_mu: r(t.land.requiredMu, 4),
                        cleared_mu: r(t.land.clearedMu, 4), cleared_pct: r(t.land.clearedPct, 1), handed_over_mu: r(t.land.handedOverMu, 4),
                        households_inside: t.households.inside, households_edge: t.households.edge, signed: t.households.signed,
                        demolished: t.households.demolished, utility_items: t.utilities.items,
                        utility_length_m: r(t.utilities.lengthMetres, 2), relocated: t.utilities.relocated, blockers: t.blockers,
                        open_land_mu: r(t.open.landMu, 4), open_households: t.open.households, open_utilities: t.open.utilities,
                        finished: t.isFinished)
                })
        }
        let t = report.totals
        let out = JSONReport(
            as_of: report.asOf.description, since: report.since?.description, projects: projects,
            totals: JSONTotals(
                required_mu_union: r(t.requiredMuUnion, 4), required_mu_sum: r(t.requiredMuSum, 4), cleared_mu_sum: r(t.clearedMuSum, 4),
                households_inside: t.householdsInside, households_edge: t.householdsEdge, demolished: t.demolished, deferred: t.deferred,
                utility_items: t.utilityItems, relocated: t.relocated, open_blockers: t.openBlockers,
                money: t.money.map { JSONMoney($0, list: false) },
                note: "required_mu_union counts land inside several projects once; the sums count it in each project"),
            stale_projects: report.staleProjects, by: report.breakdown?.rawValue)
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(out), as: UTF8.self)
    }

    // MARK: Tables

    /// The summary rows shared by text, Markdown and CSV: one per project, then the totals.
    static func summaryRows(_ report: ProgressReport, zh: Bool, decimals: Int) -> [[String]] {
        let header =
            zh
            ? ["项目", "用地(亩)", "清表(亩)", "清表%", "交地(亩)", "房屋(内/边)", "已拆除", "拆除%", "暂缓", "杆线(处/米)", "已迁改", "受阻", "剩余天数"]
            : [
                "project", "land mu", "cleared mu", "cleared %", "handed mu", "houses in/edge", "demolished", "demol. %", "deferred",
                "utilities n/m", "relocated", "blocked", "days left",
            ]
        var rows = [header]
        for p in report.projects {
            rows.append([
                p.name, f(p.land.requiredMu, decimals), f(p.land.clearedMu, decimals), f(p.land.clearedPct, 1),
                f(p.land.handedOverMu, decimals),
                "\(p.households.inside)/\(p.households.edge)", "\(p.households.demolished)", f(p.households.demolishedPct, 1),
                "\(p.households.deferred + p.deferredItems.filter { $0.entity != .household }.count)",
                "\(p.utilities.items)/\(f(p.utilities.lengthMetres, 0))", "\(p.utilities.relocated)", "\(p.blockers.count)",
                p.isFinished ? (zh ? "已完成" : "done") : p.daysLeft.map(String.init) ?? "-",
            ])
        }
        return rows
    }

    /// One row per part of every broken-down project (shared by text and Markdown); nil without a breakdown.
    static func partRows(_ report: ProgressReport, zh: Bool) -> [[String]]? {
        guard let by = report.breakdown else { return nil }
        let part = by == .section ? (zh ? "标段" : "section") : (zh ? "工作组" : "team")
        var rows = [
            zh
                ? ["项目", part, "用地(亩)", "清表%", "交地(亩)", "房屋(内/边)", "已拆除", "杆线(处)", "已迁改", "受阻", "未完成(亩/户/处)"]
                : [
                    "project", part, "land mu", "cleared %", "handed mu", "houses in/edge", "demolished", "utilities", "relocated",
                    "blocked", "open mu/hh/util",
                ]
        ]
        for p in report.projects {
            for t in p.parts ?? [] {
                rows.append([
                    p.name, t.name, f(t.land.requiredMu, 2), f(t.land.clearedPct, 1), f(t.land.handedOverMu, 2),
                    "\(t.households.inside)/\(t.households.edge)", "\(t.households.demolished)", "\(t.utilities.items)",
                    "\(t.utilities.relocated)", "\(t.blockers)",
                    t.isFinished ? (zh ? "已完成" : "done") : "\(f(t.open.landMu, 2))/\(t.open.households)/\(t.open.utilities)",
                ])
            }
        }
        return rows
    }

    /// The columns of the summary table a terminal of ``TextTable/terminalColumns`` shows: cleared mu
    /// and demolished % are left out (cleared % and demolished are there), long names shortened.
    static let narrowColumns = [0, 1, 3, 4, 5, 6, 8, 9, 10, 11, 12]
    static let narrowNameWidth = 26

    /// The report for a terminal.
    /// - Parameter wide: every column and full names; by default the tables fit ``TextTable/terminalColumns``.
    public static func text(_ report: ProgressReport, lang: ReportLanguage, wide: Bool = false) -> String {
        let zh = lang == .zh
        var out: [String] = []
        /// A paragraph: wrapped to the terminal unless wide.
        func prose(_ text: String, indent: String = "") {
            out += wide ? [text] : TextTable.wrap(text, width: TextTable.terminalColumns, indent: indent)
        }
        out.append(zh ? "征地拆迁进度（截至 \(report.asOf)）" : "Land acquisition and demolition progress as of \(report.asOf)")
        out.append("")
        var summary = summaryRows(report, zh: zh, decimals: 2)
        if !wide {
            summary = summary.map { row in
                narrowColumns.map { $0 == 0 ? TextTable.truncate(row[0], to: narrowNameWidth) : row[$0] }
            }
        }
        out.append(TextTable.render(summary, numeric: Set(1..<(summary.first?.count ?? 1))))
        let t = report.totals
        out.append("")
        prose(
            zh
                ? "合计：用地 \(f(t.requiredMuUnion, 2)) 亩（多个项目重叠的土地只计一次；各项目相加为 \(f(t.requiredMuSum, 2)) 亩），房屋 \(t.householdsInside + t.householdsEdge) 户（边线 \(t.householdsEdge) 户），已拆除 \(t.demolished) 户，受阻 \(t.openBlockers) 项。"
                : "All projects: \(f(t.requiredMuUnion, 2)) mu of land counted once (\(f(t.requiredMuSum, 2)) mu summed over projects), \(t.householdsInside + t.householdsEdge) households (\(t.householdsEdge) on the edge), \(t.demolished) demolished, \(t.openBlockers) open blockers."
        )
        if var rows = partRows(report, zh: zh) {
            out.append("")
            out.append(zh ? "分\(rows[0][1])：" : "By \(rows[0][1]):")
            if !wide { rows = rows.map { r in [TextTable.truncate(r[0], to: 16), TextTable.truncate(r[1], to: 16)] + r.dropFirst(2) } }
            out.append(TextTable.render(rows.map { $0.map(OutputSafety.terminal) }, numeric: Set(2..<rows[0].count)))
        }
        if let since = report.since {
            out.append("")
            out.append(zh ? "自 \(since) 以来的变化：" : "Change since \(since):")
            for p in report.projects {
                guard let c = p.change else { continue }
                let parts = c.phrases(lang).map(\.text)
                prose(
                    "  \(OutputSafety.terminal(p.name))："
                        + (parts.isEmpty ? (zh ? "无变化" : "no change") : parts.joined(separator: zh ? "，" : ", ")), indent: "    ")
            }
        }
        let blockers = report.projects.flatMap { p in p.blockers.map { (p, $0) } }
        if !blockers.isEmpty {
            out.append("")
            out.append(zh ? "受阻事项：" : "Open blockers:")
            var rows = [
                zh
                    ? ["项目", "对象", "名称", "原因", "责任方", "起始", "天数", "说明"]
                    : ["project", "item", "name", "reason", "whose side", "since", "days", "note"]
            ]
            for (p, b) in blockers {
                rows.append([
                    p.name, "\(b.entity.rawValue) \(b.id)", b.label ?? "", zh ? b.reason.zh : b.reason.rawValue, b.owner,
                    b.since?.description ?? "", b.days.map(String.init) ?? "", b.note ?? "",
                ])
            }
            if !wide {
                // The owner follows from the reason; names and notes are shortened.
                rows = rows.map { r in
                    [TextTable.truncate(r[0], to: 22), r[1], r[2], r[3], r[5], r[6], TextTable.truncate(r[7], to: 30)]
                }
            }
            out.append(TextTable.render(rows, numeric: [wide ? 6 : 5]))
        }
        if let rows = moneyRows(report, zh: zh) {
            out.append("")
            out.append(zh ? "补偿资金（万元）：" : "Compensation (10k yuan):")
            out.append(TextTable.render(rows.map { $0.map(OutputSafety.terminal) }, numeric: [1, 2, 3, 4, 5]))
        }
        out.append("")
        out.append(zh ? "工作报告表述：" : "For the work report:")
        for p in report.projects { prose("  " + OutputSafety.terminal(zh ? p.narrativeZh : p.narrativeEn), indent: "    ") }
        return out.joined(separator: "\n")
    }

    /// Budget, signed and paid per project in 万元, then the total; nil when no project has money data.
    static func moneyRows(_ report: ProgressReport, zh: Bool) -> [[String]]? {
        guard let total = report.totals.money else { return nil }
        var rows = [
            zh
                ? ["项目", "测算", "已签协议", "已兑付", "协议份数", "未付清协议"]
                : ["project", "estimate", "signed", "paid", "agreements", "not paid in full"]
        ]
        func row(_ name: String, _ m: ProjectMoney) -> [String] {
            [name, m.estimate?.wan ?? "-", m.agreed.wan, m.paid.wan, "\(m.agreements)", "\(m.unpaid.count)"]
        }
        for p in report.projects { if let m = p.money { rows.append(row(p.name, m)) } }
        rows.append(
            row(
                zh ? "合计" : "total",
                ProjectMoney(
                    estimate: total.estimate, agreed: total.agreed, agreements: total.agreements,
                    householdAgreements: total.householdAgreements, paid: total.paid,
                    unpaid: report.projects.flatMap { $0.money?.unpaid ?? [] })))
        return rows
    }

    public static func markdown(_ report: ProgressReport, lang: ReportLanguage) -> String {
        let zh = lang == .zh
        let rows = summaryRows(report, zh: zh, decimals: 2)
        var out = ["# " + (zh ? "征地拆迁进度（截至 \(report.asOf)）" : "Land acquisition and demolition progress as of \(report.asOf)"), ""]
        let esc = OutputSafety.markdown
        out.append("| " + rows[0].map(esc).joined(separator: " | ") + " |")
        out.append("|" + rows[0].enumerated().map { i, _ in i == 0 ? " --- " : " ---: " }.joined(separator: "|") + "|")
        for r in rows.dropFirst() { out.append("| " + r.map(esc).joined(separator: " | ") + " |") }
        out.append("")
        out.append(
            zh
                ? "合计用地 \(f(report.totals.requiredMuUnion, 2)) 亩（重叠土地只计一次）。"
                : "All projects: \(f(report.totals.requiredMuUnion, 2)) mu, land counted once.")
        out.append("")
        if let rows = partRows(report, zh: zh) {
            out.append(zh ? "分\(rows[0][1])：" : "By \(rows[0][1]):")
            out.append("")
            out.append("| " + rows[0].map(esc).joined(separator: " | ") + " |")
            out.append("|" + rows[0].enumerated().map { i, _ in i < 2 ? " --- " : " ---: " }.joined(separator: "|") + "|")
            for r in rows.dropFirst() { out.append("| " + r.map(esc).joined(separator: " | ") + " |") }
            out.append("")
        }
        if let rows = moneyRows(report, zh: zh) {
            out.append(zh ? "补偿资金（万元）：" : "Compensation (10k yuan):")
            out.append("")
            out.append("| " + rows[0].map(esc).joined(separator: " | ") + " |")
            out.append("|" + rows[0].enumerated().map { i, _ in i == 0 ? " --- " : " ---: " }.joined(separator: "|") + "|")
            for r in rows.dropFirst() { out.append("| " + r.map(esc).joined(separator: " | ") + " |") }
            out.append("")
        }
        for p in report.projects {
            out.append("## \(esc(p.name))")
            out.append("")
            out.append(esc(zh ? p.narrativeZh : p.narrativeEn))
            if !p.blockers.isEmpty {
                out.append("")
                for b in p.blockers {
                    out.append(
                        "- " + (zh ? "受阻：" : "blocked: ") + "\(esc(b.label ?? b.id))（\(zh ? b.reason.zh : b.reason.rawValue)）"
                            + (b.since.map { zh ? "，自 \($0) 起 \(b.days ?? 0) 天" : ", since \($0) (\(b.days ?? 0) days)" } ?? ""))
                }
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    public static func csv(_ report: ProgressReport) -> String {
        var lines = [
            "project,name,kind,due,days_left,parcels,required_mu,cleared_mu,cleared_pct,handed_over_mu,handed_over_pct,households_inside,households_edge,signed,vacated,demolished,demolished_pct,deferred,utility_items,utility_length_m,relocated,relocated_m,blockers,estimate_yuan,agreed_yuan,paid_yuan,unpaid_agreements"
                + (report.breakdown.map { ",\($0.rawValue),\($0.rawValue)_name" } ?? "")
        ]
        let q = OutputSafety.csvCell
        for p in report.projects {
            let tail = report.breakdown == nil ? "" : ",,"
            lines.append(
                [
                    q(p.id), q(p.name), p.kind.rawValue, p.due?.description ?? "", p.daysLeft.map(String.init) ?? "", "\(p.land.parcels)",
                    f(p.land.requiredMu, 4), f(p.land.clearedMu, 4), f(p.land.clearedPct, 1), f(p.land.handedOverMu, 4),
                    f(p.land.handedOverPct, 1),
                    "\(p.households.inside)", "\(p.households.edge)", "\(p.households.signed)", "\(p.households.vacated)",
                    "\(p.households.demolished)",
                    f(p.households.demolishedPct, 1), "\(p.households.deferred)", "\(p.utilities.items)", f(p.utilities.lengthMetres, 2),
                    "\(p.utilities.relocated)",
                    f(p.utilities.relocatedMetres, 2), "\(p.blockers.count)", p.money?.estimate?.plain ?? "", p.money?.agreed.plain ?? "",
                    p.money?.paid.plain ?? "", p.money.map { "\($0.unpaid.count)" } ?? "",
                ].joined(separator: ",") + tail)
            // Each part: the project's columns, its own figures, no money; then its id and name.
            for t in p.parts ?? [] {
                lines.append(
                    [
                        q(p.id), q(p.name), p.kind.rawValue, p.due?.description ?? "", p.daysLeft.map(String.init) ?? "",
                        "\(t.land.parcels)", f(t.land.requiredMu, 4), f(t.land.clearedMu, 4), f(t.land.clearedPct, 1),
                        f(t.land.handedOverMu, 4), f(t.land.handedOverPct, 1), "\(t.households.inside)", "\(t.households.edge)",
                        "\(t.households.signed)", "\(t.households.vacated)", "\(t.households.demolished)",
                        f(t.households.demolishedPct, 1), "\(t.households.deferred)", "\(t.utilities.items)",
                        f(t.utilities.lengthMetres, 2), "\(t.utilities.relocated)", f(t.utilities.relocatedMetres, 2), "\(t.blockers)",
                        "", "", "", "", q(t.id ?? ""), q(t.name),
                    ].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n")
    }
}
