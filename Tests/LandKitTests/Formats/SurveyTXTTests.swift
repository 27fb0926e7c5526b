import Foundation
import Testing

@testable import LandKit

@Suite("Survey TXT (国土TXT)")
struct SurveyTXTTests {
    func read(_ path: String) throws -> (SurveyFile, [Diagnostic]) {
        try SurveyTXTReader.read(Fixture.bytes(path), file: path)
    }

    @Suite("reading")
    struct Reading {
        @Test("the geo.md sample: a 100 m × 100 m parcel with a 20 m × 20 m hole is 9600 m² = 14.4 mu")
        func standardParcelWithHole() throws {
            let (file, diags) = try SurveyTXTReader.read(Fixture.bytes("survey/standard.txt"), file: "standard.txt")
            #expect(diags.isEmpty)
            #expect(file.header.count == 10)
            #expect(file.header.first?.key == "格式版本号")
            #expect(file.zoneNumber == 35)
            #expect(file.zoneWidth == 3)
            let parcel = try #require(file.parcels.first)
            #expect(parcel.code == "DK01")
            #expect(parcel[.name] == "地块1")
            #expect(parcel[.use] == "公路用地")
            #expect(parcel.statedAreaHectares == 0.96)
            #expect(parcel.rings.map(\.number) == [1, 2])
            #expect(parcel.rings[0].points.count == 5)
            #expect(parcel.rings[0].points[0].line == 14)

            let converted = try file.features(file: "standard.txt")
            #expect(converted.diagnostics.isEmpty)
            #expect(converted.crs == CRS(epsg: 4523))  // zone 35 with prefix
            #expect(!converted.swappedColumns)
            let feature = try #require(converted.features.first)
            #expect(feature.id == "DK01")
            #expect(feature.sourceLine == 13)
            guard case .polygon(let polygon) = feature.geometry else {
                Issue.record("expected a polygon, got \(feature.geometry.typeName)")
                return
            }
            #expect(polygon.holes.count == 1)
            // x = easting, y = northing.
            #expect(polygon.exterior.contains(Coordinate(x: 35_500_100, y: 3_385_000)))
            // Hand calculation: 100 × 100 − 20 × 20 = 9600 m²; × 15 / 10000 = 14.4 mu.
            let area = PlanarArea.of(feature.geometry)
            #expect(abs(area - 9600) < 1e-6)
            #expect(abs(AreaUnit.mu(squareMetres: area) - 14.4) < 1e-9)
            #expect(feature[property: "地块面积"] == .number(0.96))
        }

        @Test(
            "GBK with CRLF and UTF-8 with BOM and CRLF read like the UTF-8 file",
            arguments: [
                "survey/standard_gbk_crlf.txt", "survey/standard_utf8_bom_crlf.txt",
            ])
        func encodings(path: String) throws {
            let (reference, _) = try SurveyTXTReader.read(Fixture.bytes("survey/standard.txt"))
            let (file, diags) = try SurveyTXTReader.read(Fixture.bytes(path), file: path)
            #expect(diags.isEmpty)
            #expect(file == reference)
            #expect(file.headerValue("数据产生单位") == "某测绘公司")
        }

        @Test("unprefixed eastings, no J, open rings and 分带=3度带: zone from 带号 → EPSG:4544, rings closed with warnings")
        func unprefixedOpenRings() throws {
            let (file, diags) = try SurveyTXTReader.read(Fixture.bytes("survey/unprefixed_open.txt"), file: "u.txt")
            #expect(diags.isEmpty)  // 界址点数 8 counts the points without closing points
            #expect(file.zoneWidth == 3)
            let converted = try file.features(file: "u.txt")
            #expect(converted.crs == CRS(epsg: 4544))
            let open = converted.diagnostics.filter { $0.message.contains("not closed") }
            #expect(open.count == 2)
            #expect(open.map(\.line) == [9, 13])
            #expect(open.allSatisfy { $0.severity == .warning })
            let f = try #require(converted.features.first)
            #expect(abs(PlanarArea.of(f.geometry) - 9600) < 1e-6)
            #expect(f.geometry.polygons.first?.exterior.first == f.geometry.polygons.first?.exterior.last)
        }

        @Test("prefixed and unprefixed files describe the same place (checked with cs2cs)")
        func prefixedAndUnprefixedAgree() throws {
            let a = try SurveyTXTReader.read(Fixture.bytes("survey/standard.txt")).0.features()
            let b = try SurveyTXTReader.read(Fixture.bytes("survey/unprefixed_open.txt")).0.features()
            let ta = try Transformer(from: a.crs, to: .cgcs2000).transform(a.features[0].geometry)
            let tb = try Transformer(from: b.crs, to: .cgcs2000).transform(b.features[0].geometry)
            // $ printf "3385000 35500000\n3385100 35500100\n" | cs2cs -f %.9f EPSG:4523 EPSG:4490
            // 30.585315960	105.000000000 0.000000000
            // 30.586217976	105.001042599 0.000000000
            // $ printf "3385000 500000\n3385100 500100\n" | cs2cs -f %.9f EPSG:4544 EPSG:4490
            // (same output)
            let expected = [
                (Coordinate(x: 35_500_000, y: 3_385_000), Coordinate(x: 105.000000000, y: 30.585315960)),
                (Coordinate(x: 35_500_100, y: 3_385_100), Coordinate(x: 105.001042599, y: 30.586217976)),
            ]
            for g in [ta, tb] {
                var coords: [Coordinate] = []
                g.forEachCoordinate { coords.append($0) }
                for (_, lonLat) in expected {
                    #expect(coords.contains { abs($0.x - lonLat.x) < 1e-8 && abs($0.y - lonLat.y) < 1e-8 })
                }
            }
            var ca: [Coordinate] = [], cb: [Coordinate] = []
            ta.forEachCoordinate { ca.append($0) }
            tb.forEachCoordinate { cb.append($0) }
            #expect(ca.count == cb.count)
            for (p, q) in zip(ca, cb) { #expect(abs(p.x - q.x) < 1e-9 && abs(p.y - q.y) < 1e-9) }
        }

        @Test("a multi-part parcel: parts by containment, 圈号 0 accepted, a part numbered 2 warned, empty 带号 from the prefix")
        func multiPart() throws {
            let (file, diags) = try SurveyTXTReader.read(Fixture.bytes("survey/multipart.txt"), file: "m.txt")
            #expect(diags.isEmpty)
            #expect(file.header.contains { $0.key == "自定义键" && $0.value == "保留" })
            #expect(file.extraSections == [.init(name: "其他信息", lines: ["说明=保留此节"])])
            let parcel = try #require(file.parcels.first)
            #expect(parcel.fields.count == 13)
            #expect(parcel[.landClass] == "水田")
            #expect(parcel[.remark] == "备注文字")
            let converted = try file.features(file: "m.txt")
            #expect(converted.crs == CRS(epsg: 4523))
            #expect(converted.diagnostics.contains { $0.message.contains("带号 is empty") })
            let partWarnings = converted.diagnostics.filter { $0.message.contains("separate part") }
            #expect(partWarnings.map(\.line) == [18])
            let f = try #require(converted.features.first)
            guard case .multiPolygon(let parts) = f.geometry else {
                Issue.record("expected a multipolygon")
                return
            }
            #expect(parts.count == 3)
            #expect(parts.allSatisfy { $0.holes.isEmpty })
            // Three 20 m × 20 m squares: 1200 m² = 0.12 ha as stated (no area warning).
            #expect(abs(PlanarArea.of(f.geometry) - 1200) < 1e-6)
            #expect(!converted.diagnostics.contains { $0.message.contains("stated area") })
        }

        @Test("swapped X/Y columns are detected by magnitude and reported")
        func swappedColumns() throws {
            let (file, _) = try SurveyTXTReader.read(Fixture.bytes("survey/swapped.txt"))
            let converted = try file.features(file: "s.txt")
            #expect(converted.swappedColumns)
            #expect(converted.crs == CRS(epsg: 4523))
            #expect(converted.diagnostics.contains { $0.severity == .warning && $0.message.contains("columns swapped") && $0.line == 6 })
            let f = try #require(converted.features.first)
            #expect(f.geometry.envelope == Envelope(minX: 35_500_000, minY: 3_385_000, maxX: 35_500_010, maxY: 3_385_010))
        }

        @Test("degenerate rings are errors for their parcel only; stated area and point count are cross-checked")
        func degenerateAndChecks() throws {
            let (file, diags) = try SurveyTXTReader.read(Fixture.bytes("survey/degenerate.txt"), file: "d.txt")
            #expect(diags.contains { $0.feature == "DK06" && $0.message.contains("界址点数 is 9") && $0.line == 14 })
            let converted = try file.features(file: "d.txt")
            #expect(converted.features.map(\.id) == ["DK06"])
            let errors = converted.diagnostics.filter { $0.severity == .error }
            #expect(errors.contains { $0.feature == "DK04" && $0.message.contains("2 distinct points") && $0.line == 6 })
            #expect(errors.contains { $0.feature == "DK05" && $0.message.contains("zero area") && $0.line == 10 })
            // 10 m × 10 m = 100 m² = 0.01 ha, stated 0.02 ha: 100 % off.
            #expect(converted.diagnostics.contains { $0.feature == "DK06" && $0.message.contains("stated area 0.0200 ha") })
        }

        @Test("two zones in one file are refused with a message naming the zones")
        func mixedZones() throws {
            let (file, _) = try SurveyTXTReader.read(Fixture.bytes("survey/mixed_zones.txt"))
            #expect {
                try file.features(file: "z.txt")
            } throws: { error in
                "\(error)".contains("35, 36")
            }
        }

        @Test("unprefixed eastings without 带号 or --crs are refused; a given CRS is used")
        func unprefixedNeedsZone() throws {
            let text =
                "[地块坐标]\n5,0.0100,A,,面,,,,@\nJ1,1,3385000,500000\nJ2,1,3385010,500000\nJ3,1,3385010,500010\nJ4,1,3385000,500010\nJ1,1,3385000,500000\n"
            let (file, diags) = try SurveyTXTReader.read(text: text)
            #expect(diags.contains { $0.message.contains("no [属性描述]") })
            #expect(throws: FormatError.self) { try file.features() }
            let converted = try file.features(crs: .cm105)
            #expect(converted.crs == CRS(epsg: 4544))
        }

        @Test("coordinates whose order cannot be told are refused, naming the parcel")
        func ambiguousOrder() throws {
            // Both columns 6-digit: neither looks like a northing.
            let text =
                "[属性描述]\n带号=35\n[地块坐标]\n4,0.0100,Q1,,面,,,,@\nJ1,1,500000,500000\nJ2,1,500010,500000\nJ3,1,500010,500010\nJ1,1,500000,500000\n"
            let (file, _) = try SurveyTXTReader.read(text: text)
            #expect {
                try file.features(file: "q.txt")
            } throws: { error in
                guard let e = error as? FormatError else { return false }
                return e.feature == "Q1" && e.line == 4 && e.message.contains("cannot tell the axis order")
            }
        }

        @Test("a central meridian key stands in for 带号: 中央子午线=105 → zone 35 → EPSG:4544")
        func centralMeridian() throws {
            let text =
                "[属性描述]\n几度分带=3\n中央子午线=105\n[地块坐标]\n5,0.0100,C1,,面,,,,@\nJ1,1,3385000,500000\nJ2,1,3385010,500000\nJ3,1,3385010,500010\nJ4,1,3385000,500010\nJ1,1,3385000,500000\n"
            let (file, _) = try SurveyTXTReader.read(text: text)
            #expect(file.zoneNumber == 35)
            #expect(try file.features().crs == CRS(epsg: 4544))
        }

        @Test("readFeatures merges the reader's and the conversion's diagnostics")
        func readFeatures() throws {
            let (_, converted) = try SurveyTXTReader.readFeatures(Fixture.bytes("survey/degenerate.txt"), file: "d.txt")
            #expect(converted.diagnostics.first?.message.contains("界址点数") == true)
            #expect(converted.diagnostics.contains { $0.message.contains("2 distinct points") })
            #expect(converted.features.count == 1)
        }

        @Test("not a survey file, an empty file and binary bytes throw")
        func wholeFileErrors() {
            #expect(throws: FormatError.self) { try SurveyTXTReader.read(text: "hello\nworld\n") }
            #expect(throws: FormatError.self) { try SurveyTXTReader.read([UInt8]()) }
            #expect(throws: FormatError.self) { try SurveyTXTReader.read([0x5B, 0x00, 0x01, 0xFF, 0xFE]) }
        }
    }

    @Suite("writing")
    struct Writing {
        @Test("the writer reproduces a spec-conformant file byte for byte")
        func writesSpec() throws {
            let original = try Fixture.bytes("survey/standard.txt")
            let (file, _) = try SurveyTXTReader.read(original)
            let written = try SurveyTXTWriter.write(file)
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: original, as: UTF8.self))
        }

        @Test("lenient input is written strictly: closed rings, J numbering per parcel, 3 decimals, area 4 decimals")
        func strictOutput() throws {
            let (file, _) = try SurveyTXTReader.read(Fixture.bytes("survey/unprefixed_open.txt"))
            let text = SurveyTXTWriter.text(file)
            let lines = text.split(separator: "\n").map(String.init)
            let start = try #require(lines.firstIndex(of: "[地块坐标]"))
            #expect(lines[start + 1] == "10,0.9600,DK01,地块1,面,,公路用地,,@")
            #expect(lines[start + 2] == "J1,1,3385000.000,500000.000")
            #expect(lines[start + 6] == "J1,1,3385000.000,500000.000")
            #expect(lines[start + 7] == "J5,2,3385040.000,500040.000")
            #expect(lines[start + 11] == "J5,2,3385040.000,500040.000")
            #expect(lines.count == start + 12)
        }

        @Test(
            "TXT → model → TXT is stable",
            arguments: [
                "survey/standard.txt", "survey/unprefixed_open.txt", "survey/multipart.txt", "survey/degenerate.txt",
                "survey/standard_gbk_crlf.txt",
            ])
        func roundTrip(path: String) throws {
            let (file, _) = try SurveyTXTReader.read(Fixture.bytes(path))
            let once = SurveyTXTWriter.text(file)
            let (again, diags) = try SurveyTXTReader.read(text: once)
            #expect(SurveyTXTWriter.text(again) == once)
            #expect(!diags.contains { $0.message.contains("界址点数") && $0.feature != "DK06" })
            #expect(again.parcels.count == file.parcels.count)
        }

        @Test("GBK output decodes back to the same text")
        func gbkOutput() throws {
            let (file, _) = try SurveyTXTReader.read(Fixture.bytes("survey/standard.txt"))
            let gbk = try SurveyTXTWriter.write(file, encoding: .gb18030)
            let reference = try Fixture.bytes("survey/standard_gbk_crlf.txt").filter { $0 != 0x0D }
            #expect(gbk == reference)
        }

        @Test("a parcel made from a geometry gets its area and point count from the rings")
        func fromGeometry() throws {
            let square = Geometry.polygon(
                Polygon(exterior: [
                    Coordinate(x: 500_000, y: 3_385_000), Coordinate(x: 500_050, y: 3_385_000),
                    Coordinate(x: 500_050, y: 3_385_050), Coordinate(x: 500_000, y: 3_385_050),
                    Coordinate(x: 500_000, y: 3_385_000),
                ]))
            let parcel = SurveyParcel(geometry: square, fields: ["", "", "X1", "新地块"])
            let file = SurveyFile(header: SurveyFile.standardHeader(zone: 35), parcels: [parcel])
            let text = SurveyTXTWriter.text(file)
            // 50 m × 50 m = 2500 m² = 0.25 ha; 4 points + closing point = 5 lines.
            #expect(text.contains("\n5,0.2500,X1,新地块,面,,,,@\nJ1,1,3385000.000,500000.000\nJ2,1,3385000.000,500050.000\n"))
        }
    }
}
