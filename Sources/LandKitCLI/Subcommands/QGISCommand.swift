import ArgumentParser
import LandKit

struct QGISCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qgis",
        abstract: "Write a QGIS project over the database: per project, its land, household and utility progress and red line.",
        discussion: Help.text(
            """
            Each project is a group of four layers read from the GeoPackage's views
            (land_progress, household_progress, utility_progress) and zones,
            filtered to the project, drawn with the styles stored in the file
            (stages light to dark, edge households outlined, red lines). The
            project file names the database relative to itself when both are in
            the same folder, so the two can be moved together. .qgz (zipped, as
            QGIS saves) or .qgs by extension. No QGIS is needed to write it.

            Examples:
              landkit qgis x-ave-ext --out x-ave-ext.qgz
              landkit qgis --out all-projects.qgz
            """))

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Project ids, one group each (default: every project).") var projects: [String] = []
    @Option(help: ArgumentHelp("The project file to write.", valueName: "FILE.qgz")) var out: String

    func validate() throws {
        let ext = out.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard ext == "qgz" || ext == "qgs" else { throw ValidationError("--out must end in .qgz or .qgs") }
    }

    func run() throws {
        let store = try database.openForReading()
        let written = try QGISProjectUseCases.write(store: store, projectIDs: projects, out: out)
        Output.out("wrote \(out) (\(written.count) project(s): \(written.map(\.id).joined(separator: ", ")))")
    }
}
