import Foundation

/// Aligned plain-text tables whose columns stay aligned with Chinese text: widths are display
/// columns (East Asian wide characters count 2), not characters.
public enum TextTable {
    /// Columns of an East Asian Width "ambiguous" character (“ ” … · × ① ■ …): 1 in most Western
    /// terminal settings, 2 in many CJK ones. `LANDKIT_AMBIGUOUS_WIDTH=2` matches such a terminal.
    public static let ambiguousWidth: Int = ProcessInfo.processInfo.environment["LANDKIT_AMBIGUOUS_WIDTH"] == "2" ? 2 : 1

    /// The terminal width tables are laid out for unless asked to be wide.
    public static let terminalColumns = 120

    public static func displayWidth(_ s: String, ambiguous: Int = ambiguousWidth) -> Int {
        s.unicodeScalars.reduce(0) { $0 + width(of: $1, ambiguous: ambiguous) }
    }

    /// Cuts `s` to at most `width` display columns, ending with "…" when it was cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard displayWidth(s) > width else { return s }
        var out = "", used = 0
        let ellipsis = displayWidth("…")
        for ch in s {
            let w = displayWidth(String(ch))
            if used + w + ellipsis > width { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }

    /// Breaks `s` into lines of at most `width` display columns (Chinese text may break between any
    /// two characters, other text at spaces); continuation lines start with `indent`.
    public static func wrap(_ s: String, width: Int, indent: String = "") -> [String] {
        guard displayWidth(s) > width else { return [s] }
        var lines: [String] = [], line = "", used = 0
        var lastSpace: String.Index?
        for ch in s {
            let w = displayWidth(String(ch))
            if used + w > width, !line.isEmpty {
                if let cut = lastSpace, w == 1 || ch == " " {
                    lines.append(String(line[..<cut]))
                    line = indent + line[line.index(after: cut)...]
                } else if Self.noLineStart.contains(ch), let last = line.last, line.count > indent.count + 1 {
                    // Chinese line breaking: 。，、） never start a line; the character before moves down with it.
                    line.removeLast()
                    lines.append(line)
                    line = indent + String(last)
                } else {
                    lines.append(line)
                    line = indent
                }
                used = displayWidth(line)
                lastSpace = nil
            }
            // A space is a break only after the line's text has begun: breaking at a paragraph's own
            // leading indent would leave a blank line and move the whole paragraph down.
            if ch == " ", line.contains(where: { $0 != " " }) { lastSpace = line.endIndex }
            line.append(ch)
            used += w
        }
        if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(line) }
        return lines
    }

    static let noLineStart: Set<Character> = ["。", "，", "、", "；", "：", "）", "！", "？", "」", "”", ")", ",", ".", ";", ":"]

    /// Ambiguous-width characters of Chinese text (Unicode UAX #11 class A), the common ones.
    static let ambiguous: [ClosedRange<UInt32>] = [
        0xA1...0xA1, 0xA4...0xA4, 0xA7...0xA8, 0xAA...0xAA, 0xAD...0xAE, 0xB0...0xB4, 0xB6...0xBA, 0xBC...0xBF, 0xD7...0xD7,
        0xF7...0xF7, 0x2010...0x2010, 0x2013...0x2016, 0x2018...0x2019, 0x201C...0x201D, 0x2020...0x2022, 0x2024...0x2027,
        0x2030...0x2030, 0x2032...0x2033, 0x2035...0x2035, 0x203B...0x203B, 0x203E...0x203E, 0x2103...0x2103, 0x2116...0x2116,
        0x2160...0x216B, 0x2190...0x2199, 0x2460...0x24E9, 0x2500...0x254B, 0x25A0...0x25A1, 0x25B2...0x25B3, 0x25BC...0x25BD,
        0x25C6...0x25C7, 0x25CB...0x25CB, 0x25CE...0x25CF, 0x2605...0x2606,
    ]

    public static func width(of u: Unicode.Scalar, ambiguous width: Int = ambiguousWidth) -> Int {
        let v = u.value
        if v == 0 || (0x300...0x36F).contains(v) || v == 0x200B { return 0 }
        if width != 1, ambiguous.contains(where: { $0.contains(v) }) { return width }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
        {
            return 2
        }
        return 1
    }

    public static func pad(_ s: String, to width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - displayWidth(s)))
        return right ? fill + s : s + fill
    }

    /// Rows of cells; `numeric` columns are right-aligned. The first row is the header.
    /// Cells are made safe for a terminal (``OutputSafety/terminal(_:)``): a note cannot add a row.
    public static func render(_ rows: [[String]], numeric: Set<Int> = []) -> String {
        let rows = rows.map { $0.map(OutputSafety.terminal) }
        guard let header = rows.first else { return "" }
        var widths = [Int](repeating: 0, count: header.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], displayWidth(c)) } }
        var out: [String] = []
        for (n, r) in rows.enumerated() {
            let line = r.enumerated().map { i, c in pad(c, to: widths[min(i, widths.count - 1)], right: numeric.contains(i)) }.joined(
                separator: "  ")
            out.append(line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            if n == 0 { out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return out.joined(separator: "\n")
    }

    public static func keyValue(_ pairs: [(String, String)]) -> String {
        let w = pairs.map { displayWidth($0.0) }.max() ?? 0
        return pairs.map { pad($0.0, to: w) + "  " + OutputSafety.terminal($0.1) }.joined(separator: "\n")
    }
}
