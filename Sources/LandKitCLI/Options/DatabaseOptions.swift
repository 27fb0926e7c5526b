import ArgumentParser
import Foundation
import LandKit
import LandKitStore

/// `--db PATH`: the database file; default $LANDKIT_DB, else ./landkit.gpkg.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("Database file (default: $LANDKIT_DB, else ./landkit.gpkg).", valueName: "PATH"))
    var path: String?

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
    func open() throws -> any LandStore {
        try GeoPackageStore.open(at: resolvedPath)
    }
}

/// Output formats shared by listing commands.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
