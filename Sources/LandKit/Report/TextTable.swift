import Foundation

/// Aligned plain-text tables whose columns stay aligned with Chinese text: widths are display
/// columns (East Asian wide characters count 2), not characters.
public enum TextTable {
    public static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    public static func width(of u: Unicode.Scalar) -> Int {
        let v = u.value
        if v == 0 || (0x300...0x36F).contains(v) || v == 0x200B { return 0 }
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
