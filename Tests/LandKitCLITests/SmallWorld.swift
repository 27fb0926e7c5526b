import Foundation
import Testing

/// A hand-made sub-district in EPSG:4544 on the central meridian (≈105°E, 30°N), where the
/// ellipsoidal and planar areas agree to 1e-5. Expected figures are hand calculations:
///
/// - red line of project `road`: centerline (500000, 3320000)–(500200, 3320000), 60 m wide →
///   x 500000…500200, y 3319970…3320030;
/// - P1 60 × 60 m at x 500020…500080, y 3320000…3320060: half inside → 1800 m² = 2.7 mu;
/// - P2 50 × 40 m at x 500100…500150, y 3319980…3320020: wholly inside → 2000 m² = 3 mu;
/// - P3 100 × 50 m at y 3320030…3320080: touches the red line → 0, not listed;
/// - P4 far away;
/// - H1 a point house inside, H2 a house crossing the red line (edge), H3 outside;
/// - U1 a power line crossing the corridor at 90° → 60 m inside.
struct SmallWorld {
    let cli: CLI

    static let crsMember = #""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4544"}}"#

    static func square(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> String {
        "[[[\(x),\(y)],[\(x + w),\(y)],[\(x + w),\(y + h)],[\(x),\(y + h)],[\(x),\(y)]]]"
    }

    static let parcels = """
        {"type":"FeatureCollection",\(crsMember),"features":[
        {"type":"Feature","id":"P1","properties":{"村":"西峰村","组":"3组","地类编码":"0101","地类名称":"水田","权利人":"西峰村3组集体"},"geometry":{"type":"Polygon","coordinates":\(square(500020, 3320000, 60, 60))}},
        {"type":"Feature","id":"P2","properties":{"village":"西峰村","group":"3组","land_class":"0103","land_class_name":"旱地"},"geometry":{"type":"Polygon","coordinates":\(square(500100, 3319980, 50, 40))}},
        {"type":"Feature","id":"P3","properties":{"village":"棉丰村","land_class":"0301"},"geometry":{"type":"Polygon","coordinates":\(square(500000, 3320030, 100, 50))}},
        {"type":"Feature","id":"P4","properties":{"village":"高屋村","land_class":"0101"},"geometry":{"type":"Polygon","coordinates":\(square(501000, 3321000, 100, 100))}}
        ]}
        """

    static let buildings = """
        {"type":"FeatureCollection",\(crsMember),"features":[
        {"type":"Feature","id":"H1","properties":{"户主":"张德明","身份证号":"510122199001011234","phone":"13812345678","structure":"砖混"},"geometry":{"type":"Point","coordinates":[500120,3320000]}},
        {"type":"Feature","id":"H2","properties":{"户主":"李秀英","身份证号":"510122198502023456","structure":"砖木"},"geometry":{"type":"Polygon","coordinates":\(square(500050, 3320025, 10, 10))}},
        {"type":"Feature","id":"H3","properties":{"户主":"王建国"},"geometry":{"type":"Polygon","coordinates":\(square(500050, 3320100, 10, 10))}}
        ]}
        """

    static let utilities = """
        {"type":"FeatureCollection",\(crsMember),"features":[
        {"type":"Feature","id":"U1","properties":{"kind":"power-line","name":"棉普线"},"geometry":{"type":"LineString","coordinates":[[500160,3319900],[500160,3320100]]}}
        ]}
        """

    static let centerline = """
        {"type":"FeatureCollection",\(crsMember),"features":[
        {"type":"Feature","id":"axis","properties":{},"geometry":{"type":"LineString","coordinates":[[500000,3320000],[500200,3320000]]}}
        ]}
        """

    /// init, import, one project with its corridor, overlaps.
    init() throws {
        cli = try CLI()
        try expectOK(cli("init"))
        try expectOK(cli("import", "parcels", try cli.write("parcels.geojson", Self.parcels)))
        try expectOK(cli("import", "buildings", try cli.write("buildings.geojson", Self.buildings)))
        try expectOK(cli("import", "utilities", try cli.write("utilities.geojson", Self.utilities)))
        try expectOK(cli("project", "add", "road", "--name", "X大道延长线", "--kind", "road", "--due", "2022-06-30"))
        try expectOK(cli("zone", "add", "road", "Z1", "--centerline", try cli.write("axis.geojson", Self.centerline), "--width", "60"))
        try expectOK(cli("overlaps", "--quiet"))
    }

    func expectOK(_ r: CLI.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 0, "stderr: \(r.stderr)", sourceLocation: sourceLocation)
    }

    /// The database's content, for "nothing changed" checks.
    func dump() throws -> String {
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
                if t.startswith('rtree_') and t.rsplit('_', 1)[-1] in ('node', 'parent', 'rowid'): continue
                for r in c.execute(f'SELECT * FROM "{t}" ORDER BY 1'): print(t, r)
            """
        return try Self.python(script, cli.db)
    }

    /// The output of `python3 -c SCRIPT ARGUMENTS…` (the tests read databases with Python's sqlite3, not with LandKit).
    static func python(_ script: String, _ arguments: String...) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script] + arguments
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
