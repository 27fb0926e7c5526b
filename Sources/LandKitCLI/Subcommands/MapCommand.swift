import ArgumentParser
import Foundation
import LandKit

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Draw one project as an SVG map: red line, parcels by stage, houses, utilities, blocked items.",
        discussion: Help.text(
            """
            Parcels are coloured by land stage (待启动 … 已交地). Houses inside the red
            line are circles, edge houses (边线户) diamonds, demolished houses
            crosses; blocked items get an orange outline and their reason in
            Chinese. Over 20,000 parcels are drawn as a grid of stage cells, so
            the file stays small. --as-of draws the statuses at the end of a past
            date, from the event log. Coordinates: the storage CRS, north up.

            Examples:
              landkit map x-ave-ext
              landkit map x-ave-ext --as-of 2021-12-31 --out x-ave-ext-2021.svg
              landkit map x-ave-ext --by section
            """))

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The project id (see `landkit project list`).") var project: String
    @Option(help: ArgumentHelp("Statuses as of the end of this date (default: now).", valueName: "YYYY-MM-DD")) var asOf: String?
    @Option(help: ArgumentHelp("Write the SVG here (default: PROJECT.svg).", valueName: "FILE.svg")) var out: String?
    @Option(help: ArgumentHelp("Width of the map in pixels, legend included.", valueName: "PX")) var width: Double = 960
    @Option(help: ArgumentHelp("Above this many parcels, draw a grid of stage cells instead of each parcel.", valueName: "N"))
    var aggregateAbove = 20_000
    @Option(help: ArgumentHelp("Also outline and name the project's sections (标段).", valueName: "section"))
    var by: MapBreakdown?

    enum MapBreakdown: String, ExpressibleByArgument {
        case section
    }

    func validate() throws {
        if let asOf, LocalDate(asOf) == nil { throw ValidationError("--as-of \"\(asOf)\" is not a date YYYY-MM-DD") }
        guard width.isFinite, width >= 480, width <= 10_000 else { throw ValidationError("--width must be between 480 and 10000 pixels") }
        guard aggregateAbove >= 0 else { throw ValidationError("--aggregate-above must be 0 or more parcels") }
    }

    func run() throws {
        let date = asOf.flatMap(LocalDate.init)
        let store = try database.openForReading()
        let data = try ReportUseCases.mapData(store: store, projectID: project, asOf: date)
        var options = MapOptions()
        options.widthPixels = width
        options.aggregateAboveParcels = aggregateAbove
        options.showSections = by == .section
        let svg = ProjectMap.file(ProjectMap.svg(data, options: options))
        let path = out ?? "\(project).svg"
        guard FileManager.default.createFile(atPath: path, contents: Data(svg.utf8)) else {
            throw CLIError("cannot write \(path): check the folder exists and is writable")
        }
        Output.out(
            "wrote \(path) (\(data.parcels.count) parcels, \(data.households.count) households, \(data.utilities.count) utilities, \(svg.utf8.count / 1024) KB)"
        )
    }
}
