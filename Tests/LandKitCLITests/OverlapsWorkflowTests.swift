import Foundation
import Testing

@Suite("landkit overlaps and status workflow")
struct OverlapsWorkflowTests {
    @Test(
        "overlaps: P1 half inside = 1800 m² (2.7 mu), P2 wholly inside = 2000 m² (3 mu), P3 touching not listed; H1 inside, H2 edge; U1 60 m"
    )
    func figures() throws {
        let w = try SmallWorld()
        let j = try w.cli.json(try w.cli("overlaps", "--format", "json"))
        #expect(j["crs"] as? String == "EPSG:4544")
        let road = (j["projects"] as? [[String: Any]])?.first { $0["id"] as? String == "road" } ?? [:]
        let parcels = road["parcels"] as? [[String: Any]] ?? []
        #expect(parcels.map { $0["id"] as? String } == ["P1", "P2"])
        let p1 = parcels[0], p2 = parcels[1]
        #expect(abs((p1["overlap_planar_m2"] as? Double ?? 0) - 1800) < 1e-6)
        #expect(abs((p2["overlap_planar_m2"] as? Double ?? 0) - 2000) < 1e-6)
        #expect(abs((p1["overlap_m2"] as? Double ?? 0) - 1800) / 1800 < 1e-5)
        #expect(abs((p1["fraction"] as? Double ?? 0) - 0.5) < 1e-5)
        #expect(abs((p2["overlap_mu"] as? Double ?? 0) - 3) < 3e-5)
        #expect(abs((road["required_mu"] as? Double ?? 0) - 5.7) < 6e-5)
        let buildings = road["buildings"] as? [[String: Any]] ?? []
        #expect(buildings.map { "\($0["id"] ?? "")=\($0["position"] ?? "")" } == ["H1=inside", "H2=edge"])
        let utilities = road["utilities"] as? [[String: Any]] ?? []
        #expect(utilities.count == 1 && abs((utilities.first?["length_m"] as? Double ?? 0) - 60) < 1e-6)
    }

    @Test("a second overlaps run with nothing changed recomputes nothing; a new zone makes the project stale")
    func staleness() throws {
        let w = try SmallWorld()
        #expect(try w.cli("overlaps", "--quiet").stdout.contains("nothing was stale"))
        let other =
            #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4544"}},"features":[{"type":"Feature","id":"z","properties":{},"geometry":{"type":"Polygon","coordinates":[[[500000,3320000],[500200,3320000],[500200,3320060],[500000,3320060],[500000,3320000]]]}}]}"#
        #expect(try w.cli("zone", "add", "road", "Z2", "--polygon", try w.cli.write("z2.geojson", other)).status == 0)
        let r = try w.cli("overlaps", "--quiet")
        #expect(r.stdout.contains("recomputed 1 project"))
        // Zones count once: P1 now wholly inside (3600 m²), not 1800 + 1800 + …
        let j = try w.cli.json(try w.cli("overlaps", "--format", "json", "--project", "road"))
        let parcels = ((j["projects"] as? [[String: Any]])?.first?["parcels"] as? [[String: Any]]) ?? []
        let p1 = parcels.first { $0["id"] as? String == "P1" }
        #expect(abs((p1?["overlap_planar_m2"] as? Double ?? 0) - 3600) < 1e-6)
    }

    @Test("a re-imported parcel that moved into the red line is recomputed, and only it")
    func movedParcel() throws {
        let w = try SmallWorld()
        // P4 moves from far away to x 500160…500190, y 3319990…3320010: wholly inside, 30 × 20 = 600 m².
        let moved = SmallWorld.parcels.replacingOccurrences(
            of: SmallWorld.square(501000, 3321000, 100, 100), with: SmallWorld.square(500160, 3319990, 30, 20))
        #expect(try w.cli("import", "parcels", try w.cli.write("parcels.geojson", moved)).stdout.contains("1 updated"))
        let r = try w.cli("overlaps", "--quiet")
        #expect(r.stdout.contains("1 parcels"), "\(r.stdout)")
        let j = try w.cli.json(try w.cli("overlaps", "--format", "json"))
        let parcels = ((j["projects"] as? [[String: Any]])?.first?["parcels"] as? [[String: Any]]) ?? []
        #expect(parcels.map { $0["id"] as? String } == ["P1", "P2", "P4"])
        #expect(abs((parcels.last?["overlap_planar_m2"] as? Double ?? 0) - 600) < 1e-6)
        #expect(try w.cli("overlaps", "--quiet").stdout.contains("nothing was stale"))
    }

    @Test("stages: forward one at a time; skipping or moving back needs --force and a note, recorded as forced")
    func stages() throws {
        let w = try SmallWorld()
        #expect(try w.cli("status", "set", "parcel", "P1", "--project", "road", "--to", "surveyed", "--by", "拆迁一组").status == 0)
        let skip = try w.cli("status", "set", "parcel", "P1", "--project", "road", "--to", "cleared")
        #expect(skip.status == 1 && skip.stderr.contains("--force"))
        let noNote = try w.cli("status", "set", "parcel", "P1", "--project", "road", "--to", "cleared", "--force")
        #expect(noNote.status == 1 && noNote.stderr.contains("--note"))
        #expect(try w.cli("status", "set", "parcel", "P1", "--project", "road", "--to", "cleared", "--force", "--note", "补录").status == 0)
        let back = try w.cli("status", "set", "parcel", "P1", "--project", "road", "--to", "agreed")
        #expect(back.status == 1 && back.stderr.contains("moving back"))
        let h = try w.cli("history", "parcel", "P1", "--format", "json")
        let events = try JSONSerialization.jsonObject(with: Data(h.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(events.map { $0["to"] as? String } == ["surveyed", "cleared"])
        #expect(events.map { $0["forced"] as? Bool } == [false, true])
        #expect(try w.cli("info", "--verify").status == 0)
    }

    @Test("block needs a reason; an item is blocked until unblocked; defer needs a note")
    func blockAndDefer() throws {
        let w = try SmallWorld()
        let noReason = try w.cli("status", "block", "utility", "U1", "--project", "road")
        #expect(noReason.status == 2)
        let badReason = try w.cli("status", "block", "utility", "U1", "--project", "road", "--reason", "weather")
        #expect(badReason.status == 2)
        #expect(try w.cli("status", "block", "utility", "U1", "--project", "road", "--reason", "contractor", "--note", "棉丰变电站").status == 0)
        #expect(try w.cli("status", "set", "utility", "U1", "--project", "road", "--to", "designed").status == 0)
        let j = try w.cli.json(try w.cli("report", "--format", "json"))
        let blockers = ((j["projects"] as? [[String: Any]])?.first?["blockers"] as? [[String: Any]]) ?? []
        #expect(blockers.map { $0["reason"] as? String } == ["contractor"])
        #expect(try w.cli("status", "unblock", "utility", "U1", "--project", "road").status == 0)
        let again = try w.cli("status", "unblock", "utility", "U1", "--project", "road")
        #expect(again.status == 1 && again.stderr.contains("not blocked"))
        let deferNoNote = try w.cli("status", "defer", "household", "H2", "--project", "road")
        #expect(deferNoNote.status == 1 && deferNoNote.stderr.contains("--note"))
        #expect(try w.cli("status", "defer", "household", "H2", "--project", "road", "--note", "边线户，不影响施工").status == 0)
        #expect(try w.cli("info", "--verify").status == 0)
    }

    @Test(
        "bad updates name the id and change nothing; several ids are all or nothing",
        arguments: [
            (["status", "set", "parcel", "P9", "--project", "road", "--to", "surveyed"], "unknown parcel id P9"),
            (["status", "set", "parcel", "P3", "--project", "road", "--to", "surveyed"], "parcel P3 is not in project road"),
            (["status", "set", "parcel", "P1", "--project", "nope", "--to", "surveyed"], "no project nope"),
            (["status", "set", "parcel", "P1", "--project", "road", "--to", "paved"], "unknown parcel stage \"paved\""),
            (["status", "set", "parcel", "P1", "P2", "P9", "--project", "road", "--to", "surveyed"], "unknown parcel id P9"),
            (["status", "set", "parcel", "P1", "--project", "road", "--to", "surveyed", "--at", "yesterday"], "is not ISO 8601"),
        ])
    func badUpdates(_ args: [String], _ message: String) throws {
        let w = try SmallWorld()
        let before = try w.dump()
        let r = try w.cli.run(args)
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(try w.dump() == before)
    }

    static let goodCSV = """
        entity,id,project,action,stage,reason,note,by,at
        parcel,P1,road,set,surveyed,,,拆迁一组,2021-03-01T10:00:00+08:00
        parcel,P2,road,set,surveyed,,,拆迁一组,2021-03-01T10:00:00+08:00
        parcel,P1,road,set,inventoried,,,拆迁一组,2021-04-01
        household,H2,road,defer,,,边线户，不影响施工,拆迁二组,2021-05-01
        utility,U1,road,block,,contractor,棉丰变电站,拆迁二组,2021-06-01T09:00:00+08:00
        """

    @Test("status CSV: applies in one go; re-importing the same file changes nothing; as-of dates derive from the events")
    func csvImport() throws {
        let w = try SmallWorld()
        let file = try w.cli.write("day.csv", Self.goodCSV)
        let r = try w.cli("status", "import", file)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("5 rows, applied 5, skipped 0"))
        let before = try w.dump()
        let again = try w.cli("status", "import", file)
        #expect(again.stdout.contains("applied 0, skipped 5"))
        #expect(try w.dump() == before)
        // As of 2021-03-15: P1 and P2 surveyed (3.7 + 2.7 = 5.7 mu), nothing blocked yet; as of 2021-06-30, U1 blocked.
        let march = try w.cli.json(try w.cli("report", "--as-of", "2021-03-15", "--format", "json"))
        let mp = (march["projects"] as? [[String: Any]])?.first ?? [:]
        let mland = mp["land"] as? [String: Any] ?? [:]
        #expect(abs(((mland["stage_mu"] as? [String: Double])?["surveyed"] ?? 0) - 5.7) < 6e-5)
        #expect((mp["blockers"] as? [Any])?.isEmpty == true)
        let june = try w.cli.json(try w.cli("report", "--as-of", "2021-06-30", "--since", "2021-03-15", "--format", "json"))
        let jp = (june["projects"] as? [[String: Any]])?.first ?? [:]
        let jland = jp["land"] as? [String: Any] ?? [:]
        #expect(abs(((jland["stage_mu"] as? [String: Double])?["inventoried"] ?? 0) - 2.7) < 3e-5)
        #expect((jp["blockers"] as? [[String: Any]])?.first?["since"] as? String == "2021-06-01")
        #expect((jp["blockers"] as? [[String: Any]])?.first?["days"] as? Int == 29)
        #expect((jp["change"] as? [String: Any])?["new_blockers"] as? Int == 1)
        #expect(try w.cli("info", "--verify").status == 0)
    }

    @Test("status CSV with bad rows: every bad row reported with its line number, nothing applied")
    func csvBadRows() throws {
        let w = try SmallWorld()
        let before = try w.dump()
        let bad = """
            entity,id,project,action,stage,reason,note,by,at
            parcel,P1,road,set,surveyed,,,t,2021-03-01
            parcel,P9,road,set,surveyed,,,t,2021-03-01
            tree,P1,road,set,surveyed,,,t,2021-03-01
            utility,U1,road,block,,weather,,t,2021-03-01
            """
        let r = try w.cli("status", "import", try w.cli.write("bad.csv", bad))
        #expect(r.status == 1)
        for line in [":3:", ":4:", ":5:"] { #expect(r.stderr.contains("bad.csv\(line)"), "\(line) in \(r.stderr)") }
        #expect(!r.stderr.contains("bad.csv:2:"))
        #expect(try w.dump() == before)
    }

    @Test("status CSV in GBK with Chinese headers")
    func csvGBK() throws {
        let w = try SmallWorld()
        let text = "类型,编号,项目,操作,阶段,原因,备注,记录人,时间\n地块,P1,road,更新,surveyed,,,拆迁一组,2021-03-01\n"
        let utf8 = try w.cli.write("zh-utf8.csv", text)
        let conv = Process()
        conv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        conv.arguments = ["-f", "UTF-8", "-t", "GBK", utf8, "-o", w.cli.path("zh-gbk.csv")]
        try conv.run()
        conv.waitUntilExit()
        let r = try w.cli("status", "import", w.cli.path("zh-gbk.csv"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("applied 1"))
        let h = try w.cli("history", "parcel", "P1")
        #expect(h.stdout.contains("拆迁一组"))
    }

    @Test("two processes × 500 updates at once: all 1000 events kept, the same item updated by both, cache equals derivation")
    func concurrentUpdates() throws {
        let w = try SmallWorld()
        // Process A: U1 blocked/unblocked 250 times; process B: H1 the same. Both also touch P2 (the same item):
        // A blocks it, B moves it to surveyed; whichever lands first, both events are kept in `at` order.
        func csv(_ entity: String, _ id: String, _ extra: String) -> String {
            var lines = ["entity,id,project,action,stage,reason,note,by,at"]
            for i in 0..<249 {
                let minute = String(format: "%02d:%02d", 8 + i / 60, i % 60)
                lines.append("\(entity),\(id),road,block,,other,,t,2021-05-01T\(minute):00+08:00")
                lines.append("\(entity),\(id),road,unblock,,,,t,2021-05-01T\(minute):30+08:00")
            }
            lines.append(extra)
            lines.append("\(entity),\(id),road,block,,other,,t,2021-05-02T08:00:00+08:00")
            return lines.joined(separator: "\n")
        }
        let a = try w.cli.write("a.csv", csv("utility", "U1", "parcel,P2,road,block,,dispute,,a,2021-06-01T09:00:00+08:00"))
        let b = try w.cli.write("b.csv", csv("household", "H1", "parcel,P2,road,set,surveyed,,,b,2021-06-01T10:00:00+08:00"))
        let procs = try [a, b].map { file -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CLI.executable)
            p.arguments = ["status", "import", file, "--db", w.cli.db]
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            return p
        }
        for p in procs {
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let info = try w.cli.json(try w.cli("info", "--format", "json"))
        #expect((info["counts"] as? [String: Int])?["events"] == 1000)
        let h = try w.cli("history", "parcel", "P2", "--format", "json")
        let events = try JSONSerialization.jsonObject(with: Data(h.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(events.map { $0["action"] as? String } == ["block", "set"])
        #expect(try w.cli("info", "--verify").status == 0)
    }
}
