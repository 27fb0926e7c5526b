import Foundation
import Testing

/// The GeoPackage edited and viewed as QGIS does, through GDAL's own tools (QGIS writes through
/// the same OGR driver). Expected figures are hand calculations on SmallWorld (EPSG:4544, on the
/// central meridian, where ellipsoidal and planar areas agree to 1e-5): the red line covers
/// x 500000…500200, y 3319970…3320030.
@Suite("the GeoPackage edited in QGIS (through GDAL)")
struct QGISEditingTests {
    static func gdal(_ tool: String, _ arguments: String...) throws -> (status: Int32, out: String) {
        try OGRImportExportTests.gdal(tool, arguments)
    }

    /// GDAL's GeoPackage validator (validate_gpkg.py) accepts the database.
    static func expectValidGeoPackage(_ cli: CLI, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try cli.run(
            ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", cli.db], executable: "/usr/bin/python3")
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)", sourceLocation: sourceLocation)
    }

    static func feature(_ id: String, _ x: Double, _ y: Double, _ w: Double, _ h: Double) -> String {
        """
        {"type":"FeatureCollection",\(SmallWorld.crsMember),"features":[
        {"type":"Feature","properties":{"id":"\(id)"},"geometry":{"type":"MultiPolygon","coordinates":[\(SmallWorld.square(x, y, w, h))]}}]}
        """
    }

    static func overlapM2(_ json: [String: Any], _ id: String) -> Double? {
        let projects = json["projects"] as? [[String: Any]] ?? []
        let parcels = projects.first?["parcels"] as? [[String: Any]] ?? []
        return parcels.first { $0["id"] as? String == id }?["overlap_m2"] as? Double
    }

    @Test(
        "a parcel deleted, moved and added through ogrinfo -sql / ogr2ogr -update is reflected by the next overlaps and report"
    )
    func editsReachOverlapsAndReport() throws {
        let world = try SmallWorld()
        let cli = world.cli
        // Before: P1 half inside (1800 m²) + P2 wholly inside (2000 m²) = 3800 m² = 5.7 mu.
        let before = try cli.json(try cli("report", "--format", "json"))
        let land0 = (before["projects"] as? [[String: Any]])?.first?["land"] as? [String: Any]
        #expect(abs((land0?["required_mu"] as? Double ?? 0) - 5.7) < 1e-3)

        // Delete P2; move P1 30 m south (y 3319970…3320030: wholly inside, 60 × 60 = 3600 m²);
        // add P5, 20 × 30 m inside the corridor (600 m²).
        #expect(try Self.gdal("ogrinfo", "-q", cli.db, "-sql", "DELETE FROM parcels WHERE id = 'P2'").status == 0)
        let moved = try cli.write("moved.geojson", Self.feature("P1", 500020, 3319970, 60, 60))
        #expect(try Self.gdal("ogr2ogr", "-update", cli.db, moved, "-nln", "moved_p1").status == 0)
        #expect(
            try Self.gdal("ogrinfo", "-q", cli.db, "-sql", "UPDATE parcels SET geom = (SELECT geom FROM moved_p1) WHERE id = 'P1'").status
                == 0)
        #expect(try Self.gdal("ogrinfo", "-q", cli.db, "-sql", "DROP TABLE moved_p1").status == 0)
        let added = try cli.write("p5.geojson", Self.feature("P5", 500160, 3319990, 20, 30))
        #expect(try Self.gdal("ogr2ogr", "-update", "-append", cli.db, added, "-nln", "parcels").status == 0)

        let overlaps = try cli.json(try cli("overlaps", "--format", "json"))
        #expect(abs((Self.overlapM2(overlaps, "P1") ?? 0) - 3600) < 0.1)
        #expect(abs((Self.overlapM2(overlaps, "P5") ?? 0) - 600) < 0.1)
        #expect(Self.overlapM2(overlaps, "P2") == nil)

        // After: 3600 + 600 = 4200 m² = 6.3 mu over 2 parcels.
        let after = try cli.json(try cli("report", "--format", "json"))
        let land = (after["projects"] as? [[String: Any]])?.first?["land"] as? [String: Any]
        #expect(abs((land?["required_mu"] as? Double ?? 0) - 6.3) < 1e-3)
        #expect(land?["parcels"] as? Int == 2)

        // The added parcel's areas were computed by LandKit (20 × 30 m), not left empty.
        let exported = try OGRImportExportTests.parcels(cli)
        #expect(abs((exported["P5"]?.planar ?? 0) - 600) < 1e-6)
        #expect(abs((exported["P1"]?.planar ?? 0) - 3600) < 1e-6)

        // Each edit is in the event log, attributed to the outside editor.
        for id in ["P1", "P2", "P5"] {
            let history = try cli("history", "parcel", id)
            #expect(history.stdout.contains("external edit (QGIS/GDAL)"), "\(id): \(history.stdout)")
        }
        let verify = try cli("info", "--verify")
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    /// A bow tie 40 × 40 m inside the red line, its ring crossing itself at the centre: as drawn its
    /// signed area is 0 (the two lobes cancel); repaired it is two triangles of ½ · 40 · 20 = 400 m² each.
    static func bowTie(_ properties: String) -> String {
        let (x, y) = (500100.0, 3319980.0)
        let ring = [[x, y], [x + 40, y + 40], [x + 40, y], [x, y + 40], [x, y]].map { "[\($0[0]),\($0[1])]" }.joined(separator: ",")
        return """
            {"type":"FeatureCollection",\(SmallWorld.crsMember),"features":[
            {"type":"Feature","properties":{\(properties)},"geometry":{"type":"Polygon","coordinates":[[\(ring)]]}}]}
            """
    }

    @Test("an outline drawn crossing itself in QGIS is repaired as an import repairs it: areas, overlaps and the event say so")
    func selfCrossingEditRepaired() throws {
        let world = try SmallWorld()
        let cli = world.cli
        let bowTie = try cli.write("bowtie.geojson", Self.bowTie(#""id":"P6""#))
        #expect(try Self.gdal("ogr2ogr", "-update", "-append", cli.db, bowTie, "-nln", "parcels", "-nlt", "MULTIPOLYGON").status == 0)

        let overlaps = try cli.json(try cli("overlaps", "--format", "json"))
        #expect(abs((Self.overlapM2(overlaps, "P6") ?? 0) - 800) < 0.1)
        #expect(abs((try OGRImportExportTests.parcels(cli)["P6"]?.planar ?? 0) - 800) < 1e-6)
        let history = try cli("history", "parcel", "P6")
        #expect(history.stdout.contains("its invalid geometry was repaired (MakeValid, STRUCTURE): Self-intersection"), "\(history.stdout)")
        let verify = try cli("info", "--verify")
        #expect(verify.status == 0, "\(verify.stderr)")
    }

    @Test("info --verify names a parcel whose geometry is invalid (drawn with the triggers dropped)")
    func verifyNamesInvalidGeometry() throws {
        let world = try SmallWorld()
        let cli = world.cli
        #expect(try Self.gdal("ogrinfo", "-q", cli.db, "-sql", "DROP TRIGGER landkit_parcels_edited_insert").status == 0)
        let bowTie = try cli.write("bowtie.geojson", Self.bowTie(#""id":"P7","area_m2":0,"planar_area_m2":0,"area_mu":0"#))
        #expect(try Self.gdal("ogr2ogr", "-update", "-append", cli.db, bowTie, "-nln", "parcels", "-nlt", "MULTIPOLYGON").status == 0)
        let r = try cli("info", "--verify")
        #expect(r.status == 1)
        #expect(r.stderr.contains("parcel P7: its geometry is invalid (Self-intersection"), "\(r.stderr)")
    }

    @Test("an area typed over in QGIS is cleared and recomputed, not trusted")
    func typedAreaRecomputed() throws {
        let world = try SmallWorld()
        let cli = world.cli
        #expect(
            try Self.gdal("ogrinfo", "-q", cli.db, "-sql", "UPDATE parcels SET area_m2 = 99999, area_mu = 150 WHERE id = 'P2'").status == 0)
        let overlaps = try cli.json(try cli("overlaps", "--format", "json"))
        #expect(abs((Self.overlapM2(overlaps, "P2") ?? 0) - 2000) < 0.1)
        #expect(abs((try OGRImportExportTests.parcels(cli)["P2"]?.planar ?? 0) - 2000) < 1e-6)
    }

    @Test("info --verify names a parcel whose stored areas do not match its geometry (edited with the triggers dropped)")
    func verifyNamesMismatch() throws {
        let world = try SmallWorld()
        let cli = world.cli
        #expect(try Self.gdal("ogrinfo", "-q", cli.db, "-sql", "DROP TRIGGER landkit_parcels_edited_update").status == 0)
        #expect(try Self.gdal("ogrinfo", "-q", cli.db, "-sql", "UPDATE parcels SET area_m2 = 1234 WHERE id = 'P3'").status == 0)
        let r = try cli("info", "--verify")
        #expect(r.status == 1)
        #expect(r.stderr.contains("parcel P3: stored areas"), "\(r.stderr)")
        #expect(r.stderr.contains("5000.00 m²"), "\(r.stderr)")  // P3 is 100 × 50 m
        #expect(r.stderr.contains("landkit_parcels_edited_update"), "\(r.stderr)")
    }

    @Test("ogrinfo lists the three progress views with their stage fields, one row per item, and validate_gpkg.py passes")
    func progressViews() throws {
        let world = try SmallWorld()
        let cli = world.cli
        try world.expectOK(cli("status", "set", "parcel", "P2", "--project", "road", "--to", "surveyed"))
        // Items of project road: P1, P2; H1 inside, H2 edge; U1.
        for (layer, count) in [("land_progress", 2), ("household_progress", 2), ("utility_progress", 1)] {
            let info = try Self.gdal("ogrinfo", "-ro", "-so", cli.db, layer)
            #expect(info.status == 0)
            #expect(info.out.contains("Feature Count: \(count)"), "\(layer): \(info.out)")
            #expect(info.out.contains("stage: String"), "\(layer): \(info.out)")
            #expect(info.out.contains("stage_zh: String"), "\(layer): \(info.out)")
        }
        let p2 = try Self.gdal("ogrinfo", "-ro", "-q", cli.db, "-sql", "SELECT stage_zh FROM land_progress WHERE parcel_id = 'P2'")
        #expect(p2.out.contains("stage_zh (String) = 已勘测定界"), "\(p2.out)")  // domain.md: surveyed 已勘测定界
        let edge = try Self.gdal(
            "ogrinfo", "-ro", "-q", cli.db, "-sql", "SELECT position_zh FROM household_progress WHERE building_id = 'H2'")
        #expect(edge.out.contains("position_zh (String) = 边线"), "\(edge.out)")

        let all = try Self.gdal("ogrinfo", "-ro", "-al", "-q", cli.db, "land_progress", "household_progress", "utility_progress")
        #expect(all.status == 0)
        for secret in ["510122199001011234", "510122198502023456", "13812345678", "张德明", "李秀英"] {
            #expect(!all.out.contains(secret), "\(secret) appears in a view")
        }
        try Self.expectValidGeoPackage(cli)
    }
}

extension QGISEditingTests {
    /// Reads layer_styles with Python (sqlite3 + ElementTree, independent of LandKit): per table, the
    /// default flag, the rules' labels and their fill colours, in rule order.
    static let readStyles = """
        import sqlite3, sys, json, xml.etree.ElementTree as ET
        c = sqlite3.connect(sys.argv[1])
        out = {}
        for table, qml, default in c.execute("SELECT f_table_name, styleQML, useAsDefault FROM layer_styles WHERE f_geometry_column = 'geom'"):
            root = ET.fromstring(qml.split('\\n', 1)[1])
            colours = {}
            for s in root.iter('symbol'):
                props = {p.get('k'): p.get('v') for p in s.iter('prop')}
                colours[s.get('name')] = props.get('color') or props.get('line_color')
            rules = [(r.get('label'), colours[r.get('symbol')]) for r in root.iter('rule')]
            out[table] = {'default': default, 'rules': rules}
        print(json.dumps(out, ensure_ascii=False))
        """

    @Test("default styles in layer_styles give each stage its own colour, light to dark in workflow order, and mark edge households")
    func styles() throws {
        let world = try SmallWorld()
        let cli = world.cli
        let r = try cli.run(["-c", Self.readStyles, cli.db], executable: "/usr/bin/python3")
        #expect(r.status == 0, "\(r.stderr)")
        let styles = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: [String: Any]] ?? [:]
        #expect(Set(styles.keys) == ["land_progress", "household_progress", "utility_progress", "zones"])
        // domain.md: 7 land stages, 5 household stages, 4 utility stages.
        for (table, stages, first) in [("land_progress", 7, "待启动"), ("household_progress", 5, "未入户"), ("utility_progress", 4, "待启动")] {
            let style = styles[table]
            #expect(style?["default"] as? Int == 1)
            let rules = (style?["rules"] as? [[Any]] ?? []).compactMap { r -> (String, [Double])? in
                guard let label = r.first as? String, let c = r.last as? String else { return nil }
                return (label, c.split(separator: ",").compactMap { Double($0) })
            }
            let stageRules = rules.filter { !$0.0.contains("边线户") }
            #expect(stageRules.count == stages, "\(table)")
            #expect(stageRules.first?.0.hasPrefix(first) == true, "\(table)")
            #expect(Set(stageRules.map(\.1)).count == stages, "\(table): colours repeat")
            // Relative luminance (ITU-R BT.709 weights on sRGB values) falls stage by stage: a sequential palette.
            let luminance = stageRules.map { 0.2126 * $0.1[0] + 0.7152 * $0.1[1] + 0.0722 * $0.1[2] }
            #expect(zip(luminance, luminance.dropFirst()).allSatisfy { $0 > $1 }, "\(table): \(luminance)")
        }
        let household = (styles["household_progress"]?["rules"] as? [[Any]] ?? []).compactMap { $0.first as? String }
        #expect(household.contains { $0.contains("边线户") })
    }
}

extension QGISEditingTests {
    static func declaredTypes(_ db: String) throws -> [String: String] {
        let r = try gdal("ogrinfo", "-ro", "-q", db, "-sql", "SELECT table_name, geometry_type_name FROM gpkg_geometry_columns")
        var types: [String: String] = [:]
        var table: String?
        for line in r.out.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("table_name (String) = ") { table = String(line.dropFirst("table_name (String) = ".count)) }
            if line.hasPrefix("geometry_type_name (String) = "), let t = table {
                types[t] = String(line.dropFirst("geometry_type_name (String) = ".count))
            }
        }
        return types
    }

    @Test("buildings and utilities declare the one geometry type their data has; a later import that mixes types falls back to GEOMETRY")
    func geometryTypes() throws {
        let world = try SmallWorld()
        let cli = world.cli
        // SmallWorld: H1 is a point, H2 and H3 are polygons; U1 is a line.
        var types = try Self.declaredTypes(cli.db)
        #expect(types["buildings"] == "GEOMETRY")
        #expect(types["utilities"] == "LINESTRING")
        #expect(types["utility_progress"] == "LINESTRING")
        #expect(types["parcels"] == "MULTIPOLYGON")
        let listing = try Self.gdal("ogrinfo", "-ro", "-q", cli.db)
        #expect(listing.out.contains("utility_progress (Line String)"), "\(listing.out)")

        let polygons = try CLI()
        try world.expectOK(polygons("init"))
        let houses = SmallWorld.buildings.replacingOccurrences(
            of: #"{"type":"Point","coordinates":[500120,3320000]}"#,
            with: #"{"type":"Polygon","coordinates":\#(SmallWorld.square(500120, 3320000, 5, 5))}"#)
        try world.expectOK(polygons("import", "buildings", try polygons.write("houses.geojson", houses)))
        types = try Self.declaredTypes(polygons.db)
        #expect(types["buildings"] == "POLYGON")
        #expect(types["household_progress"] == "POLYGON")
        let point = """
            {"type":"FeatureCollection",\(SmallWorld.crsMember),"features":[
            {"type":"Feature","id":"H9","properties":{},"geometry":{"type":"Point","coordinates":[500300,3320300]}}]}
            """
        try world.expectOK(polygons("import", "buildings", try polygons.write("point.geojson", point)))
        types = try Self.declaredTypes(polygons.db)
        #expect(types["buildings"] == "GEOMETRY")
        #expect(types["household_progress"] == "GEOMETRY")
        try Self.expectValidGeoPackage(polygons)
    }
}

extension QGISEditingTests {
    /// Reads a .qgz with Python's zipfile and ElementTree: the groups with their layers' names and
    /// data sources, and whether each map layer carries a renderer.
    static let readProject = """
        import sys, json, zipfile, xml.etree.ElementTree as ET
        z = zipfile.ZipFile(sys.argv[1])
        names = z.namelist()
        root = ET.fromstring(z.read(names[0]).split(b'\\n', 1)[1])
        groups = {g.get('name'): [l.get('source') for l in g.findall('layer-tree-layer')] for g in root.find('layer-tree-group').findall('layer-tree-group')}
        renderers = [m.find('renderer-v2') is not None for m in root.iter('maplayer')]
        print(json.dumps({'entries': names, 'groups': groups, 'renderers': renderers, 'crs': root.find('projectCrs/spatialrefsys/authid').text}, ensure_ascii=False))
        """

    @Test("qgis writes a .qgz (a zip of one .qgs) with a group per project: its three progress layers and red line, filtered to it, styled")
    func qgisProject() throws {
        let world = try SmallWorld()
        let cli = world.cli
        try world.expectOK(cli("project", "add", "rail", "--name", "高铁片区", "--kind", "rail-area"))
        let out = cli.path("progress.qgz")
        try world.expectOK(cli("qgis", "--out", out))
        let r = try cli.run(["-c", Self.readProject, out], executable: "/usr/bin/python3")
        #expect(r.status == 0, "\(r.stderr)")
        let project = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(project["entries"] as? [String] == ["progress.qgs"])
        #expect(project["crs"] as? String == "EPSG:4544")
        let groups = project["groups"] as? [String: [String]] ?? [:]
        #expect(Set(groups.keys) == ["X大道延长线 (road)", "高铁片区 (rail)"])
        let road = groups["X大道延长线 (road)"] ?? []
        #expect(road.count == 4)
        for table in ["land_progress", "household_progress", "utility_progress"] {
            #expect(road.contains("./landkit.gpkg|layername=\(table)|subset=\"project\" = 'road'"), "\(road)")
        }
        #expect(road.contains("./landkit.gpkg|layername=zones|subset=\"project_id\" = 'road'"), "\(road)")
        // SmallWorld has buildings, utilities and parcels: every layer has a stored style.
        #expect((project["renderers"] as? [Bool])?.allSatisfy { $0 } == true)

        let unknown = try cli("qgis", "nope", "--out", cli.path("x.qgz"))
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no project nope"))
        #expect(!FileManager.default.fileExists(atPath: cli.path("x.qgz")))
    }
}
