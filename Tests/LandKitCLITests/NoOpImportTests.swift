import Foundation
import Testing

/// Issue 12 defect 13: re-importing unchanged data changes nothing, not even a byte of the file.
@Suite("re-imports that change nothing")
struct NoOpImportTests {
    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    static func events(_ w: SmallWorld) throws -> Int {
        let info = try w.cli.json(try w.cli("info", "--format", "json"))
        return (info["counts"] as? [String: Int])?["events"] ?? -1
    }

    @Test("importing the same parcels, buildings and utilities again leaves the .gpkg byte-identical")
    func byteIdentical() throws {
        let w = try SmallWorld()
        let before = try Self.bytes(w.cli.db)
        for (layer, file) in [("parcels", "parcels.geojson"), ("buildings", "buildings.geojson"), ("utilities", "utilities.geojson")] {
            let r = try w.cli("import", layer, w.cli.path(file))
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("0 new, 0 updated"), "\(r.stdout)")
        }
        #expect(try Self.bytes(w.cli.db) == before)
        #expect(!FileManager.default.fileExists(atPath: w.cli.db + "-wal"))
    }

    @Test("a vertex moved by 0.5 mm is unchanged (no event, file unchanged); by 5 mm it is an update and one event")
    func subMillimetre() throws {
        let w = try SmallWorld()
        let before = try Self.bytes(w.cli.db)
        let tiny = SmallWorld.parcels.replacingOccurrences(of: "[501000.0,3321000.0]", with: "[501000.0005,3321000.0]")
        #expect(tiny != SmallWorld.parcels)
        let r = try w.cli("import", "parcels", try w.cli.write("parcels.geojson", tiny))
        #expect(r.stdout.contains("0 new, 0 updated, 4 unchanged"), "\(r.stdout)")
        #expect(try Self.bytes(w.cli.db) == before)
        let moved = SmallWorld.parcels.replacingOccurrences(of: "[501000.0,3321000.0]", with: "[501000.005,3321000.0]")
        let m = try w.cli("import", "parcels", try w.cli.write("parcels.geojson", moved))
        #expect(m.stdout.contains("0 new, 1 updated, 3 unchanged"), "\(m.stdout)")
        #expect(try Self.events(w) == 1)
    }

    @Test(
        "an ogr2ogr round trip of the parcels (GeoPackage → Shapefile, → GeoJSON in lon/lat) writes no geometry-changed event",
        arguments: [
            ["-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8"], ["-f", "GeoJSON", "-t_srs", "EPSG:4490"],
        ])
    func ogrRoundTrip(_ options: [String]) throws {
        let w = try SmallWorld()
        let out = w.cli.path(options[1] == "GeoJSON" ? "roundtrip.geojson" : "roundtrip.shp")
        let made = try OGRImportExportTests.gdal("ogr2ogr", options + [out, w.cli.db, "parcels"])
        #expect(made.status == 0)
        let r = try w.cli("import", "parcels", out, "--replace")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("4 read, 0 new"), "\(r.stdout)")
        #expect(try Self.events(w) == 0)
        let overlaps = try w.cli("overlaps", "--format", "json")
        #expect(!overlaps.stdout.contains("stale"), "\(overlaps.stdout)")
    }

    @Test("an id that came from another file is refused naming the id and both files; --replace lets it replace")
    func otherFile() throws {
        let w = try SmallWorld()
        let before = try w.dump()
        let second = """
            {"type":"FeatureCollection",\(SmallWorld.crsMember),"features":[
            {"type":"Feature","id":"P1","properties":{},"geometry":{"type":"Polygon","coordinates":\(SmallWorld.square(502000, 3322000, 10, 10))}}
            ]}
            """
        let file = try w.cli.write("second-survey.geojson", second)
        let r = try w.cli("import", "parcels", file)
        #expect(r.status == 1)
        #expect(
            r.stderr.contains(
                "feature P1: id P1 already came from parcels.geojson, not from second-survey.geojson: ids must be unique across source files (pass --replace"
            ), "\(r.stderr)")
        #expect(try w.dump() == before)
        let replaced = try w.cli("import", "parcels", file, "--replace")
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains("0 new, 1 updated"), "\(replaced.stdout)")
    }
}
