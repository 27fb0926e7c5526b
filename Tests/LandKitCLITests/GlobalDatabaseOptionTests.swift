import ArgumentParser
import Foundation
import LandKitCLI
import Testing

/// cli.md: "`--db` is global: `landkit --db x.gpkg init` and `landkit init --db x.gpkg` are the same", and
/// $LANDKIT_DB names the database when neither is given.
@Suite("--db is a global option")
struct GlobalDatabaseOptionTests {
    /// The three ways to name the database.
    enum Form: String, CaseIterable, Sendable {
        case beforeCommand, afterCommand, environment
    }

    /// `landkit COMMAND… ARGS` with `db` named in the given form.
    static func run(_ cli: CLI, _ form: Form, _ db: String, _ arguments: [String]) throws -> CLI.Result {
        switch form {
        case .beforeCommand: try cli.run(["--db", db] + arguments)
        case .afterCommand: try cli.run(arguments + ["--db", db])
        case .environment: try cli.run(arguments, environment: ["LANDKIT_DB": db])
        }
    }

    @Test("init, project add, project list and info all work on the file named, in every form", arguments: Form.allCases)
    func everyForm(_ form: Form) throws {
        let cli = try CLI()
        let r = try Self.run(cli, form, "a.gpkg", ["init", "--crs", "zone35"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.path("a.gpkg")))
        #expect(!FileManager.default.fileExists(atPath: cli.db), "./landkit.gpkg was created")
        let added = try Self.run(cli, form, "a.gpkg", ["project", "add", "x-ave", "--name", "X大道", "--kind", "road"])
        #expect(added.status == 0, "\(added.stderr)")
        let list = try Self.run(cli, form, "a.gpkg", ["project", "list", "--format", "json"])
        #expect(list.status == 0 && list.stdout.contains("\"x-ave\""), "\(list.stdout)\(list.stderr)")
        let info = try cli.json(try Self.run(cli, form, "a.gpkg", ["info", "--format", "json"]))
        #expect(info["crs"] as? String == "EPSG:4523")
        #expect(info["file"] as? String == "a.gpkg")
        #expect((info["counts"] as? [String: Int])?["projects"] == 1)
    }

    @Test("validate reads the database it is given: a missing one is exit 1, in every form", arguments: Form.allCases)
    func validate(_ form: Form) throws {
        let cli = try CLI()
        let file = try cli.write("p.geojson", SmallWorld.parcels)
        let missing = try Self.run(cli, form, "missing.gpkg", ["validate", file])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no LandKit database at missing.gpkg"), "\(missing.stderr)")
        #expect(try cli("init", "--db", "a.gpkg").status == 0)
        let ok = try Self.run(cli, form, "a.gpkg", ["validate", file])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("4 features (geojson, EPSG:4544), 0 errors"), "\(ok.stdout)")
    }

    @Test("--db=PATH before the command and --db before a nested subcommand's last word work too")
    func otherSpellings() throws {
        let cli = try CLI()
        #expect(try cli("--db=b.gpkg", "init").status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.path("b.gpkg")))
        #expect(try cli("project", "--db", "b.gpkg", "add", "p1", "--name", "P1", "--kind", "road").status == 0)
        let list = try cli("--db", "b.gpkg", "project", "list")
        #expect(list.status == 0 && list.stdout.contains("p1"), "\(list.stderr)")
    }

    @Test("help and version still work with --db in front")
    func helpAndVersion() throws {
        let cli = try CLI()
        let help = try cli("--db", "x.gpkg", "--help")
        #expect(help.status == 0 && help.stdout.contains("SUBCOMMANDS"), "\(help.stderr)")
        let version = try cli("--db", "x.gpkg", "--version")
        #expect(version.status == 0 && version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let initHelp = try cli("--db", "x.gpkg", "init", "--help")
        #expect(initHelp.status == 0 && initHelp.stdout.contains("--crs"), "\(initHelp.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("x.gpkg")))
    }

    @Test(
        "the arguments ArgumentParser sees: --db moves from before the command path to just after it, and nowhere else",
        arguments: [
            (["--db", "x.gpkg", "init", "--force"], ["init", "--db", "x.gpkg", "--force"]),
            (["--db=x.gpkg", "project", "add", "p1"], ["project", "add", "--db=x.gpkg", "p1"]),
            (["project", "--db", "x.gpkg", "list"], ["project", "list", "--db", "x.gpkg"]),
            (["--db", "x.gpkg", "status", "set", "parcel", "--", "--db"], ["status", "set", "--db", "x.gpkg", "parcel", "--", "--db"]),
            (["init", "--db", "x.gpkg"], ["init", "--db", "x.gpkg"]),
            (["--db", "x.gpkg", "--help"], ["--help"]),
            (["--db", "x.gpkg", "project"], ["project"]),
            (["--", "--db", "x.gpkg", "init"], ["--", "--db", "x.gpkg", "init"]),
            (["--version"], ["--version"]),
        ])
    func normalisation(_ given: [String], _ parsed: [String]) {
        #expect(LandKitCommand.movingGlobalOptions(given) == parsed)
    }

    @Test("every command a user can run declares --db (so the moved option always parses)")
    func everyLeafDeclaresDB() {
        func leaves(_ command: any ParsableCommand.Type, _ path: [String]) -> [([String], any ParsableCommand.Type)] {
            let subcommands = command.configuration.subcommands
            if subcommands.isEmpty { return [(path, command)] }
            return subcommands.flatMap { leaves($0, path + [$0._commandName]) }
        }
        let all = leaves(LandKitCommand.self, [])
        #expect(all.count >= 18)
        for (path, command) in all {
            #expect(LandKitCommand.helpMessage(for: command).contains("--db <PATH>"), "landkit \(path.joined(separator: " "))")
        }
    }
}
