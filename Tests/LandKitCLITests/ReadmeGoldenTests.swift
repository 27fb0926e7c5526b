import Foundation
import Testing

/// README.md's command blocks, run as a reader would run them: the demo's output, every `$ landkit …` line of
/// "Real output on the demo database" against a fresh demo database, and the whole "Using LandKit on your own
/// data" block as a shell script. README is the expected value; when the output changes on purpose, the failure
/// shows a line diff (`-` README, `+` actual) to copy into README.
@Suite("README's examples run as shown")
struct ReadmeGoldenTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The demo, built once for the suite, in a scratch directory as `demo-output/` (the README's paths).
    struct DemoRun: Sendable {
        var cli: CLI
        var result: CLI.Result
        /// Whether $LANDKIT_DB, set for the run, was left alone (the demo only writes the database --db names).
        var environmentDatabaseUntouched: Bool

        init() throws {
            cli = try CLI()
            let elsewhere = cli.path("not-the-demo.gpkg")
            result = try cli.run(
                ["demo", "--dir", "demo-output", "--geodata", ReadmeGoldenTests.checkout.appendingPathComponent("geodata").path],
                environment: ["LANDKIT_DB": elsewhere])
            environmentDatabaseUntouched = !FileManager.default.fileExists(atPath: elsewhere)
        }
    }

    static let demo = Result { try DemoRun() }

    @Test("Scripts/demo's tour: every line README shows is printed by the demo, in that order")
    func demoTour() throws {
        let run = try Self.demo.get()
        #expect(run.result.status == 0, "\(run.result.stderr)")
        #expect(run.environmentDatabaseUntouched, "the demo wrote to $LANDKIT_DB")
        #expect(FileManager.default.fileExists(atPath: run.cli.path("demo-output/xjd.gpkg")))
        // "…" (alone on a line, maybe indented) marks lines README leaves out.
        let shown = try Readme.block(after: "## A tour").filter { $0.trimmingCharacters(in: .whitespaces) != "…" }
            .map(Readme.withoutTimings)
        // The demo's steps go to stderr, the report to stdout.
        let printed = (Readme.lines(run.result.stderr) + Readme.lines(run.result.stdout)).map(Readme.withoutTimings)
        let missing = Readme.unmatched(shown, inOrderIn: printed)
        #expect(
            missing.isEmpty,
            "README's demo output is not what the demo prints; lines not found in order:\n\(missing.joined(separator: "\n"))\n\nthe demo printed:\n\(printed.joined(separator: "\n"))"
        )
    }

    @Test("Real output on the demo database: every command exits and prints as shown")
    func realOutput() throws {
        let run = try Self.demo.get()
        try #require(run.result.status == 0, "\(run.result.stderr)")
        let commands = try Readme.commands(in: Readme.block(after: "Real output on the demo database"))
        #expect(commands.count >= 4)
        var exports = ""
        for c in commands {
            let r = try run.cli.shell(exports + c.line)
            if c.line.hasPrefix("export ") { exports += c.line + "\n" }
            // An error shown in README is the command's stderr and exit status 1; anything else is stdout and 0.
            let isError = c.expected.first?.hasPrefix("Error:") == true
            let actual = Readme.lines(isError ? r.stderr : r.stdout).map(Readme.withoutTimings)
            let expected = c.expected.map(Readme.withoutTimings)
            #expect(r.status == (isError ? 1 : 0), "$ \(c.line)\n\(r.stderr)")
            #expect(actual == expected, "$ \(c.line): README (-) vs actual (+):\n\(Readme.diff(expected, actual))")
        }
    }

    @Test("Using LandKit on your own data: the whole sh block runs, every command with exit status 0")
    func ownData() throws {
        let cli = try CLI()
        try FileManager.default.createSymbolicLink(
            atPath: cli.path("geodata"), withDestinationPath: Self.checkout.appendingPathComponent("geodata").path)
        let block = try Readme.block(after: "## Using LandKit on your own data")
        let landkitLines = block.filter { $0.hasPrefix("landkit ") }
        #expect(landkitLines.count >= 15)
        let r = try cli.shell("set -euxo pipefail\n" + block.joined(separator: "\n"))
        // With -x every command is traced on stderr before it runs: the last traced line is the one that failed.
        #expect(r.status == 0, "README's own-data block stopped with status \(r.status):\n\(r.stderr.suffix(3000))")
        #expect(r.stderr.components(separatedBy: "\n+ landkit ").count - 1 == landkitLines.count, "\(r.stderr.suffix(3000))")
        // The attached file comes back out byte for byte; the statement is a page with the agreement and payment.
        let attached = FileManager.default.contents(atPath: cli.path("today.csv"))
        #expect(attached != nil && FileManager.default.contents(atPath: cli.path("attachments/1-today.csv")) == attached)
        let statement = (try? String(contentsOfFile: cli.path("DK-04037.html"), encoding: .utf8)) ?? ""
        #expect(statement.contains("补偿明细单") && statement.contains("XY-2022-001") && statement.contains("54,000.00"))
    }
}

/// Reading README.md's fenced blocks.
enum Readme {
    struct Command {
        var line: String
        var expected: [String]
    }

    struct BlockNotFound: Error, CustomStringConvertible {
        var heading: String
        var description: String { "README.md has no fenced block after a line starting with \"\(heading)\"" }
    }

    static func text() throws -> String {
        try String(contentsOf: ReadmeGoldenTests.checkout.appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// The lines of the first fenced code block after the first line that starts with `heading`.
    static func block(after heading: String) throws -> [String] {
        let all = lines(try text())
        guard let start = all.firstIndex(where: { $0.hasPrefix(heading) }),
            let open = all[start...].firstIndex(where: { $0.hasPrefix("```") }),
            let close = all[(open + 1)...].firstIndex(where: { $0.hasPrefix("```") })
        else { throw BlockNotFound(heading: heading) }
        return Array(all[(open + 1)..<close])
    }

    /// `$ COMMAND` lines, each with the lines up to the next `$ ` line (trailing blank lines dropped).
    static func commands(in block: [String]) -> [Command] {
        var commands: [Command] = []
        for line in block {
            if line.hasPrefix("$ ") {
                commands.append(Command(line: String(line.dropFirst(2)), expected: []))
            } else if !commands.isEmpty {
                commands[commands.count - 1].expected.append(line)
            }
        }
        return commands.map { c in
            var c = c
            while c.expected.last?.isEmpty == true { c.expected.removeLast() }
            return c
        }
    }

    /// Lines without trailing white space and without trailing blank lines.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop(while: { $0 == " " || $0 == "\r" }).reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// "(1.3 s)" → "(… s)": timings differ between runs and machines.
    static func withoutTimings(_ line: String) -> String {
        line.replacing(#/\(\d+(\.\d+)? s\)/#, with: "(… s)")
    }

    /// The lines of `shown` that are not found in `printed` in the same order (empty: all found).
    static func unmatched(_ shown: [String], inOrderIn printed: [String]) -> [String] {
        var next = printed.startIndex
        var missing: [String] = []
        for line in shown {
            if let found = printed[next...].firstIndex(of: line) {
                next = found + 1
            } else {
                missing.append(line)
            }
        }
        return missing
    }

    /// A line diff: "  " common, "- " only in `old`, "+ " only in `new` (longest common subsequence).
    static func diff(_ old: [String], _ new: [String]) -> String {
        var common = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                common[i][j] = old[i] == new[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                out.append("  " + old[i])
                i += 1
                j += 1
            } else if j < new.count, i == old.count || common[i][j + 1] >= common[i + 1][j] {
                out.append("+ " + new[j])
                j += 1
            } else {
                out.append("- " + old[i])
                i += 1
            }
        }
        return out.joined(separator: "\n")
    }
}
