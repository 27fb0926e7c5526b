import Foundation
import Testing

@testable import LandKit

/// Issue 12: no input can crash a parser, no bad text is decoded silently, no key is resolved by
/// accident. Deep inputs are generated here (they would be large fixtures).
@Suite("Parser hardening (issue 12)")
struct ParserHardeningTests {
    static func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = Fixture.temporaryPath(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func readAll(_ path: String, chunkSize: Int = 1 << 20) throws -> GeoJSONFeatureReader {
        let r = try GeoJSONFeatureReader(path: path, chunkSize: chunkSize)
        _ = try r.readAll()
        return r
    }

    /// True when `text` is one short line naming the depth and the limit.
    static func isDepthMessage(_ text: String) -> Bool {
        text.contains("levels deep (limit 256)") && !text.contains("\n") && text.utf8.count < 400
    }

    @Suite("Defect 1: deep nesting is an error, not a stack overflow")
    struct Depth {
        static let point = "{\"type\":\"Point\",\"coordinates\":[105,30]}"

        static func collection(_ body: String) -> String {
            "{\"type\":\"FeatureCollection\",\"features\":[\n\(body)\n]}\n"
        }

        @Test("300,000 nested arrays in a property: one-line error with the line, no crash")
        func deepProperty() throws {
            let deep = String(repeating: "[", count: 300_000) + String(repeating: "]", count: 300_000)
            let text = Self.collection("{\"type\":\"Feature\",\"geometry\":\(Self.point),\n\"properties\":{\"x\":\(deep)}}")
            let path = try write(Array(text.utf8), "deep-property.geojson")
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect {
                _ = try readAll(path)
            } throws: { error in
                guard let e = error as? FormatError else { return false }
                return e.line == 3 && e.feature == "#1" && isDepthMessage(e.description) && e.message.contains("nested 257 levels")
            }
        }

        @Test("300,000 nested objects in a root member: one-line error, no crash")
        func deepRootMember() throws {
            let deep = String(repeating: "{\"a\":", count: 300_000) + "1" + String(repeating: "}", count: 300_000)
            let text = "{\"type\":\"FeatureCollection\",\n\"extra\":\(deep),\"features\":[]}"
            let path = try write(Array(text.utf8), "deep-root.geojson")
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect {
                _ = try readAll(path)
            } throws: { error in
                guard let e = error as? FormatError else { return false }
                return e.line == 2 && isDepthMessage(e.description)
            }
        }

        @Test("a crs member at the end holding 20,000 nested arrays does not crash the tail pre-scan")
        func deepTail() throws {
            let deep = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
            let text = "{\"type\":\"FeatureCollection\",\"features\":[],\n\"crs\":\(deep)}"
            let path = try write(Array(text.utf8), "deep-tail.geojson")
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect {
                _ = try readAll(path)
            } throws: { error in
                guard let e = error as? FormatError else { return false }
                return isDepthMessage(e.description)
            }
        }

        @Test("GeometryCollections nested 300,000 deep: one-line error for the feature, no crash")
        func deepGeometryCollection() throws {
            let n = 300_000
            let gc =
                String(repeating: "{\"type\":\"GeometryCollection\",\"geometries\":[", count: n) + Self.point
                + String(repeating: "]}", count: n)
            let text = Self.collection(
                "{\"type\":\"Feature\",\"geometry\":\(Self.point),\"properties\":{}},\n{\"type\":\"Feature\",\"geometry\":\(gc),\"properties\":{}}"
            )
            let path = try write(Array(text.utf8), "deep-gc.geojson")
            defer { try? FileManager.default.removeItem(atPath: path) }
            var message = ""
            do {
                let r = try readAll(path)
                message = r.diagnostics.first?.description ?? "no diagnostic"
                #expect(r.diagnostics.first?.feature == "#2")
                #expect(r.diagnostics.first?.line == 3)
            } catch {
                message = "\(error)"
            }
            #expect(isDepthMessage(message), "\(message.prefix(300))")
        }

        @Test("nesting up to the limit is fine: properties nested 200 deep are kept as raw text")
        func withinLimit() throws {
            let deep = String(repeating: "[", count: 200) + "1" + String(repeating: "]", count: 200)
            let text = Self.collection("{\"type\":\"Feature\",\"geometry\":\(Self.point),\"properties\":{\"x\":\(deep)}}")
            let path = try write(Array(text.utf8), "ok-depth.geojson")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let features = try GeoJSONFeatureReader(path: path).readAll()
            #expect(features.first?[property: "x"] == PropertyValue.string(deep))
        }

        @Test("WKT with 100,000 nested GEOMETRYCOLLECTIONs in a CSV cell: an error for that row, no crash")
        func deepWKTInCSV() throws {
            let n = 100_000
            let wkt = String(repeating: "GEOMETRYCOLLECTION (", count: n) + "POINT (1 2)" + String(repeating: ")", count: n)
            let csv = "id,wkt\nA,POINT (1 2)\nB,\"\(wkt)\"\n"
            let (features, diagnostics) = try CSVFeatureReader.read(Array(csv.utf8), file: "deep.csv")
            #expect(features.map(\.id) == ["A"])
            let d = try #require(diagnostics.first)
            #expect(d.line == 3 && d.feature == "B")
            #expect(isDepthMessage(d.description), "\(d.description.prefix(300))")
        }

        @Test("WKT nested exactly 256 deep parses; 257 is refused")
        func wktLimit() throws {
            func nested(_ n: Int) -> String {
                String(repeating: "GEOMETRYCOLLECTION (", count: n - 1) + "POINT (1 2)" + String(repeating: ")", count: n - 1)
            }
            #expect(try Geometry(wkt: nested(256)).coordinateCount == 1)
            #expect {
                try Geometry(wkt: nested(257))
            } throws: { error in
                (error as? GeometryError)?.message.contains("nested 257 levels deep (limit 256)") == true
            }
        }

        @Test("WKB with 100,000 nested collections is an error, not a crash; 256 levels are fine")
        func deepWKB() throws {
            func nested(_ n: Int) -> [UInt8] {
                var out: [UInt8] = []
                for _ in 0..<(n - 1) { out += [1, 7, 0, 0, 0, 1, 0, 0, 0] }  // little endian, type 7, one part
                return out + Geometry.point(Coordinate(1, 2)).wkb
            }
            #expect(try Geometry(wkb: nested(256)).coordinateCount == 1)
            #expect {
                try Geometry(wkb: nested(100_000))
            } throws: { error in
                (error as? GeometryError)?.message.contains("nested 257 levels deep (limit 256)") == true
            }
        }

        @Test("a decoded GeoJSON geometry nested 1,000 deep is an error, not a crash")
        func deepGeoJSONObject() throws {
            var object: Any = ["type": "Point", "coordinates": [1.0, 2.0]]
            for _ in 0..<1000 { object = ["type": "GeometryCollection", "geometries": [object]] }
            #expect {
                try Geometry(geoJSON: object)
            } throws: { error in
                (error as? GeometryError)?.message.contains("levels deep (limit 256)") == true
            }
        }

        @Test("a huge non-numeric coordinate is not echoed whole")
        func noEcho() throws {
            let big = "\"" + String(repeating: "x", count: 200_000) + "\""
            let text = Self.collection(
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(big),1]},\"properties\":{}}")
            let path = try write(Array(text.utf8), "echo.geojson")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let r = try readAll(path)
            let d = try #require(r.diagnostics.first)
            #expect(d.description.utf8.count < 400)
            #expect(d.message.contains("is not a number"))
        }
    }

    @Suite("Defect 12: duplicate keys are errors naming the key and the feature")
    struct DuplicateKeys {
        @Test("duplicate geometry, coordinates, property and id keys")
        func duplicates() throws {
            let r = try GeoJSONFeatureReader(path: Fixture.url("geojson/duplicate_keys.geojson").path)
            let features = try r.readAll()
            #expect(features.map(\.id) == ["A1"])
            let found = r.diagnostics.map { "\($0.feature ?? "?") line \($0.line ?? 0): \($0.message)" }
            #expect(
                found == [
                    "#2 line 3: duplicate key \"geometry\" in the feature object (id A2)",
                    "#3 line 4: duplicate key \"coordinates\" in the geometry (id A3)",
                    "#4 line 5: duplicate key \"owner\" in the properties (id A4)",
                    "#5 line 6: duplicate key \"id\" in the feature object",
                ])
        }
    }

    @Suite("Defects 4 and 14: text that is not what it claims is refused with the byte offset")
    struct Encodings {
        @Test("a GBK GeoJSON is refused with the byte offset of the first invalid UTF-8 byte")
        func gbkGeoJSON() throws {
            let bytes = try Fixture.bytes("geojson/gbk.geojson")
            let offset = try #require(bytes.firstIndex { $0 >= 0x80 })
            #expect {
                _ = try readAll(Fixture.url("geojson/gbk.geojson").path)
            } throws: { error in
                guard let e = error as? FormatError else { return false }
                return e.line == 2 && e.message.contains("invalid UTF-8 at byte offset \(offset)") && e.message.contains("RFC 8259")
            }
        }

        @Test("the byte offset counts from the start of the file across 4 KiB chunks")
        func offsetAcrossChunks() throws {
            var text = "{\"type\":\"FeatureCollection\",\"features\":[\n"
            for i in 0..<2000 {
                text +=
                    "{\"type\":\"Feature\",\"id\":\"地块\(i)\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[105,30]},\"properties\":{}},\n"
            }
            var bytes = Array(text.utf8)
            let head = Array("{\"type\":\"Feature\",\"geometry\":null,\"id\":\"".utf8)
            let offset = bytes.count + head.count
            bytes += head + [0xB5, 0xD8] + Array("\"}\n]}\n".utf8)
            #expect(bytes[offset] == 0xB5)
            let path = try write(bytes, "late-gbk.geojson")
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect {
                _ = try readAll(path, chunkSize: 4096)
            } throws: { error in
                guard let e = error as? FormatError else { return false }
                return e.line == 2002 && e.feature == "#2001" && e.message.contains("byte offset \(offset)")
            }
        }

        @Test("a status CSV mixing UTF-8 and GBK lines is refused naming the first GBK line")
        func mixedCSV() throws {
            let bytes = try Fixture.bytes("status/mixed_encoding.csv")
            #expect {
                _ = try StatusCSV.read(bytes, file: "mixed.csv")
            } throws: { error in
                guard let e = error as? FormatError else { return false }
                return e.line == 3 && e.message.contains("mixes UTF-8 and GBK") && e.code == .encoding
            }
        }

        @Test("an explicit encoding overrides detection: UTF-8 is strict with the byte offset, GBK decodes the whole file")
        func override() throws {
            let bytes = try Fixture.bytes("status/mixed_encoding.csv")
            let offset = try #require(bytes.indices.first { bytes[$0] >= 0x80 && bytes[..<$0].filter { $0 == 0x0A }.count == 2 })
            #expect {
                _ = try TextDecoding.decode(bytes, file: "mixed.csv", encoding: .utf8)
            } throws: { error in
                guard let e = error as? FormatError else { return false }
                return e.line == 3 && e.message.contains("invalid UTF-8 at byte offset \(offset)")
            }
            let gbkOnly = [UInt8](try Fixture.bytes("csv/points_gbk.csv"))
            let (text, encoding) = try TextDecoding.decode(gbkOnly, encoding: .gb18030)
            #expect(encoding == .gb18030)
            #expect(text == (try TextDecoding.decode(gbkOnly).text))
            let (rows, _) = try StatusCSV.read(
                Array("entity,id,project,action,by\nparcel,1,p,unblock,".utf8) + [0xB5, 0xD8], file: "g.csv", encoding: .gb18030)
            #expect(rows.first?.update.by == "地")
        }

        @Test("bytes that are neither UTF-8 nor GB18030 are refused with the byte offset")
        func neither() throws {
            let bytes = Array("id,x\n1,".utf8) + [0x81, 0x20]  // 0x81 0x20 is not a GB18030 sequence
            #expect {
                _ = try TextDecoding.decode(bytes, file: "bad.csv")
            } throws: { error in
                guard let e = error as? FormatError else { return false }
                return e.message.contains("byte offset 7") && e.line == 2
            }
        }
    }
}
