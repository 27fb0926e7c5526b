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
        subcommands: [InitCommand.self, InfoCommand.self, ImportCommand.self, ValidateCommand.self, ExportCommand.self, ProjectCommand.self, ZoneCommand.self, OverlapsCommand.self, StressEventsCommand.self]
    )

    public init() {}
}
