import Foundation
import Testing

@testable import LandKit

/// Injection into outputs (issue 12, defect 11): text people typed cannot run as HTML, control a
/// terminal, fake a table row, or run as a spreadsheet formula.
@Suite("Output safety")
struct OutputSafetyTests {
    @Test("a note with ESC, BEL, a newline and a right-to-left override is shown visibly in a terminal table")
    func terminalControls() {
        let note = "\u{1B}[31m红\u{07}\n| fake | row\u{202E}txt"
        let table = TextTable.render([["id", "note"], ["H1", note]])
        #expect(!table.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(table.split(separator: "\n").count == 3)  // header, rule, one row: the newline made no new row
        #expect(OutputSafety.terminal(note) == "<U+001B>[31m红<U+0007><U+000A>| fake | row<U+202E>txt")
    }

    @Test(
        "CSV cells that a spreadsheet would run as formulas get a leading apostrophe (OWASP)",
        arguments: [
            ("=HYPERLINK(\"http://x\",\"点我\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""),
            ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("X大道", "X大道"), ("a,b", "\"a,b\""),
        ])
    func csvFormulas(_ input: String, _ expected: String) {
        #expect(OutputSafety.csvCell(input) == expected)
    }

    @Test("a project name with <script> and Markdown link syntax stays text in the Markdown report")
    func markdown() {
        var p = progress(
            name: "<script>alert(1)</script>[点我](http://x)", requiredMu: 1, clearedMu: 0, inside: 0, edge: 0, demolished: 0,
            open: .init(landMu: 1, households: 0, utilities: 0))
        p.narrativeZh = p.name
        let report = ProgressReport(
            asOf: LocalDate(year: 2021, month: 12, day: 31) ?? LocalDate(Date(), timeZone: .current), since: nil, projects: [p],
            totals: .init(
                requiredMuUnion: 1, requiredMuSum: 1, clearedMuSum: 0, householdsInside: 0, householdsEdge: 0, demolished: 0, deferred: 0,
                utilityItems: 0, relocated: 0, openBlockers: 0))
        let md = ReportFormatter.markdown(report, lang: .zh)
        #expect(!md.contains("<script>"))
        #expect(md.contains("&lt;script&gt;"))
        #expect(!md.contains("[点我](http://x)"))
        let csv = ReportFormatter.csv(report)
        #expect(csv.contains("\"<script>alert(1)</script>[点我](http://x)\"") || csv.contains("<script>alert(1)</script>[点我](http://x)"))
    }
}
