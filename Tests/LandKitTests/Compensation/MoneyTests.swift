import Foundation
import Testing

@testable import LandKit

@Suite("Money: exact yuan and quantities")
struct MoneyTests {
    @Test("10,000 payments of 0.10 yuan sum to exactly 1,000.00")
    func tenThousandDimes() throws {
        let dime = try Yuan(parsing: "0.10")
        let total = Array(repeating: dime, count: 10_000).sum()
        // 10 000 × 10 fen = 100 000 fen = 1 000.00 yuan.
        #expect(total.fen == 100_000)
        #expect(total.plain == "1000.00")
        #expect(total.grouped == "1,000.00")
    }

    @Test(
        "amounts parse as people write them",
        arguments: [
            ("1234.5", 123_450), ("1,234.50", 123_450), ("-12.30", -1_230), ("800", 80_000), ("0.01", 1), ("1,000,000", 100_000_000),
        ]
            as [(String, Int64)])
    func parses(text: String, fen: Int64) throws {
        #expect(try Yuan(parsing: text).fen == fen)
    }

    @Test(
        "malformed amounts are refused",
        arguments: ["", "12.345", "1,23.00", "1.2.3", "¥12", "1e3", "12.", ".5", "12 000", "--1", "1,0000"])
    func refuses(text: String) {
        #expect(throws: MoneyError.self) { try Yuan(parsing: text) }
    }

    @Test("formatting: 2 decimals, grouped, and 万元 rounded half up")
    func formats() throws {
        #expect(Yuan(fen: -5).plain == "-0.05")
        #expect(Yuan(fen: 123_456_789).grouped == "1,234,567.89")
        // 123 456.78 元 = 12.345678 万元 → 12.35.
        #expect(Yuan(fen: 12_345_678).wan == "12.35")
        // 12 345.00 元 = 1.2345 万元 → 1.23; 12 350.00 = 1.235 → 1.24 (half up).
        #expect(Yuan(yuan: 12_345).wan == "1.23")
        #expect(Yuan(yuan: 12_350).wan == "1.24")
    }

    @Test("quantity × rate is rounded half up to the fen, by hand")
    func rounding() throws {
        // 2.5 mu × 58 000.00 = 145 000.00 exactly.
        #expect(CompensationRounding.amount(quantity: try Quantity(parsing: "2.5"), rate: Yuan(yuan: 58_000)) == Yuan(yuan: 145_000))
        // 0.3333 mu × 1 000.00 = 333.30.
        #expect(CompensationRounding.amount(quantity: try Quantity(parsing: "0.3333"), rate: Yuan(yuan: 1_000))?.plain == "333.30")
        // 1.0005 × 0.01 = 0.010005 → 0.01; 0.5 × 0.01 = 0.005 → 0.01 (tie up); 0.4999 × 0.01 → 0.00.
        #expect(CompensationRounding.amount(quantity: try Quantity(parsing: "1.0005"), rate: Yuan(fen: 1))?.fen == 1)
        #expect(CompensationRounding.amount(quantity: try Quantity(parsing: "0.5"), rate: Yuan(fen: 1))?.fen == 1)
        #expect(CompensationRounding.amount(quantity: try Quantity(parsing: "0.4999"), rate: Yuan(fen: 1))?.fen == 0)
        // −0.5 × 0.01 = −0.005 → −0.01 (ties away from zero).
        #expect(CompensationRounding.amount(quantity: try Quantity(parsing: "-0.5"), rate: Yuan(fen: 1))?.fen == -1)
        // 666.6667 m² × 1.50 = 1 000.00005 → 1 000.00.
        #expect(CompensationRounding.amount(quantity: try Quantity(parsing: "666.6667"), rate: Yuan(fen: 150))?.plain == "1000.00")
    }

    @Test("a measured area enters as a quantity rounded to 4 decimals")
    func measured() {
        #expect(Quantity(rounding: 2.50005)?.description == "2.5001")
        #expect(Quantity(rounding: 1.23444)?.description == "1.2344")
        #expect(Quantity(rounding: .nan) == nil)
    }

    @Test("yuan are JSON strings, exact")
    func json() throws {
        let data = try JSONEncoder().encode(["a": Yuan(fen: 123_450)])
        #expect(String(decoding: data, as: UTF8.self) == #"{"a":"1234.50"}"#)
    }
}
