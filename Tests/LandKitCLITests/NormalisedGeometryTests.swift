import Foundation
import Testing

/// Issue 12 defect 2: geometries are normalised on import. Figures are hand calculations on SmallWorld's corridor
/// (x 500000…500200, y 3319970…3320030).
@Suite("geometries normalised on import")
struct NormalisedGeometryTests {
    /// A GeometryCollection nested `depth` levels, each level holding one vertical 20 m line at x = 500010 + level,
    /// y 3319990…3320010: wholly inside the corridor.
    static func nestedUtility(depth: Int) -> String {
        var g = #"{"type":"GeometryCollection","geometries":[]}"#
        for level in (0..<depth).reversed() {
            let x = 500_010 + level
            let line = #"{"type":"LineString","coordinates":[[\#(x),3319990],[\#(x),3320010]]}"#
            g = #"{"type":"GeometryCollection","geometries":[\#(line),\#(g)]}"#
        }
        return
            #"{"type":"FeatureCollection",\#(SmallWorld.crsMember),"features":[{"type":"Feature","id":"GC","properties":{"kind":"power-line"},"geometry":\#(g)}]}"#
    }

    @Test(
        "a utility nested 100 collections deep (JSON depth 200 of the 256 allowed) is one flat MultiLineString of 100 lines; overlaps: 100 × 20 m = 2000 m"
    )
    func nestedCollection() throws {
        let w = try SmallWorld()
        let r = try w.cli("import", "utilities", try w.cli.write("nested.geojson", Self.nestedUtility(depth: 100)))
        #expect(r.status == 0, "\(r.stderr)")
        let out = w.cli.path("u.geojson")
        #expect(try w.cli("export", "utilities", out, "--crs", "EPSG:4544").status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        let feature = (json?["features"] as? [[String: Any]])?.first {
            ($0["id"] as? String) == "GC" || ($0["properties"] as? [String: Any])?["id"] as? String == "GC"
        }
        let geometry = try #require(feature?["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "MultiLineString")
        #expect((geometry["coordinates"] as? [Any])?.count == 100)
        let overlaps = try w.cli.json(try w.cli("overlaps", "--format", "json"))
        let utilities = ((overlaps["projects"] as? [[String: Any]])?.first?["utilities"] as? [[String: Any]]) ?? []
        let gc = try #require(utilities.first { $0["id"] as? String == "GC" })
        #expect(abs((gc["length_m"] as? Double ?? 0) - 2000) < 1e-6)
    }

    @Test("a collection of two squares is a parcel of 2 parts (2 × 100 m²); a line or a mixed collection as a parcel is refused naming it")
    func parcelKinds() throws {
        let w = try SmallWorld()
        let two =
            #"{"type":"FeatureCollection",\#(SmallWorld.crsMember),"features":[{"type":"Feature","id":"G2","properties":{},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Polygon","coordinates":\#(SmallWorld.square(502000, 3322000, 10, 10))},{"type":"GeometryCollection","geometries":[{"type":"Polygon","coordinates":\#(SmallWorld.square(502100, 3322000, 10, 10))}]}]}}]}"#
        let r = try w.cli("import", "parcels", try w.cli.write("two.geojson", two))
        #expect(r.status == 0, "\(r.stderr)")
        let before = try w.dump()
        let line =
            #"{"type":"FeatureCollection",\#(SmallWorld.crsMember),"features":[{"type":"Feature","id":"L1","properties":{},"geometry":{"type":"LineString","coordinates":[[502000,3322000],[502010,3322000]]}},{"type":"Feature","id":"M1","properties":{},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[502000,3322000]},{"type":"Polygon","coordinates":\#(SmallWorld.square(502200, 3322000, 10, 10))}]}}]}"#
        let bad = try w.cli("import", "parcels", try w.cli.write("line.geojson", line))
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("feature L1: parcels need polygons, got linestring"), "\(bad.stderr)")
        #expect(bad.stderr.contains("feature M1: a geometry collection mixing points, lines and polygons"), "\(bad.stderr)")
        #expect(try w.dump() == before)
        let exported = w.cli.path("p.geojson")
        #expect(try w.cli("export", "parcels", exported, "--crs", "EPSG:4544").status == 0)
        let text = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(text.contains("G2"))
    }
}
