import Foundation
import Testing

/// Long commands draw a progress bar on a terminal (here a pseudo-terminal made by `script`), and
/// nothing of it when stderr is a file or a pipe, so logs and scripts stay clean.
@Suite("Progress bars on a terminal")
struct ProgressBarTests {
    /// `landkit ARGS` on a pseudo-terminal: stdout and stderr both go to it; returns what it showed.
    static func onTerminal(_ w: SmallWorld, _ args: String) throws -> String {
        let r = try w.cli.shell("script -qec \"landkit \(args)\" /dev/null")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        return r.stdout
    }

    @Test("status import shows the rows applied of the rows read, then clears the bar; a pipe gets no bar")
    func statusImport() throws {
        let w = try SmallWorld()
        let file = try w.cli.write("day.csv", OverlapsWorkflowTests.goodCSV)
        let shown = try Self.onTerminal(w, "status import '\(file)'")
        // The last frame: all 5 rows of 5, a full bar of 20 cells; then the line is cleared for the summary.
        #expect(shown.contains("[" + String(repeating: "█", count: 20) + "] 5/5 rows"), "\(shown)")
        #expect(shown.contains("\u{1B}[K"))
        #expect(shown.contains("5 rows, applied 5"))

        let w2 = try SmallWorld()
        let piped = try w2.cli("status", "import", try w2.cli.write("day.csv", OverlapsWorkflowTests.goodCSV))
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("█") && !piped.stderr.contains("\u{1B}["), "\(piped.stderr)")
    }

    @Test("overlaps counts projects on a terminal; --quiet and a pipe show none")
    func overlaps() throws {
        let w = try SmallWorld()
        let shown = try Self.onTerminal(w, "overlaps")
        #expect(shown.contains("] 1/1 projects"), "\(shown)")
        let quiet = try Self.onTerminal(w, "overlaps --quiet")
        #expect(!quiet.contains("█"))
        let piped = try w.cli("overlaps")
        #expect(!piped.stderr.contains("█"))
    }
}
