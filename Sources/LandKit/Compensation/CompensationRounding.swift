/// LandKit's one rounding rule for money: each line's amount is its quantity × its rate, rounded half
/// up (ties away from zero) to the fen; totals are exact sums of the rounded lines, never rounded again.
///
/// This is how a household checks its own statement: every line is computable by hand from the
/// quantity and rate printed beside it, and the total is the sum of the printed lines.
public enum CompensationRounding {
    /// quantity × rate to the fen, half up, computed exactly in integers.
    /// - Returns: nil when the amount is beyond ``Yuan/maximumFen``.
    public static func amount(quantity: Quantity, rate: Yuan) -> Yuan? {
        // Any amount up to maximumFen (10¹⁴ fen) has a product below 10¹⁸ < Int64.max, so an overflow is out of range.
        let (product, overflow) = quantity.tenThousandths.multipliedReportingOverflow(by: rate.fen)
        guard !overflow else { return nil }
        let fen = DecimalText.divideRounded(product, by: 10_000)
        guard abs(fen) <= Yuan.maximumFen else { return nil }
        return Yuan(fen: fen)
    }
}
