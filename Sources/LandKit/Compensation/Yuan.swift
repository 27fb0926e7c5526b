/// An exact amount of money in yuan (元), held as an integer number of fen (分, 0.01 元).
///
/// Never a floating-point number: sums are exact to the fen. Rounding happens in one place only,
/// ``CompensationRounding/amount(quantity:rate:)``, where a quantity is multiplied by a rate.
public struct Yuan: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in fen (0.01 元).
    public var fen: Int64

    /// The largest amount LandKit accepts from input: 10¹² 元 (a trillion yuan), far above any
    /// project; sums of accepted amounts cannot overflow `Int64` fen.
    public static let maximumFen: Int64 = 100_000_000_000_000

    public init(fen: Int64) { self.fen = fen }

    /// Whole yuan.
    public init(yuan: Int64) { self.fen = yuan * 100 }

    public static let zero = Yuan(fen: 0)

    public static func < (a: Yuan, b: Yuan) -> Bool { a.fen < b.fen }
    public static func + (a: Yuan, b: Yuan) -> Yuan { Yuan(fen: a.fen + b.fen) }
    public static func - (a: Yuan, b: Yuan) -> Yuan { Yuan(fen: a.fen - b.fen) }
    public static func += (a: inout Yuan, b: Yuan) { a.fen += b.fen }
    public static prefix func - (a: Yuan) -> Yuan { Yuan(fen: -a.fen) }

    public var isNegative: Bool { fen < 0 }

    /// Parses an amount in yuan as people write it: "1234.5", "1,234.50", "-12.30", "800".
    ///
    /// At most two decimals (a third would need rounding, which input never gets); thousands
    /// separators only in groups of three; no exponent, no currency sign, no spaces inside.
    /// - Throws: `MoneyError` saying what is wrong with the text.
    public init(parsing text: String) throws(MoneyError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let fen = try DecimalText.scaled(t, decimals: 2, what: "amount")
        guard abs(fen) <= Self.maximumFen else {
            throw MoneyError("amount \"\(t)\" is beyond 1,000,000,000,000 yuan")
        }
        self.fen = fen
    }

    /// "1234.50", "-0.10": yuan with 2 decimals, no separators (CSV, JSON).
    public var plain: String { DecimalText.format(fen, decimals: 2) }

    /// "1,234.50": yuan with 2 decimals and thousands separators (text, HTML).
    public var grouped: String { DecimalText.format(fen, decimals: 2, grouped: true) }

    /// Ten-thousands of yuan (万元) with 2 decimals, rounded half up (away from zero) to 0.01 万元
    /// = 100 元: "12.35" for 123,456.78 元. For prose only; sums are always made in fen.
    public var wan: String {
        DecimalText.format(DecimalText.divideRounded(fen, by: 10_000), decimals: 2)
    }

    public var description: String { plain }

    /// JSON carries yuan as a string "1234.50": exact, where a JSON number is read as a binary
    /// double by most consumers (JavaScript, Python's default json) and 0.1 + 0.2 would not be 0.3.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(plain)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do {
            self = try Yuan(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: error.message)
        }
    }
}

extension Sequence where Element == Yuan {
    /// The exact sum.
    public func sum() -> Yuan { reduce(.zero, +) }
}
