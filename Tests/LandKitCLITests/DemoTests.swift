import Foundation
import Testing

@Suite("landkit demo on the sample sub-district")
struct DemoTests {
    @Test("the demo imports everything, applies the 2021 events without errors and reports the year's exceptions")
    func demo() throws {
        let cli = try CLI()
        let geodata = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("geodata").path
        // --db before the command names the database (instead of out/xjd.gpkg).
        let db = cli.path("sample.gpkg")
        let r = try cli("--db", db, "demo", "--dir", cli.path("out"), "--geodata", geodata)
        #expect(r.status == 0, "\(r.stderr)")
        // Every data row of the events file is applied: the count comes from the file itself.
        let rows =
            try String(contentsOfFile: geodata + "/events-2021.csv", encoding: .utf8).split(separator: "\n").filter { !$0.isEmpty }.count
            - 1
        #expect(r.stderr.contains("applied \(rows) status events"), "\(r.stderr)")
        // The yearly report's sentences: the avenue extension done except its edge households (no construction
        // impact); the avenue's power relocation done except the substation, blocked on the contractor's side.
        // (A sentence may be wrapped onto an indented next line for the terminal.)
        let text = r.stdout.replacingOccurrences(of: "\n    ", with: "")
        #expect(text.contains("X大道延长线：") && text.contains("除边线4户（不影响施工）外其他已完成。"))
        #expect(text.contains("除棉丰变电站（施工方原因）外其他已完成。"))
        #expect(text.contains("阳安中学市政道路：勘测定界图已出，摸底工作已结束"))
        for file in ["out/report.html", "out/report.md", "out/report.json", "out/maps/x-ave-ext.svg", "sample.gpkg"] {
            #expect(FileManager.default.fileExists(atPath: cli.path(file)), "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.path("out/xjd.gpkg")))
        // Every project has land and the database agrees with its event log.
        let report = try cli.json(try cli("report", "--db", db, "--as-of", "2021-12-31", "--format", "json"))
        let projects = report["projects"] as? [[String: Any]] ?? []
        #expect(projects.count == 12)
        for p in projects { #expect(((p["land"] as? [String: Any])?["parcels"] as? Int ?? 0) > 0, "\(p["id"] ?? "")") }
        #expect(try cli("info", "--db", db, "--verify").status == 0)
        try money(report: report, projects: projects, stdout: text, stderr: r.stderr, html: cli.path("out/report.html"), geodata: geodata)
        // The terminal report fits 120 columns (wide CJK characters count 2); --wide is the full layout.
        func widest(_ text: String) -> Int {
            text.split(separator: "\n").map { line in
                line.unicodeScalars.reduce(0) { n, u in
                    n + ((0x2E80...0x9FFF).contains(u.value) || (0xFF00...0xFF60).contains(u.value) ? 2 : 1)
                }
            }.max() ?? 0
        }
        #expect(widest(try cli("report", "--db", db, "--as-of", "2021-12-31", "--since", "2021-11-30").stdout) <= 120)
        #expect(widest(try cli("report", "--db", db, "--as-of", "2021-12-31", "--wide").stdout) > 120)
    }

    /// The sample's money, checked against the CSV files themselves (summed here with Foundation's
    /// `Decimal`, not LandKit's ledger): signed and paid per project in the JSON report, the 万元 in
    /// the paragraph and the dashboard; no agreement or payment moved a stage (the events are the
    /// year's record); every agreement is for an item at `agreed` or beyond on 2021-12-31.
    func money(report: [String: Any], projects: [[String: Any]], stdout: String, stderr: String, html: String, geodata: String) throws {
        func rows(_ name: String) throws -> [[String]] {
            try String(contentsOfFile: "\(geodata)/\(name)", encoding: .utf8).split(separator: "\n").dropFirst().map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
        }
        func sums(_ rows: [[String]]) -> [String: Decimal] {
            rows.reduce(into: [:]) { $0[$1[2], default: 0] += Decimal(string: $1[4]) ?? .nan }
        }
        let agreements = try rows("agreements-2021.csv"), payments = try rows("payments-2021.csv")
        #expect(agreements.count > 1000 && payments.count > 1000)
        let agreed = sums(agreements), paid = sums(payments)
        #expect(stderr.contains("recorded \(agreements.count) agreements") && stderr.contains("recorded \(payments.count) payments"))
        #expect(!stderr.contains("stage moves"), "\(stderr)")
        func wan(_ d: Decimal) -> String {
            var x = d / 10_000, r = Decimal()
            NSDecimalRound(&r, &x, 2, .plain)
            return String(format: "%.2f", NSDecimalNumber(decimal: r).doubleValue)
        }
        let page = try String(contentsOfFile: html, encoding: .utf8)
        var withMoney = 0
        for p in projects {
            let id = p["id"] as? String ?? "", name = p["name"] as? String ?? ""
            let m = p["money"] as? [String: Any] ?? [:]
            #expect(m["estimate_yuan"] is String, "\(id) has a rate table")
            let signed = agreed[id] ?? 0, paidHere = paid[id] ?? 0
            #expect(Decimal(string: m["agreed_yuan"] as? String ?? "") == signed, "\(id)")
            #expect(Decimal(string: m["paid_yuan"] as? String ?? "") == paidHere, "\(id)")
            #expect(m["agreements"] as? Int == agreements.filter { $0[2] == id }.count, "\(id)")
            guard signed > 0 else { continue }
            withMoney += 1
            #expect(stdout.contains("\(name)：") && stdout.contains("兑付补偿款\(wan(paidHere))万元"), "\(id) \(wan(paidHere))")
            // The dashboard's money table of the project: signed and paid in 万元.
            #expect(page.contains("<td>已签协议 signed</td><td class=\"num\">\(wan(signed))</td>"), "\(id)")
            #expect(page.contains("<td>已兑付 paid</td><td class=\"num\">\(wan(paidHere))</td>"), "\(id)")
            // And its row of the money overview: budget, signed, paid, agreements.
            let budget = wan(Decimal(string: m["estimate_yuan"] as? String ?? "") ?? .nan)
            let cells = [name, budget, wan(signed), wan(paidHere), "\(agreements.filter { $0[2] == id }.count)"]
            #expect(page.contains("<tr>" + cells.map { $0 == name ? "<td>\($0)</td>" : "<td class=\"n\">\($0)</td>" }.joined()), "\(id)")
        }
        #expect(withMoney >= 10)
        let totals = (report["totals"] as? [String: Any])?["money"] as? [String: Any] ?? [:]
        #expect(Decimal(string: totals["paid_yuan"] as? String ?? "") == paid.values.reduce(0, +))
        // Each agreement's item had reached agreed by its date: the stage on 2021-12-31 is agreed or beyond.
        let events = try rows("events-2021.csv")
        let land = ["agreed", "compensated", "cleared", "handed-over"], houses = ["agreed", "vacated", "demolished"]
        var last: [String: String] = [:]
        for e in events where e[3] == "set" { last["\(e[0]) \(e[1]) \(e[2])"] = e[4] }
        for a in agreements {
            let stage = last["\(a[0]) \(a[1]) \(a[2])"] ?? "pending"
            #expect((a[0] == "parcel" ? land : houses).contains(stage), "\(a[0]) \(a[1]) in \(a[2]) is \(stage)")
        }
    }
}
