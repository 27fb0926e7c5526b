import ArgumentParser
import Foundation
import LandKit
import LandKitPostgres
import LandKitStore
import Logging

/// `--db PATH`: the database file, or a PostgreSQL address (postgresql://USER@HOST[:PORT]/DBNAME); default
/// $LANDKIT_DB, else ./landkit.gpkg.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "Database file, or postgresql://USER@HOST[:PORT]/DBNAME (default: $LANDKIT_DB, else ./landkit.gpkg).",
            valueName: "PATH"))
    var path: String?

    @Flag(help: "Show each phase's timings and counts on stderr.")
    var verbose = false

    /// The logger the use cases write to.
    func logger() -> Logger { CLILogging.logger(verbose: verbose) }

    /// Whether --db or $LANDKIT_DB names the database (rather than the ./landkit.gpkg default).
    var isGiven: Bool {
        path != nil || !(ProcessInfo.processInfo.environment["LANDKIT_DB"] ?? "").isEmpty
    }

    var resolvedPath: String {
        if let path { return path }
        if let env = ProcessInfo.processInfo.environment["LANDKIT_DB"], !env.isEmpty { return env }
        return "landkit.gpkg"
    }

    /// Opens the database (migrating an older schema after a backup).
    /// - Parameter concurrentReads: reads beside the writer (a pool of connections), for `landkit serve`.
    func open(concurrentReads: Bool = false) throws -> any LandStore {
        if PostgresAddress.isAddress(resolvedPath) { return try PostgresStore.open(at: resolvedPath) }
        return try GeoPackageStore.open(at: resolvedPath, concurrentReads: concurrentReads)
    }

    /// Opens the database for reading only: nothing is written, no lock is taken, a read-only file works.
    func openForReading() throws -> any LandStore {
        if PostgresAddress.isAddress(resolvedPath) { return try PostgresStore.open(at: resolvedPath) }
        return try GeoPackageStore.open(at: resolvedPath, readOnly: true)
    }
}

/// Output formats shared by listing commands.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
