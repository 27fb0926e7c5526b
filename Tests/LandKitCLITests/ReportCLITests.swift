import Foundation
import Testing

@Suite("landkit report and map")
struct ReportCLITests {
    /// SmallWorld after a year: P1 and P2 cleared, H1 demolished, H2 deferred (edge), U1 blocked by the contractor.
    static func worldAfterYear() throws -> SmallWorld {
        let w = try SmallWorld()
        let csv = """
            entity,id,project,action,stage,reason,note,by,at
            parcel,P1,road,set,surveyed,,,一组,2021-03-01
            parcel,P2,road,set,surveyed,,,一组,2021-03-01
            household,H1,road,set,inventoried,,,二组,2021-04-01
            household,H1,road,set,agreed,,,二组,2021-05-01
            household,H1,road,set,vacated,,,二组,2021-06-01
            household,H1,road,set,demolished,,,二组,2021-07-01
            household,H2,road,defer,,,边线户，不影响施工,二组,2021-07-01
            utility,U1,road,block,,contractor,棉丰变电站,三组,2021-09-01
            """
        let r = try w.cli("status", "import", try w.cli.write("year.csv", csv))
        #expect(r.status == 0, "\(r.stderr)")
        for p in ["P1", "P2"] {
            let f = try w.cli(
                "status", "set", "parcel", p, "--project", "road", "--to", "cleared", "--force", "--note", "补录清表", "--at", "2021-10-01")
            #expect(f.status == 0, "\(f.stderr)")
        }
        return w
    }

    @Test("the figures agree across JSON, CSV, Markdown and text, and with the hand calculation")
    func formatsAgree() throws {
        let w = try Self.worldAfterYear()
        let j = try w.cli.json(try w.cli("report", "--as-of", "2021-12-31", "--format", "json"))
        #expect(j["as_of"] as? String == "2021-12-31")
        let p = (j["projects"] as? [[String: Any]])?.first ?? [:]
        let land = p["land"] as? [String: Any] ?? [:], houses = p["households"] as? [String: Any] ?? [:],
            utils = p["utilities"] as? [String: Any] ?? [:]
        // 1800 + 2000 m² = 3800 m² = 5.7 mu (ellipsoidal ≈ planar on the central meridian, to 1e-5).
        #expect(abs((land["required_mu"] as? Double ?? 0) - 5.7) < 1e-4)
        #expect(abs((land["cleared_mu"] as? Double ?? 0) - 5.7) < 1e-4)
        #expect(land["cleared_pct"] as? Double == 100.0)
        #expect(houses["inside"] as? Int == 1 && houses["edge"] as? Int == 1 && houses["demolished"] as? Int == 1)
        #expect(houses["demolished_pct"] as? Double == 50.0)
        #expect(houses["deferred"] as? Int == 1)
        #expect(utils["items"] as? Int == 1 && abs((utils["length_m"] as? Double ?? 0) - 60) < 1e-6)
        #expect(p["days_left"] as? Int == 181)  // 2021-12-31 → 2022-06-30
        let blockers = p["blockers"] as? [[String: Any]] ?? []
        #expect(blockers.first?["since"] as? String == "2021-09-01" && blockers.first?["days"] as? Int == 121)
        #expect(p["narrative"] as? String == "X大道延长线：清理附着物5.70亩（100.0%），拆除房屋1户；除边线1户（不影响施工）、棉普线（施工方原因）外其他已完成。")

        let csv = try w.cli("report", "--as-of", "2021-12-31", "--format", "csv").stdout
        #expect(csv.contains("road,X大道延长线,road,2022-06-30,181,2,5.7000,5.7000,100.0,"))
        let md = try w.cli("report", "--as-of", "2021-12-31", "--format", "md").stdout
        #expect(md.contains("| X大道延长线 | 5.70 | 5.70 | 100.0 |"))
        // --wide: paragraphs unwrapped.
        let text = try w.cli("report", "--as-of", "2021-12-31", "--wide").stdout
        #expect(text.contains("除边线1户（不影响施工）、棉普线（施工方原因）外其他已完成"))
        let en = try w.cli("report", "--as-of", "2021-12-31", "--lang", "en", "--wide").stdout
        #expect(en.contains("all done except 1 edge household (no construction impact), 棉普线 (blocked: contractor's side)."))
    }

    @Test("as-of and since: backdated events give the right figures on each date")
    func asOfAndSince() throws {
        let w = try Self.worldAfterYear()
        let june = try w.cli.json(try w.cli("report", "--as-of", "2021-06-30", "--format", "json"))
        let jp = (june["projects"] as? [[String: Any]])?.first ?? [:]
        #expect(((jp["land"] as? [String: Any])?["cleared_mu"] as? Double) == 0)
        #expect(((jp["households"] as? [String: Any])?["demolished"] as? Int) == 0)
        #expect(((jp["households"] as? [String: Any])?["stage"] as? [String: Int])?["vacated"] == 1)
        let change = try w.cli.json(try w.cli("report", "--as-of", "2021-12-31", "--since", "2021-06-30", "--format", "json"))
        let c = ((change["projects"] as? [[String: Any]])?.first?["change"] as? [String: Any]) ?? [:]
        #expect(abs((c["cleared_mu"] as? Double ?? 0) - 5.7) < 1e-4)
        #expect(c["demolished"] as? Int == 1)
        #expect(c["new_blockers"] as? Int == 1)
    }

    @Test("HTML is one self-contained page; the map is well-formed SVG with one element per parcel")
    func htmlAndMap() throws {
        let w = try Self.worldAfterYear()
        #expect(try w.cli("report", "--as-of", "2021-12-31", "--format", "html", "--out", w.cli.path("r.html")).status == 0)
        let html = try String(contentsOfFile: w.cli.path("r.html"), encoding: .utf8)
        let urls = html.components(separatedBy: "http").dropFirst().filter { !$0.hasPrefix("://www.w3.org/") }
        #expect(urls.isEmpty, "external URLs: \(urls.prefix(3))")
        #expect(!html.contains("<link") && !html.contains("<script src"))
        #expect(html.contains("除边线1户（不影响施工）"))
        let r = try w.cli("map", "road", "--as-of", "2021-12-31", "--out", w.cli.path("road.svg"))
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: w.cli.path("road.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: "class=\"parcel\"").count - 1 == 2)
        #expect(try w.cli("map", "nope").status == 1)
    }

    @Test(
        "CSV reports and exports start with a UTF-8 byte-order mark (Excel on Windows), --no-bom leaves it out, and LandKit reads its own")
    func csvByteOrderMark() throws {
        let w = try Self.worldAfterYear()
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let report = try w.cli("report", "--format", "csv")
        #expect(Array(report.stdout.utf8.prefix(3)) == bom)
        #expect(Array(try w.cli("report", "--format", "csv", "--no-bom").stdout.utf8.prefix(3)) != bom)
        #expect(Array(try w.cli("overlaps", "--format", "csv").stdout.utf8.prefix(3)) == bom)
        let file = w.cli.path("parcels.csv")
        #expect(try w.cli("export", "parcels", file).status == 0)
        let bytes = try #require(FileManager.default.contents(atPath: file))
        #expect(Array(bytes.prefix(3)) == bom)
        let again = try w.cli("validate", file, "--layer", "parcels")
        #expect(again.status == 0, "\(again.stderr)")
    }

    @Test("a report after a change of features, before overlaps run again, says its figures are stale")
    func staleFiguresAreSaid() throws {
        let w = try Self.worldAfterYear()
        #expect(try w.cli("report").stderr.isEmpty)
        let moved = SmallWorld.parcels.replacingOccurrences(of: "501000.0,3321000.0]", with: "501000.5,3321000.0]")
        #expect(try w.cli("import", "parcels", try w.cli.write("moved.geojson", moved), "--replace").status == 0)
        let stale = try w.cli("report")
        #expect(stale.stderr.hasPrefix("warning: the figures of 1 project(s) predate changes"), "\(stale.stderr)")
        let json = try w.cli.json(try w.cli("report", "--format", "json"))
        #expect(json["stale_projects"] as? [String] == ["road"])
        #expect(try w.cli("overlaps", "--quiet").status == 0)
        #expect(try w.cli("report").stderr.isEmpty)
    }
}
