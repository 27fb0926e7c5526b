import Foundation
import Testing

/// What the installed `landkit` offers: no test-only commands (those live in `landkit-testsupport`).
@Suite("the shipped landkit")
struct ShippedCommandsTests {
    @Test(
        "test-only commands are not in landkit: a usage error, and help does not name them",
        arguments: ["_append-test-events", "_stress-events", "_bench-overlaps", "append-test-events", "bench-overlaps"])
    func noTestCommands(_ name: String) throws {
        let cli = try CLI()
        try #require(try cli("init").status == 0)
        let r = try cli(name, "--count", "1")
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(!(try cli("--help")).stdout.contains(name))
    }

    @Test("landkit-testsupport has them, and its append-test-events writes what it is asked to")
    func testSupportTool() throws {
        let cli = try CLI()
        try #require(try cli("init").status == 0)
        let tool = CLI.builtExecutable("landkit-testsupport")
        let r = try cli.run(["append-test-events", "--db", cli.db, "--count", "3", "--by", "probe"], executable: tool)
        #expect(r.status == 0, "\(r.stderr)")
        let info = try cli.json(try cli("info", "--format", "json"))
        #expect((info["counts"] as? [String: Int])?["events"] == 3)
        #expect(try cli.run(["bench-overlaps", "--help"], executable: tool).status == 0)
    }
}
