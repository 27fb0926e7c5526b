import Foundation
import Testing

@testable import LandKit

@Suite("Rate table CSV")
struct RateTableCSVTests {
    static let sample = """
        # a comment
        category,item,zone,unit,rate,quantity,date
        valid,from,,,,,2021-01-01
        valid,to,,,,,2021-12-31
        land,0103,I,亩,"58,000.00",,
        village,石桥村,I,,,,
        crop,0103,,亩,1800,,
        attachment,树,,株,80,,
        house,砖混,,m²,1250,,
        household,搬迁费,,户,3000,,
        household,过渡费,,月,1200,6,
        household,签约奖励,,户,10000,,2021-06-30
        """

    @Test("every category reads to its rate")
    func reads() throws {
        let t = try RateTableCSV.read(Array(Self.sample.utf8), file: "r.csv", name: "2021标准")
        #expect(t.validFrom == LocalDate("2021-01-01"))
        #expect(t.validTo == LocalDate("2021-12-31"))
        #expect(t.land[.init(zone: "I", landClass: "0103")] == Yuan(yuan: 58_000))
        #expect(t.crops["0103"] == Yuan(yuan: 1_800))
        #expect(t.attachments[.init(item: "树", unit: .tree)] == Yuan(yuan: 80))
        #expect(t.houses["砖混"] == Yuan(yuan: 1_250))
        #expect(t.householdItems.map(\.item) == ["搬迁费", "过渡费", "签约奖励"])
        #expect(t.householdItems[1].quantity == Quantity(6))
        #expect(t.householdItems[2].signedBy == LocalDate("2021-06-30"))
        #expect(t.zone(village: "石桥村") == "I")
    }

    @Test("every bad row is reported by line and nothing is returned")
    func badRows() throws {
        let text = """
            category,item,zone,unit,rate,quantity,date
            land,0103,I,亩,58000.123,,
            house,砖混,,亩,1250,,
            crop,0103,,亩,1800,,
            fee,x,,,1,,
            crop,0103,,亩,1900,,
            """
        do {
            _ = try RateTableCSV.read(Array(text.utf8), file: "r.csv", name: "x")
            Issue.record("a table with bad rows was accepted")
        } catch let e as ImportError {
            #expect(e.diagnostics.map(\.line) == [2, 3, 5, 6])
            #expect(e.description.contains("r.csv:2: rate: amount \"58000.123\" has more than 2 decimals"))
        }
    }

    @Test("a file above the size limit is refused before parsing")
    func sizeLimit() {
        let big = [UInt8](repeating: 0x41, count: RateTableCSV.maximumBytes + 1)
        #expect(throws: FormatError.self) { try RateTableCSV.read(big, file: "big.csv", name: "x") }
    }

    @Test("the sample table of geodata reads")
    func geodataSample() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../geodata/rates-2021.csv")
        let t = try RateTableCSV.read(Array(try Data(contentsOf: url)), file: "rates-2021.csv", name: "2021标准")
        #expect(t.land[.init(zone: "I", landClass: "0103")] == Yuan(yuan: 58_000))
        #expect(t.villageZones.count == 10)
    }
}
