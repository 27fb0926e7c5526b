import Foundation
import Testing

/// Reading and writing through GDAL/OGR. Expected figures are hand calculations on SmallWorld's
/// rectangles (EPSG:4544): P1 60 × 60 m = 3600 m², P2 50 × 40 = 2000, P3 100 × 50 = 5000,
/// P4 100 × 100 = 10000; and what `ogrinfo` (GDAL's own tool) reports about LandKit's files.
@Suite("import and export through GDAL/OGR")
struct OGRImportExportTests {
    static let corners: [String: (x: Double, y: Double, w: Double, h: Double)] = [
        "P1": (500020, 3320000, 60, 60), "P2": (500100, 3319980, 50, 40), "P3": (500000, 3320030, 100, 50),
        "P4": (501000, 3321000, 100, 100),
    ]

    /// SmallWorld's parcels with the id also as a property (as GIS files carry it).
    static let parcelsWithIDField = SmallWorld.parcels.replacingOccurrences(
        of: #""id":"(P[0-9])","properties":\{"#, with: #""id":"$1","properties":{"id":"$1","#, options: .regularExpression)

    /// Runs a GDAL command-line tool; returns its status and stdout.
    static func gdal(_ tool: String, _ arguments: [String]) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = Pipe()
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, out)
    }

    /// The parcels of a database as exported GeoJSON in EPSG:4544: id → (ring, planar m², properties).
    static func parcels(_ cli: CLI, crs: String = "EPSG:4544") throws -> [String: (ring: [[Double]], planar: Double, props: [String: Any])]
    {
        let out = cli.path("check-\(UUID().uuidString).geojson")
        let r = try cli("export", "parcels", out, "--crs", crs)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        var result: [String: (ring: [[Double]], planar: Double, props: [String: Any])] = [:]
        for f in json?["features"] as? [[String: Any]] ?? [] {
            guard let id = f["id"] as? String else { continue }
            let g = f["geometry"] as? [String: Any]
            let coords = g?["coordinates"]
            let ring = (coords as? [[[[Double]]]])?.first?.first ?? (coords as? [[[Double]]])?.first ?? []
            let props = f["properties"] as? [String: Any] ?? [:]
            result[id] = (ring, props["planar_area_m2"] as? Double ?? 0, props)
        }
        return result
    }

    /// Every vertex of `ring` is one of the rectangle's corners to 1 mm, and every corner is present.
    static func matches(_ ring: [[Double]], _ r: (x: Double, y: Double, w: Double, h: Double)) -> Bool {
        let expected = [[r.x, r.y], [r.x + r.w, r.y], [r.x + r.w, r.y + r.h], [r.x, r.y + r.h]]
        func near(_ a: [Double], _ b: [Double]) -> Bool { abs(a[0] - b[0]) <= 0.001 && abs(a[1] - b[1]) <= 0.001 }
        return ring.allSatisfy { v in expected.contains { near($0, v) } } && expected.allSatisfy { c in ring.contains { near($0, c) } }
    }

    @Test(
        "ogr2ogr-written files of the same parcels import to the same geometries (≤ 1 mm), areas and attributes as the GeoJSON",
        arguments: [
            ("ESRI Shapefile", "p.shp", ["-lco", "ENCODING=UTF-8"]), ("GPKG", "p.gpkg", []), ("KML", "p.kml", []),
            ("LIBKML", "p.kmz", []), ("FlatGeobuf", "p.fgb", []), ("GML", "p.gml", []), ("OpenFileGDB", "p.gdb", []),
        ])
    func ogrFormats(_ driver: String, _ name: String, _ options: [String]) throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let source = try cli.write("source.geojson", Self.parcelsWithIDField)
        let made = try Self.gdal("ogr2ogr", ["-f", driver] + options + [cli.path(name), source, "-nln", "parcels"])
        #expect(made.status == 0)
        // Without its .xsd GDAL would describe the GML in a .gfs file beside it: LandKit must not leave one.
        if driver == "GML" { try FileManager.default.removeItem(atPath: cli.path("p.xsd")) }
        let r = try cli("import", "parcels", cli.path(name))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("4 read, 4 new"), "\(r.stdout)")
        let got = try Self.parcels(cli)
        #expect(got.count == 4)
        for (id, rect) in Self.corners {
            let p = try #require(got[id], "\(id) missing after \(driver)")
            #expect(Self.matches(p.ring, rect), "\(driver) \(id): \(p.ring)")
            #expect(abs(p.planar - rect.w * rect.h) < 0.01, "\(driver) \(id): \(p.planar)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.path("p.gfs")))
        #expect(got["P1"]?.props["village"] as? String == "西峰村")
        if driver != "ESRI Shapefile" {
            // A .dbf field name has at most 10 bytes: ogr2ogr cuts 地类名称 (12 bytes in UTF-8) itself.
            #expect(got["P1"]?.props["land_class_name"] as? String == "水田")
        }
        #expect(got["P1"]?.props["owner"] as? String == "西峰村3组集体")
    }

    @Test("a Shapefile without .cpg whose .dbf is GBK is read as GBK, with a warning; --encoding gbk says so without one")
    func shapefileGBK() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let source = try cli.write("source.geojson", Self.parcelsWithIDField)
        #expect(try Self.gdal("ogr2ogr", ["-f", "ESRI Shapefile", "-lco", "ENCODING=CP936", cli.path("gbk.shp"), source]).status == 0)
        try FileManager.default.removeItem(atPath: cli.path("gbk.cpg"))
        let dbf = try Data(contentsOf: URL(fileURLWithPath: cli.path("gbk.dbf")))
        #expect(String(data: dbf, encoding: .utf8) == nil)  // GBK bytes: not valid UTF-8
        let detected = try cli("import", "parcels", cli.path("gbk.shp"), "--dry-run")
        #expect(detected.status == 0, "\(detected.stderr)")
        #expect(detected.stderr.contains("read as GBK"))
        let told = try cli("import", "parcels", cli.path("gbk.shp"), "--encoding", "gbk")
        #expect(told.status == 0 && !told.stderr.contains("warning"), "\(told.stderr)")
        #expect(try Self.parcels(cli)["P1"]?.props["village"] as? String == "西峰村")
    }

    @Test("a GeoPackage with several layers needs --layer, and the message lists them")
    func geopackageLayers() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let source = try cli.write("source.geojson", Self.parcelsWithIDField)
        let gpkg = cli.path("two.gpkg")
        #expect(try Self.gdal("ogr2ogr", ["-f", "GPKG", gpkg, source, "-nln", "宗地"]).status == 0)
        #expect(try Self.gdal("ogr2ogr", ["-update", "-f", "GPKG", gpkg, source, "-nln", "other"]).status == 0)
        let ambiguous = try cli("import", "parcels", gpkg)
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("two.gpkg") && ambiguous.stderr.contains("--layer") && ambiguous.stderr.contains("宗地"))
        let r = try cli("import", "parcels", gpkg, "--layer", "宗地")
        #expect(r.status == 0 && r.stdout.contains("4 new"), "\(r.stderr)")
    }

    static var cassFixture: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LandKitTests/Fixtures/dxf/cass.dxf").path
    }

    @Test("a CASS-style DXF: closed polylines are parcels named by the text inside; no text or two texts are reported")
    func cassDXF() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let checked = try cli("validate", Self.cassFixture)
        #expect(checked.status == 1)
        #expect(checked.stderr.contains("cass.dxf: feature entity 105: closed polyline has no text inside"), "\(checked.stderr)")
        #expect(checked.stderr.contains("closed polyline has 2 texts inside (DK04, DK05)"), "\(checked.stderr)")
        #expect(checked.stderr.contains("1 open polyline ignored"))
        let r = try cli("import", "parcels", Self.cassFixture, "--skip-invalid")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("EPSG:4523") && r.stdout.contains("2 new"), "\(r.stdout)")
        let got = try Self.parcels(cli, crs: "EPSG:4523")
        // DK01 100 m × 100 m and 西峰02 (GBK MTEXT in the file) 50 m × 100 m.
        #expect(Self.matches(got["DK01"]?.ring ?? [], (35_500_000, 3_385_000, 100, 100)))
        #expect(abs((got["DK01"]?.planar ?? 0) - 10_000) < 0.01)
        #expect(abs((got["西峰02"]?.planar ?? 0) - 5_000) < 0.01)
        #expect(got["DK01"]?.props["cad_layer"] as? String == "JZX")
        let wrongLayer = try cli("validate", Self.cassFixture, "--source-layer", "JMD")
        #expect(wrongLayer.stderr.contains("cass.dxf: the drawing has no closed polylines on CAD layer JMD"), "\(wrongLayer.stderr)")
    }

    @Test("a CASS drawing made with ezdxf: an unlabelled closed polyline inside a parcel is its hole; a labelled one inside stays a parcel")
    func cassHoles() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let fixture = URL(fileURLWithPath: Self.cassFixture).deletingLastPathComponent().appendingPathComponent("cass_holes.dxf").path
        let r = try cli("import", "parcels", fixture, "--label-layer", "ZDH")
        #expect(r.status == 0 && r.stdout.contains("3 new"), "\(r.stdout) \(r.stderr)")
        let got = try Self.parcels(cli, crs: "EPSG:4523")
        // DK10 100 × 100 m with a 20 × 20 m pond: 9600 m²; DK11 50 × 100 m; DK12 10 × 10 m drawn inside DK11.
        #expect(abs((got["DK10"]?.planar ?? 0) - 9_600) < 0.01)
        #expect(abs((got["DK11"]?.planar ?? 0) - 5_000) < 0.01)
        #expect(abs((got["DK12"]?.planar ?? 0) - 100) < 0.01)
    }

    @Test(
        "CASS XDATA: --cass-code keeps the parcel outlines (a house drawn inside is not a hole), XDATA values are attributes and can be the id"
    )
    func cassExtendedData() throws {
        let fixture = URL(fileURLWithPath: Self.cassFixture).deletingLastPathComponent().appendingPathComponent("cass_xdata.dxf").path
        // Without the code, the house (20 × 10 m, unlabelled, inside DK21) is taken as a hole: 10,000 − 200 m².
        let plain = try CLI()
        #expect(try plain("init").status == 0)
        #expect(try plain("import", "parcels", fixture, "--label-layer", "ZDH", "--skip-invalid").status == 0)
        #expect(abs((try Self.parcels(plain, crs: "EPSG:4523")["DK21"]?.planar ?? 0) - 9_800) < 0.01)

        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let r = try cli("import", "parcels", fixture, "--label-layer", "ZDH", "--cass-code", "300000", "--skip-invalid")
        #expect(r.status == 0 && r.stdout.contains("1 new"), "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("cass_xdata.dxf: warning: 1 line with other CASS codes left out (141101 ×1)"), "\(r.stderr)")
        #expect(r.stderr.contains("closed polyline has no text inside"), "\(r.stderr)")  // DK22 has its id in XDATA only
        let got = try Self.parcels(cli, crs: "EPSG:4523")
        #expect(abs((got["DK21"]?.planar ?? 0) - 10_000) < 0.01)
        #expect(got["DK21"]?.props["cass_code"] as? String == "300000")
        #expect(got["DK21"]?.props["xdata.SOUTH.2"] as? String == "DK21")

        // The id kept in XDATA: every coded outline is a parcel, labels or not (DK22 50 × 100 m).
        let byXData = try CLI()
        #expect(try byXData("init").status == 0)
        let x = try byXData("import", "parcels", fixture, "--cass-code", "300000", "--id-field", "xdata.SOUTH.2")
        #expect(x.status == 0 && x.stdout.contains("2 new"), "\(x.stdout) \(x.stderr)")
        let ids = try Self.parcels(byXData, crs: "EPSG:4523")
        #expect(Set(ids.keys) == ["DK21", "DK22"])
        #expect(abs((ids["DK21"]?.planar ?? 0) - 10_000) < 0.01 && abs((ids["DK22"]?.planar ?? 0) - 5_000) < 0.01)

        let none = try byXData("validate", fixture, "--cass-code", "999999")
        #expect(none.status == 1 && none.stderr.contains("the drawing has no closed polylines with CASS code 999999"), "\(none.stderr)")
    }

    @Test("LandKit's Shapefile, KML, DXF and GeoPackage exports open in ogrinfo with their counts, CRS and Chinese attributes")
    func exportsOpenInOgrinfo() throws {
        let w = try SmallWorld()
        for name in ["p.shp", "p.kml", "p.dxf", "p.gpkg", "g.shp"] {
            let extra = name == "g.shp" ? ["--encoding", "gbk"] : []
            let r = try w.cli.run(["export", "parcels", w.cli.path(name)] + extra)
            #expect(r.status == 0, "\(name): \(r.stderr)")
        }
        let shp = try Self.gdal("ogrinfo", ["-al", w.cli.path("p.shp")])
        #expect(shp.out.contains("Feature Count: 4") && shp.out.contains("Geometry: Polygon"))
        #expect(shp.out.contains("CGCS2000 / 3-degree Gauss-Kruger CM 105E") || shp.out.contains("CGCS2000_3_Degree_GK_CM_105E"))
        #expect(shp.out.contains("village (String) = 西峰村") && shp.out.contains("lc_name (String) = 水田"))
        #expect(try String(contentsOfFile: w.cli.path("p.cpg"), encoding: .utf8) == "UTF-8")
        #expect(try String(contentsOfFile: w.cli.path("p.prj"), encoding: .utf8).contains("CGCS2000_3_Degree_GK_CM_105E"))
        let gbk = try Self.gdal("ogrinfo", ["-al", w.cli.path("g.shp")])
        #expect(try String(contentsOfFile: w.cli.path("g.cpg"), encoding: .utf8) == "CP936")
        #expect(gbk.out.contains("village (String) = 西峰村"))
        let kml = try Self.gdal("ogrinfo", ["-al", w.cli.path("p.kml")])
        #expect(kml.out.contains("Feature Count: 4") && kml.out.contains("WGS 84") && kml.out.contains("Name (String) = P1"))
        #expect(kml.out.contains("village (String) = 西峰村"))
        // KML is lon/lat: P1's corner (500020, 3320000) on CM 105°E is about 105.0002°E, 29.9990°N.
        #expect(kml.out.contains("((105.0002"))
        let dxf = try Self.gdal("ogrinfo", ["-al", w.cli.path("p.dxf")])
        // 4 outlines on JZX + 4 id texts on ZDH.
        #expect(dxf.out.contains("Feature Count: 8"))
        #expect(dxf.out.contains("Layer (String) = JZX") && dxf.out.contains("Text (String) = P1"))
        #expect(dxf.out.contains("LINESTRING (35500020 3320000,"))
        let gpkg = try Self.gdal("ogrinfo", ["-so", "-al", w.cli.path("p.gpkg")])
        #expect(gpkg.out.contains("Layer name: parcels") && gpkg.out.contains("Feature Count: 4"))
        #expect(gpkg.out.contains("Geometry: Multi Polygon") && gpkg.out.contains(#"ID["EPSG",4544]"#))
        let gpkgAll = try Self.gdal("ogrinfo", ["-al", w.cli.path("p.gpkg")])
        #expect(gpkgAll.out.contains("owner (String) = 西峰村3组集体"))

        // The DXF export is read back as CASS drawings are: ids from the texts, same rectangles.
        let back = try CLI()
        #expect(try back("init").status == 0)
        let r = try back("import", "parcels", w.cli.path("p.dxf"))
        #expect(r.status == 0 && r.stdout.contains("4 new"), "\(r.stderr)")
        let got = try Self.parcels(back)
        for (id, rect) in Self.corners {
            #expect(Self.matches(got[id]?.ring ?? [], rect), "\(id)")
        }
        // The KML export too: ids from the placemark names, lon/lat back to the same rectangles (≤ 1 mm).
        let fromKML = try CLI()
        #expect(try fromKML("init").status == 0)
        let k = try fromKML("import", "parcels", w.cli.path("p.kml"))
        #expect(k.status == 0 && k.stdout.contains("4 new"), "\(k.stderr)")
        let kmlParcels = try Self.parcels(fromKML)
        for (id, rect) in Self.corners {
            #expect(Self.matches(kmlParcels[id]?.ring ?? [], rect), "\(id)")
        }
    }

    @Test("building exports through GDAL mask personal data unless --unmasked; a Shapefile refuses mixed points and polygons")
    func buildingsMasked() throws {
        let w = try SmallWorld()
        #expect(try w.cli("export", "buildings", w.cli.path("b.gpkg")).status == 0)
        let masked = try Self.gdal("ogrinfo", ["-al", w.cli.path("b.gpkg")]).out
        #expect(masked.contains("张*") && masked.contains("5101**********1234") && !masked.contains("510122199001011234"))
        #expect(try w.cli("export", "buildings", w.cli.path("u.gpkg"), "--unmasked").status == 0)
        #expect(try Self.gdal("ogrinfo", ["-al", w.cli.path("u.gpkg")]).out.contains("510122199001011234"))
        let shp = try w.cli("export", "buildings", w.cli.path("b.shp"))
        #expect(shp.status == 1)
        #expect(shp.stderr.contains("b.shp") && shp.stderr.contains("one kind of geometry"), "\(shp.stderr)")
    }

    @Test("GeoJSON without ids: adcode is taken (DataV), else the position, each with one warning")
    func idFallback() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        func square(_ x: Double) -> String { SmallWorld.square(x, 3_320_000, 10, 10) }
        let datav = """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4544"}},"features":[
            {"type":"Feature","properties":{"adcode":510112,"name":"龙泉驿区"},"geometry":{"type":"Polygon","coordinates":\(square(500000))}},
            {"type":"Feature","properties":{"adcode":510113,"name":"青白江区"},"geometry":{"type":"Polygon","coordinates":\(square(500100))}}]}
            """
        let r = try cli("import", "parcels", try cli.write("datav.geojson", datav))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("2 features have no id property: ids taken from adcode"))
        #expect(try Self.parcels(cli)["510112"] != nil)
        let bare = datav.replacingOccurrences(of: #""adcode":51011[23],"#, with: "", options: .regularExpression)
        let b = try cli("import", "parcels", try cli.write("bare.geojson", bare), "--dry-run")
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stderr.contains("ids taken from their position in the file"))
    }

    @Test("a survey point list (点号, X = northing, Y = easting) becomes one parcel in point order: 100 m × 100 m = 15 mu")
    func pointList() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let csv =
            "点号,X,Y\nJ1,3385000.000,35500000.000\nJ2,3385100.000,35500000.000\nJ3,3385100.000,35500100.000\nJ4,3385000.000,35500100.000\n"
        let r = try cli("import", "parcels", try cli.write("DK09.csv", csv), "--points-to-polygon")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("EPSG:4523") && r.stdout.contains("1 new"))
        #expect(r.stderr.contains("ring 1 is not closed: closed automatically"))
        let got = try Self.parcels(cli, crs: "EPSG:4523")
        #expect(Self.matches(got["DK09"]?.ring ?? [], (35_500_000, 3_385_000, 100, 100)))
        #expect(abs((got["DK09"]?.planar ?? 0) - 10_000) < 0.01)
        let txt = "J1 3385000.000 35500000.000\nJ2 3385100.000 35500000.000\n"
        let bad = try cli("import", "parcels", try cli.write("line.txt", txt), "--points-to-polygon")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("line.txt:1: feature line: ring 1 has 2 distinct points"), "\(bad.stderr)")
    }

    @Test("a GCJ-02 import says so in its summary")
    func gcjSummary() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let r = try cli("import", "buildings", try cli.write("phone.csv", "id,lon,lat\nG1,104.5,30.4\n"), "--from", "gcj02")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("GCJ-02 lon/lat (Amap/Tencent) converted to WGS 84"), "\(r.stdout)")
    }

    @Test("a file no reader recognises names itself, the supported formats and the ogr2ogr conversion")
    func unreadable() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let p = cli.path("mystery.bin")
        try Data([0, 1, 2, 3, 0xFF, 0xFE, 7, 9]).write(to: URL(fileURLWithPath: p))
        let r = try cli("import", "parcels", p)
        #expect(r.status == 1)
        #expect(
            r.stderr.contains("mystery.bin") && r.stderr.contains("ESRI Shapefile") && r.stderr.contains("ogr2ogr -f GPKG"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}

@Suite("export acquisitions")
struct AcquisitionsExportTests {
    @Test("acquisitions are the pieces inside the red line: P1's half 60 × 30 m, P2 whole; their areas add up to the required area")
    func pieces() throws {
        let w = try SmallWorld()
        let out = w.cli.path("acq.geojson")
        let r = try w.cli("export", "acquisitions", out, "--project", "road", "--crs", "EPSG:4544")
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        var pieces: [String: (ring: [[Double]], overlap: Double)] = [:]
        for f in json?["features"] as? [[String: Any]] ?? [] {
            let coords = (f["geometry"] as? [String: Any])?["coordinates"]
            let ring = (coords as? [[[[Double]]]])?.first?.first ?? (coords as? [[[Double]]])?.first ?? []
            pieces[f["id"] as? String ?? ""] = (ring, (f["properties"] as? [String: Any])?["overlap_m2"] as? Double ?? 0)
        }
        #expect(Set(pieces.keys) == ["P1", "P2"])
        // The red line is y 3319970…3320030: P1 (y 3320000…3320060) keeps y 3320000…3320030.
        #expect(OGRImportExportTests.matches(pieces["P1"]?.ring ?? [], (500020, 3_320_000, 60, 30)))
        #expect(OGRImportExportTests.matches(pieces["P2"]?.ring ?? [], (500100, 3_319_980, 50, 40)))
        let overlaps = try w.cli.json(try w.cli("overlaps", "--format", "json"))
        let project = (overlaps["projects"] as? [[String: Any]])?.first { $0["id"] as? String == "road" }
        let required = try #require(project?["required_m2"] as? Double)
        let sum = pieces.values.reduce(0) { $0 + $1.overlap }
        #expect(abs(sum - required) <= 1e-6 * required, "\(sum) vs \(required)")
        // Near the central meridian ellipsoidal ≈ planar: 1800 + 2000 m² (hand) to 0.1 %.
        #expect(abs(required - 3800) < 3.8)

        // Survey TXT: the pieces with their ellipsoidal areas in hectares (0.1800 and 0.2000).
        #expect(try w.cli("export", "acquisitions", w.cli.path("acq.txt"), "--project", "road").status == 0)
        let txt = try String(contentsOfFile: w.cli.path("acq.txt"), encoding: .utf8)
        #expect(txt.contains(",0.1800,P1,") && txt.contains(",0.2000,P2,"), "\(txt)")
        #expect(txt.contains("3320030.000,35500020.000") || txt.contains("3320030.000,35500080.000"))
    }
}

@Suite("repair messages in the input's coordinates")
struct RepairPositionTests {
    @Test("a lon/lat bow-tie's self-intersection is reported in lon/lat (its crossing at 105.0005, 30.0005), not storage metres")
    func lonLatBowtie() throws {
        let cli = try CLI()
        #expect(try cli("init").status == 0)
        let bowtie =
            #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"BT","properties":{},"geometry":{"type":"Polygon","coordinates":[[[105.0,30.0],[105.001,30.001],[105.001,30.0],[105.0,30.001],[105.0,30.0]]]}}]}"#
        let r = try cli("import", "parcels", try cli.write("bowtie.geojson", bowtie))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("Self-intersection[105.00050"), "\(r.stderr)")
        #expect(r.stderr.contains(" 30.00050") && r.stderr.contains("in EPSG:4326]"), "\(r.stderr)")
    }
}
