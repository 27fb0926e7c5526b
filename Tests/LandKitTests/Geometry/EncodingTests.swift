import Foundation
import Testing

@testable import LandKit

@Suite("WKB, WKT and GeoJSON encodings")
struct EncodingTests {
    static let samples = [
        "POINT (500000 3320113.397845)",
        "LINESTRING (0 0, 1.5 2.25, 3 0)",
        "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0), (40 40, 60 40, 60 60, 40 60, 40 40))",
        "MULTIPOINT ((1 1), (2 2))",
        "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
        "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))",
    ]

    @Test("WKB and WKT round-trip exactly", arguments: samples)
    func roundTrip(_ text: String) throws {
        let g = try Geometry(wkt: text)
        #expect(g.wkt == text)
        #expect(try Geometry(wkb: g.wkb) == g)
    }

    @Test("WKB of POINT (1 2) is the OGC byte layout")
    func wkbBytes() throws {
        // 01 (little endian), 01000000 (type 1), then IEEE 754 doubles 1.0 and 2.0 little endian.
        let expected: [UInt8] = [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0x40]
        #expect(Geometry.point(Coordinate(1, 2)).wkb == expected)
        // Big-endian input reads the same.
        let big: [UInt8] = [0, 0, 0, 0, 1, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0]
        #expect(try Geometry(wkb: big) == .point(Coordinate(1, 2)))
    }

    @Test("Z values in WKT and WKB are read and dropped")
    func zDropped() throws {
        #expect(try Geometry(wkt: "POINT Z (1 2 3)") == .point(Coordinate(1, 2)))
        #expect(try Geometry(wkt: "LINESTRING (1 2 3, 4 5 6)") == .lineString([Coordinate(1, 2), Coordinate(4, 5)]))
    }

    @Test(
        "broken WKT and WKB are errors that say where",
        arguments: ["POLYGON ((0 0, 1 0, 1 x))", "POINT (1)", "CIRCLE (0 0)", "POINT (1 2) extra"])
    func badWKT(_ text: String) {
        #expect(throws: GeometryError.self) { try Geometry(wkt: text) }
    }

    @Test("truncated WKB is an error")
    func badWKB() {
        let bytes = Geometry.lineString([Coordinate(0, 0), Coordinate(1, 1)]).wkb
        #expect(throws: GeometryError.self) { try Geometry(wkb: bytes.dropLast(3)) }
        #expect(throws: GeometryError.self) { try Geometry(wkb: [7, 7, 7]) }
    }

    @Test("GeoJSON geometry objects round-trip", arguments: samples)
    func geoJSON(_ text: String) throws {
        let g = try Geometry(wkt: text)
        let json = try JSONSerialization.jsonObject(with: Data(g.geoJSON().utf8))
        #expect(try Geometry(geoJSON: json) == g)
    }

    @Test("GeoJSON with non-numeric coordinates is an error")
    func badGeoJSON() throws {
        let json = try JSONSerialization.jsonObject(with: Data(#"{"type":"Point","coordinates":["a",2]}"#.utf8))
        #expect(throws: GeometryError.self) { try Geometry(geoJSON: json) }
    }
}
