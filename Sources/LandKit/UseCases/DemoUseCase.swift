import Foundation
import Logging

/// The sample sub-district's year, end to end, through the same use cases as the individual
/// commands: import, survey checks, projects and red lines, overlaps, the year's status CSV, the
/// report as of 2021-12-31, and its files.
public struct DemoUseCase {
    /// The sample data's manifest (geodata/projects.json).
    public struct Manifest: Decodable, Sendable {
        public struct ZoneEntry: Decodable, Sendable {
            public var id: String
            public var name: String?
            public var polygon: String?
            public var centerline: String?
            public var width_m: Double?
        }

        public struct ProjectEntry: Decodable, Sendable {
            public var id: String
            public var name: String
            public var kind: String
            public var due: String?
            public var zones: [ZoneEntry]
        }

        public var crs: String
        public var projects: [ProjectEntry]
    }

    /// What the demo did.
    public struct Result: Sendable {
        public var report: ProgressReport
        /// The files written, as display paths.
        public var written: [String]
    }

    public var geodata: URL
    public var threads: Int
    public var logger: Logger

    public init(geodata: URL, threads: Int, logger: Logger) {
        self.geodata = geodata
        self.threads = threads
        self.logger = logger
    }

    /// Reads geodata/projects.json.
    /// - Throws: `FormatError` naming the file.
    public func manifest() throws -> Manifest {
        let file = path("projects.json")
        guard let data = FileManager.default.contents(atPath: file) else { throw FormatError("cannot read the file", file: file) }
        do {
            return try JSONDecoder().decode(Manifest.self, from: data)
        } catch {
            throw FormatError("not a LandKit sample manifest (\(error))", file: file)
        }
    }

    private func path(_ name: String) -> String { geodata.appendingPathComponent(name).path }

    /// The year's money, when the sample has it: the county's rate table for every project, the survey
    /// inventory, then the agreements and payments of 2021 (each file optional, in that order).
    private func money(into store: any LandStore, projects: [String], step: (String) -> Void) throws {
        func bytes(_ name: String) throws -> [UInt8]? {
            guard FileManager.default.fileExists(atPath: path(name)) else { return nil }
            guard let data = FileManager.default.contents(atPath: path(name)) else {
                throw FormatError("cannot read the file", file: "geodata/\(name)")
            }
            return [UInt8](data)
        }
        guard let rates = try bytes("rates-2021.csv") else { return }
        let table = try CompensationUseCases.importRates(rates, file: "geodata/rates-2021.csv", name: Self.rateTableName, store: store)
        for id in projects { try CompensationUseCases.setProjectRates(projectID: id, name: table.name, store: store) }
        step("imported rate table \(table.name) from geodata/rates-2021.csv for \(projects.count) projects")
        if let inventory = try bytes("inventory-2021.csv") {
            let lines = try CompensationUseCases.importInventory(inventory, file: "geodata/inventory-2021.csv", store: store)
            step("imported \(lines.count) inventory lines from geodata/inventory-2021.csv")
        }
        for (kind, name) in [(MoneyRecordKind.agreement, "agreements-2021.csv"), (.payment, "payments-2021.csv")] {
            guard let file = try bytes(name) else { continue }
            let out = try CompensationUseCases.importCSV(
                file, file: "geodata/\(name)", kind: kind, defaultBy: nil, store: store, logger: logger)
            let moved = out.filter { $0.event != nil }.count
            step(
                "recorded \(out.count) \(kind == .agreement ? "agreements" : "payments") from geodata/\(name)\(moved > 0 ? ", \(moved) stage moves" : "")"
            )
        }
    }

    /// The name the demo gives the sample's rate table.
    public static let rateTableName = "2021标准"

    /// Runs the year into `store` (a new, empty database in the manifest's CRS) and writes the
    /// report files into `outputDirectory`.
    /// - Parameter step: called after each phase with a line for people, e.g. "imported 15000 parcels from …".
    public func run(into store: any LandStore, outputDirectory: URL, step: (String) -> Void) throws -> Result {
        let fm = FileManager.default
        let manifest = try manifest()
        let crs = store.storageCRS
        let importer = try FeatureImporter(storageCRS: crs)
        for (layer, file) in [
            (FeatureLayer.parcels, "parcels.geojson"), (.buildings, "buildings.geojson"), (.utilities, "utilities.geojson"),
        ] {
            let s = try importer.run(path(file), layer: layer, options: ImportOptions(), into: store)
            step(
                "imported \(s.inserted) \(layer.rawValue) from geodata/\(file)\(s.repaired.isEmpty ? "" : ", \(s.repaired.count) repaired")"
            )
        }
        let surveyDir = geodata.appendingPathComponent("survey")
        for name in ((try? fm.contentsOfDirectory(atPath: surveyDir.path)) ?? []).sorted() where name.hasSuffix(".txt") {
            let s = try importer.validate(surveyDir.appendingPathComponent(name).path, layer: .parcels, options: ImportOptions())
            let warnings = s.diagnostics.filter { $0.severity == .warning }.count
            step(
                "checked survey file geodata/survey/\(name): \(s.read) parcel(s) in \(s.sourceCRS?.description ?? "?"), \(s.errors.count) errors, \(warnings) warnings"
            )
        }
        let zones = try ZoneReader(storageCRS: crs)
        // The red lines were approved before the year's work began.
        let approved = try Timestamps.parseInput("2021-01-01T00:00:00+08:00", timeZone: Timestamps.defaultTimeZone)
        for p in manifest.projects {
            guard let kind = ProjectKind(rawValue: p.kind) else {
                throw FormatError("project \(p.id) has unknown kind \(p.kind)", file: "geodata/projects.json")
            }
            try ProjectUseCases.add(store: store, Project(id: p.id, name: p.name, kind: kind, due: p.due.flatMap(LocalDate.init)))
            for z in p.zones {
                let shape: ZoneReader.Shape = z.width_m.map { .centerline(widthMetres: $0) } ?? .polygon
                guard let file = z.centerline ?? z.polygon else {
                    throw FormatError("zone \(z.id) has no file", file: "geodata/projects.json")
                }
                let (zone, _) = try zones.read(path(file), shape: shape, projectID: p.id, zoneID: z.id, name: z.name, crs: nil)
                try ProjectUseCases.revise(store: store, .add(zone), at: approved, by: "规划组", note: nil, logger: logger)
            }
        }
        step("added \(manifest.projects.count) projects and their red lines")
        let run = try OverlapUseCases.compute(
            store: store, projectID: nil, configuration: OverlapEngine.Configuration(threads: max(1, threads)), logger: logger)
        step("computed overlaps for \(run.summary.projectsComputed.count) projects (\(run.summary.parcelsExamined) parcel checks)")
        let eventsFile = "geodata/events-2021.csv"
        guard let events = fm.contents(atPath: path("events-2021.csv")) else { throw FormatError("cannot read the file", file: eventsFile) }
        let applied = try StatusUseCases.importCSV(
            [UInt8](events), file: eventsFile, defaultBy: nil, dryRun: false, store: store, logger: logger)
        step("applied \(applied.applied) status events of 2021 from \(eventsFile)")
        try money(into: store, projects: manifest.projects.map(\.id), step: step)
        let mismatches = try store.read { try Workflow.verify($0) }
        guard mismatches.isEmpty else {
            throw WorkflowError(.inconsistent, "\(mismatches.count) items disagree with their events")
        }

        let asOf = LocalDate(year: 2021, month: 12, day: 31), since = LocalDate(year: 2021, month: 11, day: 30)
        let report = try ReportUseCases.report(store: store, asOf: asOf, since: since, projectID: nil, unmasked: false, logger: logger)
        func write(_ name: String, _ text: String) throws -> String {
            let p = outputDirectory.appendingPathComponent(name).relativePath
            guard fm.createFile(atPath: p, contents: Data(text.utf8)) else { throw FormatError("cannot write the file", file: p) }
            return p
        }
        var written = [
            try write("report.md", ReportFormatter.markdown(report, lang: .zh)),
            try write("report.json", try ReportFormatter.json(report, lang: .zh)),
        ]
        let maps = try ReportUseCases.maps(for: report, store: store, asOf: report.asOf, standalone: true)
        written.append(try write("report.html", HTMLDashboard.render(report, maps: maps.mapValues(\.embedded))))
        let mapsDir = outputDirectory.appendingPathComponent("maps")
        try fm.createDirectory(at: mapsDir, withIntermediateDirectories: true)
        for (id, map) in maps.sorted(by: { $0.key < $1.key }) {
            guard let svg = map.standalone else { continue }
            _ = try write("maps/\(id).svg", svg)
        }
        written.append(mapsDir.relativePath + "/ (\(report.projects.count) SVG maps)")
        return Result(report: report, written: written)
    }
}
