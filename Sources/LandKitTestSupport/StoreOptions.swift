import ArgumentParser
import LandKit
import LandKitPostgres
import LandKitStore

/// `--db PATH`: the GeoPackage (or postgresql:// address) to work on. Required: a test tool never falls back to $LANDKIT_DB or ./landkit.gpkg.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("Database file.", valueName: "PATH"))
    var path: String

    /// Opens the database (migrating an older schema after a backup, as `landkit` does).
    func open() throws -> any LandStore {
        if PostgresAddress.isAddress(path) { return try PostgresStore.open(at: path) }
        return try GeoPackageStore.open(at: path)
    }
}
