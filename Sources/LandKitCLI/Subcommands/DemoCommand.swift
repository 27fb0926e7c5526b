import ArgumentParser
import Foundation
import LandKit
import LandKitStore

/// The sample data's manifest (geodata/projects.json).
struct DemoManifest: Decodable {
    struct ZoneEntry: Decodable {
        var id: String
        var name: String?
        var polygon: String?
        var centerline: String?
        var width_m: Double?
    }

    struct ProjectEntry: Decodable {
        var id: String
        var name: String
        var kind: String
        var due: String?
        var zones: [ZoneEntry]
    }

    var crs: String
    var projects: [ProjectEntry]
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a database from the sample data in geodata/ and print the leaders' report for 2021.",
        discussion: """
            Creates DIR/xjd.gpkg (or the file --db names), replacing it, imports parcels, buildings and utilities, checks
            the survey TXT files, adds the projects and their red lines, computes the overlaps, applies the year's status
            events, and prints the report as of 2021-12-31 with the Chinese paragraphs. Writes the report as Markdown, JSON
            and HTML, and one SVG map per project, into DIR. $LANDKIT_DB is not used: the demo replaces its database, so
            only an explicit --db names it.

            Example:
              landkit demo --dir demo-output
              landkit --db /tmp/sample.gpkg demo --dir /tmp/demo
            """)

    @Option(help: ArgumentHelp("Output directory.", valueName: "DIR")) var dir: String = "demo-output"
    @Option(name: .customLong("db"), help: ArgumentHelp("The database to create, replacing it (default: DIR/xjd.gpkg).", valueName: "PATH"))
    var db: String?
    @Option(help: ArgumentHelp("The sample data (default: ./geodata, or the one next to the executable's checkout).", valueName: "PATH"))
    var geodata: String?
    @Option(help: "Worker threads for the overlaps (default: all cores).") var threads: Int = ProcessInfo.processInfo.activeProcessorCount

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
        let geo = try findGeodata()
        func path(_ name: String) -> String { geo.appendingPathComponent(name).path }
        try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let dbPath = db ?? URL(fileURLWithPath: dir).appendingPathComponent("xjd.gpkg").relativePath
        guard let manifestData = fm.contents(atPath: path("projects.json")) else { throw CLIError("cannot read \(path("projects.json"))") }
        let manifest = try JSONDecoder().decode(DemoManifest.self, from: manifestData)
        let crs = try CRS(parsing: manifest.crs)
        var lap = Date()
        func step(_ text: String) {
            Output.err(String(format: "• %@ (%.1f s)", text, Date().timeIntervalSince(lap)))
            lap = Date()
        }

        step("creating \(dbPath) (\(crs))")
        let store = try GeoPackageStore.create(at: dbPath, crs: crs, force: true)
        let importer = try FeatureImporter(storageCRS: crs)
        for (layer, file) in [
            (FeatureLayer.parcels, "parcels.geojson"), (.buildings, "buildings.geojson"), (.utilities, "utilities.geojson"),
        ] {
            let s = try importer.run(path(file), layer: layer, options: ImportOptions(), into: store)
            step(
                "imported \(s.inserted) \(layer.rawValue) from geodata/\(file)\(s.repaired.isEmpty ? "" : ", \(s.repaired.count) repaired")"
            )
        }
        let surveyDir = geo.appendingPathComponent("survey")
        for name in ((try? fm.contentsOfDirectory(atPath: surveyDir.path)) ?? []).sorted() where name.hasSuffix(".txt") {
            let s = try importer.validate(surveyDir.appendingPathComponent(name).path, layer: .parcels, options: ImportOptions())
            let warnings = s.diagnostics.filter { $0.severity == .warning }.count
            step(
                "checked survey file geodata/survey/\(name): \(s.read) parcel(s) in \(s.sourceCRS?.description ?? "?"), \(s.errors.count) errors, \(warnings) warnings"
            )
        }
        let zones = try ZoneReader(storageCRS: crs)
        try store.write { s in
            for p in manifest.projects {
                guard let kind = ProjectKind(rawValue: p.kind) else {
                    throw CLIError("projects.json: project \(p.id) has unknown kind \(p.kind)")
                }
                try s.add(Project(id: p.id, name: p.name, kind: kind, due: p.due.flatMap(LocalDate.init)))
                for z in p.zones {
                    let shape: ZoneReader.Shape = z.width_m.map { .centerline(widthMetres: $0) } ?? .polygon
                    guard let file = z.centerline ?? z.polygon else { throw CLIError("projects.json: zone \(z.id) has no file") }
                    let (zone, _) = try zones.read(path(file), shape: shape, projectID: p.id, zoneID: z.id, name: z.name, crs: nil)
                    try s.add(zone)
                }
            }
        }
        step("added \(manifest.projects.count) projects and their red lines")
        let overlaps = ProjectOverlaps(configuration: OverlapEngine.Configuration(threads: max(1, threads)))
        let run = try store.write { s -> OverlapRunSummary in
            let r = try overlaps.update(s, crs: crs)
            try s.setMeta("union_required_m2", "\(try overlaps.unionRequired(s, crs: crs).ellipsoidal)")
            return r
        }
        step("computed overlaps for \(run.projectsComputed.count) projects (\(run.parcelsExamined) parcel checks)")
        guard let events = fm.contents(atPath: path("events-2021.csv")) else { throw CLIError("cannot read geodata/events-2021.csv") }
        let (rows, diags) = try StatusCSV.read([UInt8](events), file: "geodata/events-2021.csv")
        let applied = try store.write { s in
            try StatusCSV.apply(
                rows, diagnostics: diags, file: "geodata/events-2021.csv",
                workflow: Workflow(timeZone: try s.timeZone(), skipRecorded: true), in: s)
        }
        step("applied \(applied.applied) status events of 2021 from geodata/events-2021.csv")
        let mismatches = try store.read { try Workflow.verify($0) }
        guard mismatches.isEmpty else { throw CLIError("\(mismatches.count) items disagree with their events") }

        let asOf = LocalDate(year: 2021, month: 12, day: 31), since = LocalDate(year: 2021, month: 11, day: 30)
        let report = try store.read { s in
            try ReportBuilder(timeZone: try s.timeZone()).build(
                s, asOf: asOf, since: since, projectID: nil,
                unionRequiredSquareMetres: try s.meta("union_required_m2").flatMap(Double.init) ?? 0)
        }
        let outDir = URL(fileURLWithPath: dir)
        func write(_ name: String, _ text: String) throws -> String {
            let p = outDir.appendingPathComponent(name).relativePath
            guard fm.createFile(atPath: p, contents: Data(text.utf8)) else { throw CLIError("cannot write \(p)") }
            return p
        }
        var written = [
            try write("report.md", ReportFormatter.markdown(report, lang: ReportLanguage.zh)),
            try write("report.json", try ReportFormatter.json(report, lang: ReportLanguage.zh)),
        ]
        written += try DemoArtifacts.write(report: report, store: store, to: outDir)

        Output.out(ReportFormatter.text(report, lang: ReportLanguage.zh))
        Output.out("")
        Output.out("database: \(dbPath)  (open it in QGIS, or: landkit --db \(dbPath) report)")
        for w in written { Output.out("wrote \(w)") }
        Output.err(String(format: "done in %.1f s", Date().timeIntervalSince(started)))
    }
}

/// The HTML dashboard and the SVG maps of the demo.
enum DemoArtifacts {
    static func write(report: ProgressReport, store: any LandStore, to dir: URL) throws -> [String] {
        let fm = FileManager.default
        var written: [String] = []
        let maps = try ProjectMaps.render(report, store: store, asOf: report.asOf, standalone: true)
        let html = HTMLDashboard.render(report, maps: maps.mapValues(\.embedded))
        let page = dir.appendingPathComponent("report.html").relativePath
        guard fm.createFile(atPath: page, contents: Data(html.utf8)) else { throw CLIError("cannot write \(page)") }
        written.append(page)
        let mapsDir = dir.appendingPathComponent("maps")
        try fm.createDirectory(at: mapsDir, withIntermediateDirectories: true)
        for (id, map) in maps.sorted(by: { $0.key < $1.key }) {
            guard let svg = map.standalone else { continue }
            let p = mapsDir.appendingPathComponent("\(id).svg").relativePath
            guard fm.createFile(atPath: p, contents: Data(svg.utf8)) else { throw CLIError("cannot write \(p)") }
        }
        written.append(mapsDir.relativePath + "/ (\(report.projects.count) SVG maps)")
        return written
    }
}
