import ArgumentParser
import LandKit

/// `landkit-testsupport`: commands the tests and `Scripts/bench` need and users must not have.
///
/// Not a product of the package, so nobody installs it with `landkit`: its commands write to a database without
/// the workflow's rules (`append-test-events`) or only time the engine (`bench-overlaps`).
@main
struct TestSupportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landkit-testsupport",
        abstract: "Test and benchmark helpers for LandKit's own tests and Scripts/bench (not shipped).",
        version: LandKitInfo.version,
        subcommands: [AppendTestEventsCommand.self, BenchOverlapsCommand.self, OldSchemaCommand.self]
    )
}
