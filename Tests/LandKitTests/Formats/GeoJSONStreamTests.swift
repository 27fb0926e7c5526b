import Foundation
import Testing

@testable import LandKit

@Suite("GeoJSON streaming")
struct GeoJSONStreamTests {
    func reader(_ name: String, idField: String? = nil, chunkSize: Int = 1 << 20) throws -> GeoJSONFeatureReader {
        try GeoJSONFeatureReader(path: Fixture.url("geojson/\(name)").path, idField: idField, chunkSize: chunkSize)
    }

    @Test("a crs member after the features is known before the first feature; a property named crs is not it")
    func crsAfterFeatures() throws {
        let r = try reader("crs_after.geojson")
        #expect(r.declaredCRS == CRS(epsg: 4544))
        let features = try r.readAll()
        #expect(features.count == 2)
        #expect(features[0].id == "DK01")
        #expect(features[0].sourceLine == 4)
        #expect(features[0][property: "名称"] == .string("地块1"))
        #expect(features[0][property: "area"] == .number(9600))
        #expect(abs(PlanarArea.of(features[0].geometry) - 10_000) < 1e-9)
        // "type" after "coordinates" in the second feature.
        #expect(features[1].geometry == .point(Coordinate(x: 500_050.5, y: 3_385_050.25)))
        #expect(features[1].id == nil)
        #expect(features[1][property: "crs"] == .string("{\"type\": \"name\"}"))
        #expect(r.diagnostics.isEmpty)
    }

    @Test("an id field from the properties wins over the id member, which remains the fallback")
    func idField() throws {
        let features = try reader("crs_after.geojson", idField: "编号").readAll()
        #expect(features.map(\.id) == ["DK01", "DK02"])
    }

    @Test("a crs member before the features, numbers as ids, escapes and multipolygons")
    func crsBeforeFeatures() throws {
        let r = try reader("crs_before.geojson")
        #expect(r.declaredCRS == CRS(epsg: 4523))
        let f = try #require(try r.next())
        #expect(f.id == "7")
        #expect(f[property: "ok"] == .bool(true))
        #expect(f[property: "note"] == .null)
        #expect(f[property: "text"] == .string("a \"quoted\" 地块"))
        #expect(f.geometry.polygons.count == 2)
        #expect(try r.next() == nil)
        #expect(try r.next() == nil)
    }

    @Test("RFC 7946 lon/lat without crs: no declared CRS, Z dropped, exponent numbers")
    func rfc7946() throws {
        let r = try reader("rfc7946.geojson")
        #expect(r.declaredCRS == nil)
        let f = try #require(try r.next())
        #expect(f.geometry == .lineString([Coordinate(x: 105, y: 30.5), Coordinate(x: 105.001, y: 30.501)]))
        #expect(f[property: "n"] == .number(1000))
    }

    @Test("non-numeric coordinates and null geometries are per-feature errors naming line and index")
    func nonNumeric() throws {
        let r = try reader("non_numeric.geojson", chunkSize: 4096)
        let features = try r.readAll()
        #expect(features.count == 2)
        #expect(features.map(\.sourceLine) == [2, 6])
        #expect(r.featuresRead == 4)
        #expect(r.diagnostics.count == 2)
        let first = try #require(r.diagnostics.first)
        #expect(first.feature == "#2")
        #expect(first.line == 4)
        #expect(first.message.contains("\"105.0\" is not a number"))
        #expect(r.diagnostics[1].feature == "#3")
        #expect(r.diagnostics[1].message.contains("null geometry"))
    }

    @Test("truncated JSON names the line and the feature")
    func truncated() throws {
        let r = try reader("truncated.geojson")
        #expect(try r.next() != nil)
        #expect {
            _ = try r.next()
        } throws: { error in
            guard let e = error as? FormatError else { return false }
            return e.line == 3 && e.feature == "#2" && e.message.contains("truncated")
        }
    }

    @Test("a syntax error names the line and the feature")
    func syntaxError() throws {
        let r = try reader("missing_comma.geojson")
        #expect(try r.next() != nil)
        #expect {
            _ = try r.next()
        } throws: { error in
            guard let e = error as? FormatError else { return false }
            return e.line == 3 && e.feature == "#2" && e.message.contains("expected ',' or ']'")
        }
    }

    @Test("an empty file and binary garbage are refused when opened", arguments: ["empty.geojson", "binary.geojson"])
    func refused(name: String) throws {
        #expect {
            _ = try reader(name)
        } throws: { error in
            guard let e = error as? FormatError else { return false }
            return e.message.contains(name == "empty.geojson" ? "empty" : "binary byte")
        }
    }

    @Test(
        "other JSON is refused: an array root, a single Feature, an object without features",
        arguments: [
            "[1,2,3]", "{\"type\":\"Feature\",\"geometry\":null}", "{\"name\":\"x\"}",
        ])
    func notACollection(text: String) throws {
        let path = Fixture.temporaryPath("x.geojson")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: FormatError.self) {
            let r = try GeoJSONFeatureReader(path: path)
            _ = try r.readAll()
        }
    }

    @Test("a crs member after the features but beyond the tail pre-scan is an error, not a late surprise")
    func crsTooLate() throws {
        let path = Fixture.temporaryPath("late.geojson")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pad = String(repeating: "x", count: 70_000)
        let text =
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[500000,3385000]},\"properties\":{}}],\n\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4544\"}},\"pad\":\"\(pad)\"}"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let r = try GeoJSONFeatureReader(path: path)
        #expect(r.declaredCRS == nil)
        #expect {
            _ = try r.readAll()
        } throws: { error in
            guard let e = error as? FormatError else { return false }
            return e.line == 2 && e.code == .crsNeeded && e.suggestedCRS == CRS(epsg: 4544)
        }
    }

    @Test("features that straddle chunk boundaries are read whole (4 KiB chunks, 3000 features)")
    func chunkBoundaries() throws {
        let path = Fixture.temporaryPath("many.geojson")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let w = try GeoJSONFeatureWriter(path: path, legacyCRS: .cm105, decimals: 3)
        for i in 0..<3000 {
            let x = 500_000 + Double(i), y = 3_385_000.125
            let ring = [Coordinate(x: x, y: y), Coordinate(x: x + 1, y: y), Coordinate(x: x + 1, y: y + 1), Coordinate(x: x, y: y)]
            try w.write(
                FeatureRecord(
                    id: "P\(i)", geometry: .polygon(Polygon(exterior: ring)),
                    properties: [.init("i", .number(Double(i))), .init("名", .string("地块\(i)"))]))
        }
        try w.finish()
        let r = try GeoJSONFeatureReader(path: path, chunkSize: 4096)
        #expect(r.declaredCRS == .cm105)
        var n = 0
        while let f = try r.next() {
            #expect(f.id == "P\(n)")
            #expect(f.sourceLine == n + 4)
            #expect(f.geometry.polygons.first?.exterior.first == Coordinate(x: 500_000 + Double(n), y: 3_385_000.125))
            n += 1
        }
        #expect(n == 3000)
    }

    @Test("the writer's RFC 7946 output is read back unchanged, and JSONSerialization accepts it")
    func writerRoundTrip() throws {
        let path = Fixture.temporaryPath("rt.geojson")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let features = [
            FeatureRecord(
                id: "a\"b", geometry: .point(Coordinate(x: 105.123456789, y: 30.5)),
                properties: [.init("k", .string("line\nbreak")), .init("b", .bool(false)), .init("n", .null)]),
            FeatureRecord(id: nil, geometry: .multiPoint([Coordinate(x: 1, y: 2), Coordinate(x: 3, y: 4)]), properties: []),
        ]
        let w = try GeoJSONFeatureWriter(path: path)
        for f in features { try w.write(f) }
        try w.finish()
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["crs"] == nil)
        #expect((object["features"] as? [Any])?.count == 2)
        let back = try GeoJSONFeatureReader(path: path).readAll()
        #expect(back.map(\.id) == features.map(\.id))
        #expect(back.map(\.geometry) == features.map(\.geometry))
        #expect(back.map(\.properties) == features.map(\.properties))
    }
}
