import Foundation
import Testing

@testable import LandKit

@Suite("CSV")
struct CSVTests {
    @Suite("RFC 4180 reader")
    struct Reader {
        @Test("quoted fields keep commas, doubled quotes and line breaks; records know their first line")
        func quoting() throws {
            let text = "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n\n3,,\"\"\n"
            let records = try CSVReader().records(text: text)
            #expect(
                records.map(\.fields) == [
                    ["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "two\nlines", ""], ["3", "", ""],
                ])
            #expect(records.map(\.line) == [1, 2, 3, 6])
        }

        @Test("CRLF, a BOM, no final newline and a semicolon delimiter")
        func lineEndsAndDelimiter() throws {
            let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a;b\r\n\"1;2\";3".utf8)
            let (records, encoding) = try CSVReader(delimiter: ";").records(bytes)
            #expect(encoding == .utf8)
            #expect(records.map(\.fields) == [["a", "b"], ["1;2", "3"]])
        }

        @Test("an unterminated quote is an error naming the line where it starts")
        func unterminated() {
            #expect {
                try CSVReader().records(text: "a,b\n1,2\n3,\"open\nmore\n", file: "x.csv")
            } throws: { error in
                (error as? FormatError)?.line == 3
            }
        }

        @Test("quote() round-trips through the reader")
        func quoteRoundTrip() throws {
            let csv = CSVReader()
            let values = ["plain", "a,b", "say \"x\"", "two\nlines", " padded ", "地块"]
            let line = values.map(csv.quote).joined(separator: ",")
            #expect(try csv.records(text: line).first?.fields == values)
        }
    }

    @Suite("features")
    struct Features {
        @Test(
            "经度/纬度 columns give points; 编号 is the id; UTF-8 and GBK read alike", arguments: ["csv/points_utf8.csv", "csv/points_gbk.csv"])
        func points(path: String) throws {
            let (features, diags) = try CSVFeatureReader.read(Fixture.bytes(path), file: path)
            #expect(diags.isEmpty)
            #expect(features.map(\.id) == ["DK01", "DK02"])
            #expect(features[0].geometry == .point(Coordinate(x: 105.0, y: 30.5)))
            #expect(features[0].properties.map(\.key) == ["户主", "备注"])
            #expect(features[0][property: "备注"] == .string("说明, 含逗号"))
            #expect(features[1][property: "备注"] == .string("两行\n备注 \"引号\""))
            #expect(features.map(\.sourceLine) == [2, 3])
        }

        @Test("a WKT column (any case); bad WKT is an error for its row only")
        func wkt() throws {
            let (features, diags) = try CSVFeatureReader.read(Fixture.bytes("csv/wkt.csv"), file: "wkt.csv")
            #expect(features.map(\.id) == ["A", "B"])
            #expect(abs(PlanarArea.of(features[0].geometry) - 10_000) < 1e-9)
            #expect(features[1].geometry == .point(Coordinate(x: 500_050, y: 3_385_050)))
            #expect(diags.count == 1)
            #expect(diags.first?.severity == .error)
            #expect(diags.first?.line == 4)
            #expect(diags.first?.feature == "C")
        }

        @Test("--id-field picks a column; an unknown one and a file without geometry columns are refused")
        func idFieldAndRefusals() throws {
            let (features, _) = try CSVFeatureReader.read(Fixture.bytes("csv/wkt.csv"), idField: "name")
            #expect(features.map(\.id) == ["one", "two"])
            #expect(features[0].properties.map(\.key) == ["ID"])
            #expect(throws: FormatError.self) { try CSVFeatureReader.read(Fixture.bytes("csv/wkt.csv"), idField: "nope") }
            #expect(throws: FormatError.self) { try CSVFeatureReader.read(Array("a,b\n1,2\n".utf8)) }
            #expect(throws: FormatError.self) { try CSVFeatureReader.read([UInt8]()) }
        }

        @Test("non-numeric x/y is an error for that row")
        func badNumbers() throws {
            let (features, diags) = try CSVFeatureReader.read(Array("id,x,y\nP1,500000,3385000\nP2,abc,3385000\n".utf8))
            #expect(features.map(\.id) == ["P1"])
            #expect(diags.map(\.line) == [3])
        }

        @Test("the writer quotes what needs quoting and reads back to the same features")
        func writerRoundTrip() throws {
            let features = [
                FeatureRecord(
                    id: "DK01",
                    geometry: .polygon(
                        Polygon(exterior: [
                            Coordinate(x: 0, y: 0), Coordinate(x: 10, y: 0), Coordinate(x: 10, y: 10), Coordinate(x: 0, y: 0),
                        ])), properties: [.init("户主", .string("张, 三")), .init("说明", .string("say \"x\"\nok"))]),
                FeatureRecord(id: "DK02", geometry: .point(Coordinate(x: 1.5, y: 2.25)), properties: [.init("面积", .number(12.5))]),
            ]
            let text = CSVFeatureWriter.text(features)
            #expect(text.hasPrefix("id,户主,说明,面积,wkt\r\nDK01,\"张, 三\",\"say \"\"x\"\"\nok\",,\"POLYGON ((0 0, 10 0, 10 10, 0 0))\"\r\n"))
            for encoding in TextEncoding.allCases {
                let bytes = try CSVFeatureWriter.write(features, encoding: encoding)
                let (back, diags) = try CSVFeatureReader.read(bytes)
                #expect(diags.isEmpty)
                #expect(back.map(\.id) == ["DK01", "DK02"])
                #expect(back.map(\.geometry) == features.map(\.geometry))
                #expect(back[0][property: "说明"] == .string("say \"x\"\nok"))
                #expect(back[1][property: "面积"] == .string("12.5"))
                #expect(back[1][property: "户主"] == .null)
            }
        }
    }
}
