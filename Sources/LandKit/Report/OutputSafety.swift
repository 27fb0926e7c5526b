/// Text typed by people (project names, notes, household heads) goes into terminals, Markdown,
/// HTML and spreadsheets. Each output escapes it for its medium, here, in one place.
public enum OutputSafety {
    /// The UTF-8 byte-order mark CSV files start with by default: Excel on Windows otherwise reads
    /// them in the local code page and shows Chinese text as mojibake. LandKit's readers skip it.
    public static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// For a terminal: control characters (ESC, BEL, CR, LF, …) and bidirectional overrides
    /// (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) shown visibly as `<U+001B>`, so a
    /// note cannot move the cursor, recolour the screen, reverse text or fake a table row.
    public static func terminal(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for u in text.unicodeScalars {
            if isUnsafe(u) {
                out += "<U+" + String(u.value, radix: 16, uppercase: true).leftPadded(to: 4) + ">"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// One CSV cell (RFC 4180 quoting). A cell that a spreadsheet would run as a formula (it starts
    /// with = + - @, a tab or a CR) gets a leading apostrophe, the OWASP rule against CSV injection.
    /// Numbers LandKit writes itself do not go through here.
    public static func csvCell(_ text: String) -> String {
        var s = text
        if let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(Character(first)) { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Markdown text: HTML tags cannot open (`<`, `>`, `&` become entities), and Markdown's own
    /// punctuation is backslash-escaped so a name cannot become a link, a heading or a table cell.
    public static func markdown(_ text: String) -> String {
        var out = ""
        for ch in terminal(text) {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "(", ")", "#", "|", "!", "{", "}", "~": out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
