import ArgumentParser
import Foundation
import LandKit

/// `--all-problems` and `--report FILE`: how much of a long list of input problems a command shows.
struct ProblemOptions: ParsableArguments {
    @Flag(help: "List every problem of a failed import (default: the first \(ImportError.shownProblems)).")
    var allProblems = false

    @Option(help: ArgumentHelp("Write every problem and warning to FILE, one a line.", valueName: "FILE"))
    var report: String?

    /// Runs `body`; writes its problems to --report, and lists all of a failed import's problems with --all-problems.
    /// - Parameter diagnostics: the problems and warnings of a command that succeeded, from its result.
    func run<T>(_ body: () throws -> T, diagnostics: (T) -> [Diagnostic]) throws -> T {
        do {
            let result = try body()
            try write(diagnostics(result))
            return result
        } catch let e as ImportError {
            try write(e.diagnostics)
            throw CLIError(
                e.render(
                    limit: allProblems ? nil : ImportError.shownProblems, describe: ErrorHints.describe,
                    more: report.map { "all written to \($0)" } ?? "--all-problems lists them all, --report FILE writes them to a file"))
        }
    }

    private func write(_ diagnostics: [Diagnostic]) throws {
        guard let report else { return }
        let text = diagnostics.map { ErrorHints.describe($0) + "\n" }.joined()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: report))
        } catch {
            throw CLIError("\(report): cannot write the problem report (\(error.localizedDescription))")
        }
    }
}
