/// An exact quantity (mu, m², trees, months …) with up to 4 decimals, held as an integer number of
/// ten-thousandths. Areas measured as `Double` (the overlap engine's m²) enter through
/// ``init(rounding:)``, rounded half up to 4 decimals: the figure a report prints is the figure priced.
public struct Quantity: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The quantity × 10 000.
    public var tenThousandths: Int64

    /// The largest quantity accepted: 10⁹ (a billion mu, m² or items).
    public static let maximum: Int64 = 1_000_000_000 * 10_000

    public init(tenThousandths: Int64) { self.tenThousandths = tenThousandths }

    /// A whole number of units.
    public init(_ whole: Int) { tenThousandths = Int64(whole) * 10_000 }

    public static let zero = Quantity(tenThousandths: 0)

    /// A measured value rounded half up (away from zero) to 4 decimals; nil when not finite or out of range.
    public init?(rounding value: Double) {
        guard value.isFinite, abs(value) <= Double(Self.maximum / 10_000) else { return nil }
        // Rounding the decimal text, not value × 10 000 (which carries binary error), keeps 2.50005 → 2.5001.
        let text = String(format: "%.6f", value)
        guard let six = try? DecimalText.scaled(text, decimals: 6, what: "quantity") else { return nil }
        tenThousandths = DecimalText.divideRounded(six, by: 100)
    }

    /// Parses "2.5", "180", "1,200.25", "-3" (at most 4 decimals).
    /// - Throws: `MoneyError` naming what is wrong.
    public init(parsing text: String) throws(MoneyError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let v = try DecimalText.scaled(t, decimals: 4, what: "quantity")
        guard abs(v) <= Self.maximum else { throw MoneyError("quantity \"\(t)\" is beyond 1,000,000,000") }
        tenThousandths = v
    }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.tenThousandths < b.tenThousandths }
    public static func + (a: Quantity, b: Quantity) -> Quantity { Quantity(tenThousandths: a.tenThousandths + b.tenThousandths) }

    /// The shortest exact text: "2.5", "180", "0.3333".
    public var description: String {
        var s = DecimalText.format(tenThousandths, decimals: 4)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// With exactly 4 decimals: "2.5000" (CSV, JSON).
    public var fixed: String { DecimalText.format(tenThousandths, decimals: 4) }
}
