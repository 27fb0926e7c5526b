import Foundation
import ArgumentParser
import LandKit

/// The `landkit` command: land acquisition and demolition tracking.
public struct LandKitCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "landkit",
        abstract: "Track land acquisition (征地) and demolition (拆迁) for public-works projects.",
        discussion: """
            A LandKit database is one GeoPackage file (default ./landkit.gpkg, or $LANDKIT_DB, or --db PATH)
            that QGIS and GDAL open directly.

            Example:
              landkit init --crs EPSG:4544
              landkit import parcels parcels.geojson
              landkit overlaps --project x-ave-ext
            """,
        version: LandKitInfo.version,
        subcommands: [
            InitCommand.self, InfoCommand.self, ImportCommand.self, ValidateCommand.self, ExportCommand.self, ProjectCommand.self,
            ZoneCommand.self, OverlapsCommand.self, StatusCommand.self, HistoryCommand.self, ReportCommand.self, MapCommand.self,
            DemoCommand.self,
        ]
    )

    public init() {}
}

extension LandKitCommand {
    /// Runs the command line with cli.md's exit statuses: 0 success, 1 bad input or failed check,
    /// 2 usage error (ArgumentParser reports those as 64 by default).
    public static func mainWithExitCodes(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
