import ArgumentParser
import Foundation
import LandKit

extension ProjectKind: ExpressibleByArgument {}

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project", abstract: "Add, edit, close and list projects.",
        subcommands: [Add.self, Edit.self, Close.self, Reopen.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a project.",
            discussion: Help.text(
                """
                Kinds: road, rail-area, facility, clearance-zone, industrial-zone, utility-relocation, resettlement-site.

                Example:
                  landkit project add x-ave-ext --name X大道延长线 --kind road --due 2022-06-30
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Project id (letters, digits, '-' and '_').") var id: String
        @Option(help: "Project name, e.g. X大道延长线.") var name: String
        @Option(help: "Project kind.") var kind: ProjectKind
        @Option(help: ArgumentHelp("Due date.", valueName: "YYYY-MM-DD")) var due: String?

        func run() throws {
            let dueDate = try due.map { text -> LocalDate in
                guard let d = LocalDate(text) else { throw ValidationError("due date \"\(text)\" is not YYYY-MM-DD") }
                return d
            }
            try ProjectUseCases.add(store: try database.open(), Project(id: id, name: name, kind: kind, due: dueDate))
            Output.out("added project \(id) (\(name), \(kind.rawValue)\(dueDate.map { ", due \($0)" } ?? ""))")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a project's name, kind, due date (recorded as an event) or the rate table it uses.",
            discussion:
                "Examples:\n  landkit project edit x-ave-ext --due 2022-09-30 --note 工期调整\n  landkit project edit x-ave-ext --rates 2021标准")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The project.") var id: String
        @Option(help: "New name.") var name: String?
        @Option(help: "New kind.") var kind: ProjectKind?
        @Option(help: ArgumentHelp("New due date, or \"none\" to clear it.", valueName: "YYYY-MM-DD")) var due: String?
        @Option(help: ArgumentHelp("The rate table the project's compensation is estimated by.", valueName: "NAME")) var rates: String?
        @Option(help: "Team or person making the change.") var by: String?
        @Option(help: "Why.") var note: String?

        func run() throws {
            let dueChange = try due.map { text -> LocalDate? in
                if text == "none" { return nil }
                guard let d = LocalDate(text) else { throw ValidationError("due date \"\(text)\" is not YYYY-MM-DD (or none)") }
                return d
            }
            guard name != nil || kind != nil || due != nil || rates != nil else {
                throw ValidationError("nothing to change: give --name, --kind, --due or --rates")
            }
            let p = try ProjectUseCases.edit(
                store: try database.open(), projectID: id, .init(name: name, kind: kind, due: dueChange, rates: rates), by: by, note: note)
            Output.out(
                "project \(p.id): \(p.name), \(p.kind.rawValue)\(p.due.map { ", due \($0)" } ?? ", no due date")"
                    + (rates.map { ", rate table \($0)" } ?? ""))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a finished or cancelled project: it leaves current reports and stays in history and as-of reports.",
            discussion: "Example:\n  landkit project close hsr-sewage --note 已移交施工单位")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The project.") var id: String
        @Option(help: "Team or person closing it.") var by: String?
        @Option(help: "Why.") var note: String?
        @Option(help: ArgumentHelp("When: ISO 8601 or YYYY-MM-DD (default: now).", valueName: "DATETIME")) var at: String?

        func run() throws {
            let store = try database.open()
            var instant: Date?
            if let at {
                let tz = try store.read { try $0.timeZone() }
                do { instant = try Timestamps.parseInput(at, timeZone: tz) } catch { throw ValidationError("--at: \(error.message)") }
            }
            let p = try ProjectUseCases.close(store: store, projectID: id, at: instant, by: by, note: note)
            Output.out(
                "closed project \(p.id) at \(p.closedAt.map { Timestamps.display($0) } ?? "-"); `report --include-closed` still shows it")
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reopen a closed project.", discussion: "Example:\n  landkit project reopen hsr-sewage --note 补充征收")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The project.") var id: String
        @Option(help: "Team or person reopening it.") var by: String?
        @Option(help: "Why.") var note: String?

        func run() throws {
            let p = try ProjectUseCases.reopen(store: try database.open(), projectID: id, by: by, note: note)
            Output.out("reopened project \(p.id)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List projects.", discussion: "Example:\n  landkit project list --format json")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Output format: text or json.") var format: ListFormat = .text

        struct Row: Encodable {
            var id: String
            var name: String
            var kind: String
            var due: String?
            var zones: Int
            var red_line_revision: Int
            var closed_at: String?
        }

        func run() throws {
            let store = try database.openForReading()
            let rows = try store.read { s in
                try s.projects().map { p in
                    Row(
                        id: p.id, name: p.name, kind: p.kind.rawValue, due: p.due?.description, zones: try s.zones(projectID: p.id).count,
                        red_line_revision: p.redLineRevision, closed_at: p.closedAt.map { Timestamps.utc($0) })
                }
            }
            switch format {
            case .json: Output.out(try Output.json(rows))
            case .text:
                Output.out(
                    TextTable.render(
                        [["id", "name", "kind", "due", "zones", "revision", "closed"]]
                            + rows.map {
                                [
                                    $0.id, $0.name, $0.kind, $0.due ?? "-", "\($0.zones)", "\($0.red_line_revision)",
                                    $0.closed_at == nil ? "" : "closed",
                                ]
                            },
                        numeric: [4, 5]))
            }
        }
    }
}

struct ZoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zone", abstract: "Add, revise, remove and list project zones (red lines).",
        discussion: Help.text(
            """
            Every change is recorded with who made it and kept as a red-line revision: reports and maps as of an earlier
            date use the red line of that date. The next `landkit overlaps` says what a revision did.
            """),
        subcommands: [Add.self, Replace.self, Remove.self, List.self])

    /// The red line's shape: a polygon file, or a centerline and a width.
    struct ShapeOptions: ParsableArguments {
        @Option(help: ArgumentHelp("A file with the red-line polygon(s).", valueName: "FILE")) var polygon: String?
        @Option(help: ArgumentHelp("A file with the centerline.", valueName: "FILE")) var centerline: String?
        @Option(help: ArgumentHelp("Corridor width in metres (with --centerline).", valueName: "METRES")) var width: Double?
        @Option(help: "Zone name.") var name: String?
        @Option(help: ArgumentHelp("CRS of the file's coordinates.", valueName: "CRS")) var crs: String?

        func validate() throws {
            guard (polygon == nil) != (centerline == nil) else {
                throw ValidationError("give either --polygon FILE or --centerline FILE --width METRES")
            }
            if centerline != nil {
                guard let width, width > 0, width.isFinite else {
                    throw ValidationError("--centerline needs --width METRES (a positive number)")
                }
            } else if width != nil {
                throw ValidationError("--width goes with --centerline")
            }
        }

        /// Reads the zone from its file, printing the reader's warnings.
        func zone(project: String, zoneID: String, store: any LandStore) throws -> Zone {
            let reader = try ZoneReader(storageCRS: store.storageCRS)
            let shape: ZoneReader.Shape = width.map { .centerline(widthMetres: $0) } ?? .polygon
            let (zone, warnings) = try reader.read(
                polygon ?? centerline ?? "", shape: shape, projectID: project, zoneID: zoneID, name: name,
                crs: try crs.map { try CRS(parsing: $0) })
            for w in warnings { Output.err(w.description) }
            return zone
        }

        /// "123.4 m² (0.19 mu), 80 m corridor": the zone's ellipsoidal area, as `overlaps` and `zone list` give it.
        func describe(_ zone: Zone, crs: CRS) throws -> String {
            let area = try AreaCalculator(crs: crs).ellipsoidalArea(zone.geometry)
            return String(format: "%.1f m² (%.2f mu) ellipsoidal", area, AreaUnit.mu(squareMetres: area))
                + (width.map { String(format: ", %.0f m corridor", $0) } ?? "")
        }
    }

    /// Who, why and when, for a red-line change.
    struct ChangeOptions: ParsableArguments {
        @Option(help: "Team or person making the change.") var by: String?
        @Option(help: ArgumentHelp("When the change takes effect: ISO 8601 or YYYY-MM-DD (default: now).", valueName: "DATETIME"))
        var at: String?

        func instant(store: any LandStore) throws -> Date? {
            guard let at else { return nil }
            let tz = try store.read { try $0.timeZone() }
            do { return try Timestamps.parseInput(at, timeZone: tz) } catch { throw ValidationError("--at: \(error.message)") }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a red-line zone to a project, from a polygon file or a centerline and a width.",
            discussion: Help.text(
                """
                A centerline zone is the line buffered by half the width on each side, with flat ends. Polygons are validated
                and repaired (MakeValid, STRUCTURE) like parcels. All features of the file form the zone.

                Examples:
                  landkit zone add airport-clearance Z1 --polygon clearance.geojson
                  landkit zone add x-ave-ext Z1 --centerline axis.geojson --width 80 --name 主线
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The project.") var project: String
        @Argument(help: "Zone id within the project.") var zoneID: String
        @OptionGroup var shape: ShapeOptions
        @OptionGroup var change: ChangeOptions
        @Option(help: "Why (recorded with the change).") var note: String?

        func run() throws {
            let store = try database.open()
            let zone = try shape.zone(project: project, zoneID: zoneID, store: store)
            try ProjectUseCases.revise(
                store: store, .add(zone), at: try change.instant(store: store), by: change.by, note: note, logger: database.logger())
            Output.out("added zone \(zoneID) to \(project): " + (try shape.describe(zone, crs: store.storageCRS)))
        }
    }

    struct Replace: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revise a zone's red line (红线调整): replace its polygon, keeping the old one in the history; needs a --note.",
            discussion: Help.text(
                """
                The red line before the change, and the figures computed against it, are kept: reports and maps as of an
                earlier date still use them. Run `landkit overlaps` next: it says which parcels were added, removed or
                changed (Δ mu) and which households became inside, edge or outside.

                Example:
                  landkit zone replace x-ave-ext Z1 --centerline axis-v2.geojson --width 80 --note 规划局2022-03批复红线调整
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The project.") var project: String
        @Argument(help: "Zone id within the project.") var zoneID: String
        @OptionGroup var shape: ShapeOptions
        @OptionGroup var change: ChangeOptions
        @Option(help: "Why the red line changed (required).") var note: String

        func run() throws {
            let store = try database.open()
            let zone = try shape.zone(project: project, zoneID: zoneID, store: store)
            let c = try ProjectUseCases.revise(
                store: store, .replace(zone), at: try change.instant(store: store), by: change.by, note: note, logger: database.logger())
            Output.out(
                "revised zone \(zoneID) of \(project) (red-line revision \(c.revision)): "
                    + (try shape.describe(zone, crs: store.storageCRS))
                    + "; run `landkit overlaps` to see what it changed")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a zone from a project's red line, keeping it in the history; needs a --note.",
            discussion: "Example:\n  landkit zone remove x-ave-ext Z2 --note 二期取消")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The project.") var project: String
        @Argument(help: "Zone id within the project.") var zoneID: String
        @OptionGroup var change: ChangeOptions
        @Option(help: "Why (required).") var note: String

        func run() throws {
            let store = try database.open()
            let c = try ProjectUseCases.revise(
                store: store, .remove(projectID: project, zoneID: zoneID), at: try change.instant(store: store), by: change.by,
                note: note, logger: database.logger())
            Output.out(
                "removed zone \(zoneID) from \(project) (red-line revision \(c.revision)); run `landkit overlaps` to see what it changed")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List zones, of one project or all.", discussion: "Example:\n  landkit zone list x-ave-ext")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Only this project.") var project: String?
        @Option(help: "Output format: text or json.") var format: ListFormat = .text

        struct Row: Encodable {
            var project: String
            var id: String
            var name: String?
            var source: String
            var width_m: Double?
            var area_m2: Double
            var area_mu: Double
            var repaired: String?
        }

        func run() throws {
            let store = try database.openForReading()
            let calc = try AreaCalculator(crs: store.storageCRS)
            let rows = try store.read { s in
                if let project, try s.project(id: project) == nil { throw CLIError("no project \(project): see `landkit project list`") }
                return try s.zones(projectID: project).map { z -> Row in
                    var source = "polygon"
                    var width: Double?
                    if case .centerline(_, let w) = z.source {
                        source = "centerline"
                        width = w
                    }
                    let a = try calc.ellipsoidalArea(z.geometry)
                    return Row(
                        project: z.projectID, id: z.id, name: z.name, source: source, width_m: width, area_m2: a,
                        area_mu: AreaUnit.mu(squareMetres: a), repaired: z.repaired)
                }
            }
            switch format {
            case .json: Output.out(try Output.json(rows))
            case .text:
                Output.out(
                    TextTable.render(
                        [["project", "zone", "name", "source", "width m", "area mu"]]
                            + rows.map {
                                [
                                    $0.project, $0.id, $0.name ?? "", $0.source, $0.width_m.map { String(format: "%.0f", $0) } ?? "",
                                    String(format: "%.2f", $0.area_mu),
                                ]
                            }, numeric: [4, 5]))
            }
        }
    }
}
