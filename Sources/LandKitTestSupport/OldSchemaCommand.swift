import ArgumentParser
import LandKit
@_spi(TestSupport) import LandKitStore

/// `landkit-testsupport old-schema PATH --up-to v4-event-chain`: an empty database of an earlier schema, as an older
/// LandKit wrote it, so a migration can be tested or timed on it (`Scripts/bench-tools/migration-time.sh` fills it).
struct OldSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "old-schema", abstract: "Create an empty database of an earlier schema version (for migration tests and timing).")

    @Argument(help: "The file to create.")
    var path: String

    @Option(help: ArgumentHelp("The last migration to apply (see --list).", valueName: "MIGRATION"))
    var upTo: String?

    @Option(help: "Storage CRS, as `landkit init --crs` takes it.")
    var crs = "EPSG:4544"

    @Flag(help: "List the migrations, oldest first, and exit.")
    var list = false

    func run() throws {
        if list {
            print(GeoPackageStore.migrationIdentifiers.joined(separator: "\n"))
            return
        }
        guard let upTo else { throw ValidationError("name the last migration with --up-to (see --list)") }
        guard GeoPackageStore.migrationIdentifiers.contains(upTo) else {
            throw ValidationError("no migration \(upTo): \(GeoPackageStore.migrationIdentifiers.joined(separator: ", "))")
        }
        try GeoPackageStore.createFile(at: path, crs: try CRS(parsing: crs), force: false, upTo: upTo)
    }
}
