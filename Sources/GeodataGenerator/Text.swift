import LandKit

/// Small text helpers that do not depend on the C library's formatting.
enum Text {
    /// `n` in decimal, left-padded with zeros to `width` digits.
    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// A JSON string literal.
    static func json(_ s: String) -> String { JSONText.quoted(s) }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func csv(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Fixed-point text with `decimals` digits, by integer arithmetic (no locale, no C formatting).
    static func fixed(_ v: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let n = Int64((v * scale).rounded())
        let negative = n < 0
        let a = negative ? -n : n
        let unit = Int64(scale)
        var s = String(a / unit)
        if decimals > 0 { s += "." + pad(Int(a % unit), decimals) }
        return (negative ? "-" : "") + s
    }

    /// Centimetres as metres with trailing zeros trimmed ("456000", "456000.5", "456000.25").
    static func metres(_ cm: Int64) -> String {
        let negative = cm < 0
        let a = negative ? -cm : cm
        var s = String(a / 100)
        let f = a % 100
        if f != 0 { s += f % 10 == 0 ? "." + String(f / 10) : "." + pad(Int(f), 2) }
        return (negative ? "-" : "") + s
    }
}

import Foundation
