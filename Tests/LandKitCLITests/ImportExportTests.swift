import Foundation
import Testing

@Suite("landkit import, validate and export")
struct ImportExportTests {
    @Test("import upserts by id: a second import of the same file changes nothing; a moved parcel is an event")
    func upsert() throws {
        let w = try SmallWorld()
        let again = try w.cli("import", "parcels", w.cli.path("parcels.geojson"))
        #expect(again.stdout.contains("4 read, 0 new, 0 updated, 4 unchanged"))
        let moved = SmallWorld.parcels.replacingOccurrences(of: "501000.0,3321000.0]", with: "501000.5,3321000.0]")
        #expect(moved != SmallWorld.parcels)
        let r = try w.cli("import", "parcels", try w.cli.write("parcels.geojson", moved))
        #expect(r.stdout.contains("0 new, 1 updated, 3 unchanged"), "\(r.stdout)")
        let h = try w.cli.json(try w.cli("info", "--format", "json"))
        #expect((h["counts"] as? [String: Int])?["events"] == 1)
    }

    @Test("--dry-run reports and writes nothing")
    func dryRun() throws {
        let w = try SmallWorld()
        let before = try w.dump()
        let moved = SmallWorld.parcels.replacingOccurrences(of: "\"P4\"", with: "\"P5\"")
        let r = try w.cli("import", "parcels", try w.cli.write("parcels.geojson", moved), "--dry-run")
        #expect(r.status == 0)
        #expect(r.stdout.contains("1 new") && r.stdout.contains("dry run: nothing written"))
        #expect(try w.dump() == before)
    }

    @Test(
        "bad inputs: exit 1, a message naming the file and the line or feature, and the database unchanged",
        arguments: [
            (
                "truncated.geojson",
                #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"X1","properties":{},"geometry":{"type":"Polygon","coordinates":[[[500000,3320000],[500010,3320000]"#,
                "truncated.geojson"
            ),
            (
                "nonnumeric.geojson",
                #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"X1","properties":{},"geometry":{"type":"Point","coordinates":["a",3320000]}}]}"#,
                "nonnumeric.geojson:1: feature #1"
            ),
            (
                "tworing.geojson",
                #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4544"}},"features":[{"type":"Feature","id":"X2","properties":{},"geometry":{"type":"Polygon","coordinates":[[[500000,3320000],[500010,3320000],[500000,3320000]]]}}]}"#,
                "X2"
            ),
            (
                "wrongcrs.geojson",
                #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"X3","properties":{},"geometry":{"type":"Polygon","coordinates":[[[500000,3320000],[500010,3320000],[500010,3320010],[500000,3320000]]]}}]}"#,
                "X3"
            ),
            ("empty.geojson", "", "empty.geojson"),
            ("garbage.geojson", "\u{0}\u{1}\u{2}PK\u{3}\u{4}\u{0}\u{0}binary", "garbage.geojson"),
        ])
    func badInputs(_ name: String, _ content: String, _ mentioned: String) throws {
        let w = try SmallWorld()
        let before = try w.dump()
        let r = try w.cli("import", "parcels", try w.cli.write(name, content))
        #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains(mentioned), "\(r.stderr)")
        #expect(try w.dump() == before)
    }

    @Test("a duplicate id in one file is an error listing it; nothing is written")
    func duplicates() throws {
        let w = try SmallWorld()
        let before = try w.dump()
        let dup = SmallWorld.parcels.replacingOccurrences(of: "\"P4\"", with: "\"P1\"")
        let r = try w.cli("import", "parcels", try w.cli.write("dup.geojson", dup))
        #expect(r.status == 1)
        #expect(r.stderr.contains("duplicate id P1"))
        #expect(try w.dump() == before)
    }

    @Test("an invalid bow-tie parcel is repaired with STRUCTURE and reported")
    func repaired() throws {
        let w = try SmallWorld()
        let bowtie =
            #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4544"}},"features":[{"type":"Feature","id":"BT","properties":{},"geometry":{"type":"Polygon","coordinates":[[[500000,3322000],[500010,3322010],[500010,3322000],[500000,3322010],[500000,3322000]]]}}]}"#
        let r = try w.cli("import", "parcels", try w.cli.write("bowtie.geojson", bowtie))
        #expect(r.status == 0)
        #expect(r.stderr.contains("Self-intersection"))
        #expect(r.stdout.contains("1 repaired"))
    }

    @Test("GeoJSON export → import round-trips geometries to < 1 mm and areas; GDAL reads the export")
    func geojsonRoundTrip() throws {
        let w = try SmallWorld()
        let out = w.cli.path("out.geojson")
        #expect(try w.cli("export", "parcels", out).status == 0)
        let ogr = Process()
        ogr.executableURL = URL(fileURLWithPath: "/usr/bin/ogrinfo")
        ogr.arguments = ["-so", "-al", out]
        let pipe = Pipe()
        ogr.standardOutput = pipe
        try ogr.run()
        let info = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ogr.waitUntilExit()
        #expect(info.contains("Feature Count: 4"))
        // Into a fresh database: RFC 7946 lon/lat back to EPSG:4544.
        let other = try CLI()
        #expect(try other("init").status == 0)
        #expect(try other("import", "parcels", out).status == 0)
        #expect(try other("export", "parcels", other.path("back.geojson"), "--crs", "EPSG:4544").status == 0)
        let back =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: other.path("back.geojson")))) as? [String: Any]
        let features = back?["features"] as? [[String: Any]] ?? []
        let p2 = features.first { ($0["id"] as? String) == "P2" }
        let ring = ((p2?["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])?.first ?? []
        // P2's corners as imported: (500100, 3319980) … ; every vertex within 1 mm.
        let expected: Set<[Double]> = [[500100, 3319980], [500150, 3319980], [500150, 3320020], [500100, 3320020]]
        for v in ring {
            #expect(expected.contains { abs($0[0] - v[0]) < 0.001 && abs($0[1] - v[1]) < 0.001 }, "\(v)")
        }
        let area = (p2?["properties"] as? [String: Any])?["planar_area_m2"] as? Double ?? 0
        #expect(abs(area - 2000) < 0.01)
    }

    @Test("LandKit reads what ogr2ogr writes (GeoJSON in EPSG:4544 from a LandKit export)")
    func readsOgr2ogr() throws {
        let w = try SmallWorld()
        #expect(try w.cli("export", "parcels", w.cli.path("lk.geojson")).status == 0)
        let ogr = Process()
        ogr.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
        ogr.arguments = [
            "-f", "GeoJSON", "-t_srs", "EPSG:4544", "-lco", "RFC7946=NO", w.cli.path("gdal.geojson"), w.cli.path("lk.geojson"),
        ]
        try ogr.run()
        ogr.waitUntilExit()
        #expect(ogr.terminationStatus == 0)
        let other = try CLI()
        #expect(try other("init").status == 0)
        let r = try other("import", "parcels", w.cli.path("gdal.geojson"), "--id-field", "id")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("4 read, 4 new"), "\(r.stdout)")
    }

    @Test("survey TXT: database → TXT → database → TXT is stable, with a 100 m parcel with a 20 m hole = 14.4 mu")
    func surveyRoundTrip() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        // geo.md's example: a 100 m × 100 m parcel with a 20 m × 20 m hole, zone-35 prefixed eastings.
        let txt = """
            [属性描述]
            格式版本号=1.01版本
            坐标系=2000国家大地坐标系
            几度分带=3
            带号=35
            [地块坐标]
            10,0.9600,DK01,地块1,面,,公路用地,,@
            J1,1,3385000.000,35500000.000
            J2,1,3385100.000,35500000.000
            J3,1,3385100.000,35500100.000
            J4,1,3385000.000,35500100.000
            J1,1,3385000.000,35500000.000
            J5,2,3385040.000,35500040.000
            J6,2,3385060.000,35500040.000
            J7,2,3385060.000,35500060.000
            J8,2,3385040.000,35500060.000
            J5,2,3385040.000,35500040.000
            """
        let r = try cli("import", "parcels", try cli.write("dk01.txt", txt))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("EPSG:4523"))
        #expect(try cli("export", "parcels", cli.path("a.txt")).status == 0)
        let a = try String(contentsOfFile: cli.path("a.txt"), encoding: .utf8)
        #expect(a.contains("3385000.000,35500000.000"))
        #expect(a.contains(",0.9600,DK01,"))  // 9600 m² = 0.96 ha
        let second = try CLI()
        #expect(try second("init").status == 0)
        #expect(try second("import", "parcels", cli.path("a.txt")).status == 0)
        #expect(try second("export", "parcels", second.path("b.txt")).status == 0)
        let b = try String(contentsOfFile: second.path("b.txt"), encoding: .utf8)
        // Same bytes but the date line of the header.
        func body(_ s: String) -> [String] { s.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("数据产生日期") } }
        #expect(body(a) == body(b))
        // --encoding gbk writes GBK bytes that iconv reads back to the same text.
        #expect(try cli("export", "parcels", cli.path("g.txt"), "--encoding", "gbk").status == 0)
        let gbk = try Data(contentsOf: URL(fileURLWithPath: cli.path("g.txt")))
        #expect(String(data: gbk, encoding: .utf8) == nil)  // 属性描述 in GBK is not valid UTF-8
        let back = Process()
        back.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        back.arguments = ["-f", "GBK", "-t", "UTF-8", cli.path("g.txt")]
        let pipe = Pipe()
        back.standardOutput = pipe
        try back.run()
        let decoded = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        back.waitUntilExit()
        #expect(decoded == a)
        let csv = try cli("export", "parcels", cli.path("p.csv"))
        #expect(csv.status == 0)
        let table = try String(contentsOfFile: cli.path("p.csv"), encoding: .utf8)
        #expect(table.contains("9600"))
        #expect(table.contains("14.4"))
    }

    @Test("exports mask personal data unless --unmasked")
    func masking() throws {
        let w = try SmallWorld()
        #expect(try w.cli("export", "buildings", w.cli.path("b.csv")).status == 0)
        let masked = try String(contentsOfFile: w.cli.path("b.csv"), encoding: .utf8)
        #expect(masked.contains("张*") && masked.contains("5101**********1234") && masked.contains("138****5678"))
        #expect(!masked.contains("张德明") && !masked.contains("510122199001011234"))
        #expect(try w.cli("export", "buildings", w.cli.path("u.csv"), "--unmasked").status == 0)
        #expect(try String(contentsOfFile: w.cli.path("u.csv"), encoding: .utf8).contains("510122199001011234"))
    }

    @Test("points captured in GCJ-02 are converted to WGS 84 and the raw coordinates kept")
    func gcj02() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let csv = "id,lon,lat,户主\nG1,104.5,30.4,张三\n"
        let r = try cli("import", "buildings", try cli.write("phone.csv", csv), "--from", "gcj02")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try cli("export", "buildings", cli.path("g.geojson")).status == 0)
        let text = try String(contentsOfFile: cli.path("g.geojson"), encoding: .utf8)
        // The GCJ-02 offset near Chengdu is a few hundred metres: the stored point is no longer 104.5, 30.4.
        #expect(!text.contains("[104.5,30.4]"))
        #expect(text.contains("104.49"))
        #expect(text.contains("GCJ02 POINT (104.5 30.4)"))
    }
}
