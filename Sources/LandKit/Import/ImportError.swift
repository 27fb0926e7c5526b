/// An import that failed: nothing was written. Carries every problem found.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// How many problems a message lists before "… and N more": a person reads five, not five hundred.
    public static let shownProblems = 5

    public var file: String
    public var diagnostics: [Diagnostic]

    public init(file: String, diagnostics: [Diagnostic]) {
        self.file = file
        self.diagnostics = diagnostics
    }

    /// The problems that made the import fail (warnings are left out).
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// "FILE: N problems, nothing imported:" on line one, then the first ``shownProblems`` problems.
    public var description: String { render() }

    /// The message with "N problems" on its first line and at most `limit` problems listed.
    /// - Parameters:
    ///   - limit: how many problems to list; nil lists every one.
    ///   - describe: how one problem is written (a front end adds its hints here).
    ///   - more: what follows "… and N more" (a front end says how to see the rest).
    /// - Returns: the message, one problem per line after the first.
    public func render(
        limit: Int? = shownProblems, describe: (Diagnostic) -> String = { $0.description }, more: String? = nil
    ) -> String {
        let errors = errors
        let shown = errors.prefix(limit ?? errors.count)
        var lines = ["\(file): \(errors.count) problem\(errors.count == 1 ? "" : "s"), nothing imported:"]
        lines += shown.map { "  " + describe($0) }
        if errors.count > shown.count {
            lines.append("  … and \(errors.count - shown.count) more" + (more.map { " (\($0))" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}
