import Foundation
import LandKit

/// Progress of a long command on stderr, only when stderr is a terminal: a bar with the totals
/// (`status rows [████████░░░░░░░░░░░░] 4000/10000`) when the total is known, a counter otherwise.
/// Redrawn at most every 100 ms, and cleared when the command ends.
final class ProgressLine {
    let label: String
    let unit: String
    let enabled: Bool
    private var shown = false
    private var lastDrawn = Date.distantPast

    init(label: String, unit: String = "", enabled: Bool = Output.stderrIsTerminal) {
        self.label = label
        self.unit = unit
        self.enabled = enabled
    }

    /// The library's ``ProgressHandler`` drawing this line.
    var handler: ProgressHandler { { [self] done, total in update(done, of: total) } }

    func update(_ done: Int, of total: Int? = nil) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 || done == total else { return }
        lastDrawn = now
        shown = true
        FileHandle.standardError.write(Data(("\r" + Self.line(label, done: done, total: total, unit: unit) + "\u{1B}[K").utf8))
    }

    func finish() {
        guard enabled, shown else { return }
        shown = false
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// The text of the line: `label [bar] done/total unit` or `label: done unit…`.
    static func line(_ label: String, done: Int, total: Int?, unit: String, width: Int = 20) -> String {
        let suffix = unit.isEmpty ? "" : " " + unit
        guard let total, total > 0 else { return "\(label): \(done)\(suffix)…" }
        let filled = min(width, max(0, done * width / total))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "\(label) [\(bar)] \(min(done, total))/\(total)\(suffix)"
    }
}
