import Foundation

/// A one-line progress counter on stderr, only when stderr is a terminal.
final class ProgressLine {
    let label: String
    let enabled = Output.stderrIsTerminal
    private var shown = false

    init(label: String) {
        self.label = label
    }

    func update(_ count: Int) {
        guard enabled else { return }
        shown = true
        FileHandle.standardError.write(Data("\r\(label): \(count)…".utf8))
    }

    func finish() {
        guard enabled, shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
