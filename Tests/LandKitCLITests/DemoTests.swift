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
}
