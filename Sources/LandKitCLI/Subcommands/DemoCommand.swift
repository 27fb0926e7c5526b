import ArgumentParser
import Foundation
import LandKit
import LandKitStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a database from the sample data in geodata/ and print the leaders' report for 2021.",
        discussion: Help.text(
            """
            Creates DIR/xjd.gpkg (or the file --db names), replacing it, imports parcels, buildings and utilities, checks
            the survey TXT files, adds the projects and their red lines, computes the overlaps, applies the year's status
            events, and prints the report as of 2021-12-31 with the Chinese paragraphs. Writes the report as Markdown, JSON
            and HTML, and one SVG map per project, into DIR. $LANDKIT_DB is not used: the demo replaces its database, so
            only an explicit --db names it.

            Example:
              landkit demo --dir demo-output
              landkit --db /tmp/sample.gpkg demo --dir /tmp/demo
            """))

    @Option(help: ArgumentHelp("Output directory.", valueName: "DIR")) var dir: String = "demo-output"
    @Option(help: ArgumentHelp("The sample data (default: ./geodata, or the one next to the executable's checkout).", valueName: "PATH"))
    var geodata: String?
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Worker threads (default: one per core).") var threads: Int?

    /// The threads to use: as given, or one per core.
    var threadCount: Int { max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount) }

    func findGeodata() throws -> URL {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let geodata { candidates.append(URL(fileURLWithPath: geodata)) }
        candidates.append(URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("geodata"))
        var exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(exe.appendingPathComponent("geodata"))
            exe = exe.deletingLastPathComponent()
        }
        for c in candidates where fm.fileExists(atPath: c.appendingPathComponent("projects.json").path) { return c }
        throw CLIError("cannot find the sample data (geodata/projects.json): run from the LandKit checkout or pass --geodata PATH")
    }

    func run() throws {
        let started = Date()
        let fm = FileManager.default
        let demo = DemoUseCase(geodata: try findGeodata(), threads: threadCount, logger: database.logger())
        let manifest = try demo.manifest()
        let crs = try CRS(parsing: manifest.crs)
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let dbPath = database.path ?? URL(fileURLWithPath: dir).appendingPathComponent("xjd.gpkg").relativePath
        var lap = Date()
        func step(_ text: String) {
            Output.err(String(format: "• %@ (%.1f s)", text, Date().timeIntervalSince(lap)))
            lap = Date()
        }
        step("creating \(dbPath) (\(crs))")
        let store = try GeoPackageStore.create(at: dbPath, crs: crs, force: true)
        let result = try demo.run(into: store, outputDirectory: URL(fileURLWithPath: dir), step: step)
        Output.out(ReportFormatter.text(result.report, lang: .zh))
        Output.out("")
        Output.out("database: \(dbPath)  (open it in QGIS, or: landkit --db \(dbPath) report)")
        for w in result.written { Output.out("wrote \(w)") }
        Output.err(String(format: "done in %.1f s", Date().timeIntervalSince(started)))
    }
}
