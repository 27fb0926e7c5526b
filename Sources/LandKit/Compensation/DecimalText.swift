/// Exact decimal text ⇄ scaled integers, shared by ``Yuan`` (2 decimals) and ``Quantity`` (4 decimals).
enum DecimalText {
    /// The text as an integer scaled by 10^`decimals`: "1,234.5" with 2 decimals is 123450.
    /// - Throws: `MoneyError` for anything but an optional '-', digits (thousands groups of three
    ///   allowed), an optional '.' and at most `decimals` digits after it.
    static func scaled(_ t: String, decimals: Int, what: String) throws(MoneyError) -> Int64 {
        guard !t.isEmpty else { throw MoneyError("\(what) is empty") }
        guard t.utf8.count <= 40 else { throw MoneyError("\(what) \"\(t.prefix(40))…\" is too long") }
        var body = Substring(t)
        var negative = false
        if body.first == "-" {
            negative = true
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw MoneyError("\(what) \"\(t)\" has more than one decimal point") }
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty else { throw MoneyError("\(what) \"\(t)\" has no digits before the decimal point") }
        if parts.count == 2, fraction.isEmpty { throw MoneyError("\(what) \"\(t)\" has no digits after the decimal point") }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                throw MoneyError("\(what) \"\(t)\" has misplaced thousands separators")
            }
        }
        let digits = groups.joined()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw MoneyError("\(what) \"\(t)\" is not a decimal number (digits, optional '-', '.' and thousands ',')")
        }
        guard fraction.count <= decimals else {
            throw MoneyError("\(what) \"\(t)\" has more than \(decimals) decimals")
        }
        guard digits.count <= 15 else { throw MoneyError("\(what) \"\(t)\" is too large") }
        let padded = String(fraction) + String(repeating: "0", count: decimals - fraction.count)
        guard let w = Int64(digits), let f = Int64(padded.isEmpty ? "0" : padded) else {
            throw MoneyError("\(what) \"\(t)\" is not a decimal number")
        }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let value = w * scale + f
        return negative ? -value : value
    }

    /// `value` / 10^`decimals` as text with exactly `decimals` decimals.
    static func format(_ value: Int64, decimals: Int, grouped: Bool = false) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        var whole = String(magnitude / scale)
        if grouped, whole.count > 3 {
            var out = ""
            for (i, c) in whole.enumerated() {
                if i > 0, (whole.count - i) % 3 == 0 { out.append(",") }
                out.append(c)
            }
            whole = out
        }
        var text = whole
        if decimals > 0 {
            let f = String(magnitude % scale)
            text += "." + String(repeating: "0", count: decimals - f.count) + f
        }
        return (negative && magnitude != 0 ? "-" : "") + text
    }

    /// `value / divisor`, rounded half up (ties away from zero). `divisor` > 0.
    static func divideRounded(_ value: Int64, by divisor: Int64) -> Int64 {
        let q = value / divisor, r = value % divisor
        guard r.magnitude * 2 >= divisor.magnitude else { return q }
        return value < 0 ? q - 1 : q + 1
    }
}
