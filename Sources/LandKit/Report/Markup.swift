/// Text escaping for the SVG and HTML LandKit writes.
public enum Markup {
    /// Escapes `& < > " '` for XML/HTML text and attribute values (double- or single-quoted).
    public static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "'" }) else { return text }
        var out = ""
        out.reserveCapacity(text.count + 16)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A number in tenths written with at most one decimal ("12.3", "-4", "0.5"): exact for what
    /// ``tenths(_:)`` produced, and much faster than `String(format:)` in hot loops.
    static func decimal(tenths t: Int) -> String {
        let a = t < 0 ? -t : t
        let whole = a / 10, frac = a % 10
        let sign = t < 0 ? "-" : ""
        return frac == 0 ? sign + String(whole) : sign + String(whole) + "." + String(frac)
    }

    /// `v` rounded to tenths (one decimal place), as an integer count of tenths.
    static func tenths(_ v: Double) -> Int {
        guard v.isFinite else { return 0 }
        return Int((v * 10).rounded())
    }

    /// `v` with one decimal at most.
    static func number(_ v: Double) -> String { decimal(tenths: tenths(v)) }
}
