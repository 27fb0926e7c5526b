import ArgumentParser
import Foundation
import LandKit

extension ProjectKind: ExpressibleByArgument {}

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project", abstract: "Add, list and edit projects.",
        subcommands: [Add.self, List.self, Edit.self])

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
            guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw ValidationError("project id \"\(id)\" may only hold letters, digits, '-' and '_'")
            }
            let dueDate = try due.map { text -> LocalDate in
                guard let d = LocalDate(text) else { throw ValidationError("due date \"\(text)\" is not YYYY-MM-DD") }
                return d
            }
            let store = try database.open()
            try store.write { try $0.add(Project(id: id, name: name, kind: kind, due: dueDate)) }
            Output.out("added project \(id) (\(name), \(kind.rawValue)\(dueDate.map { ", due \($0)" } ?? ""))")
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
        }

        func run() throws {
            let store = try database.openForReading()
            let rows = try store.read { s in
                try s.projects().map { p in
                    Row(id: p.id, name: p.name, kind: p.kind.rawValue, due: p.due?.description, zones: try s.zones(projectID: p.id).count)
                }
            }
            switch format {
            case .json: Output.out(try Output.json(rows))
            case .text:
                Output.out(
                    TextTable.render(
                        [["id", "name", "kind", "due", "zones"]] + rows.map { [$0.id, $0.name, $0.kind, $0.due ?? "-", "\($0.zones)"] },
                        numeric: [4]))
            }
        }
    }
}

struct ZoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zone", abstract: "Add and list project zones (red lines).",
        subcommands: [Add.self, List.self])

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

        func run() throws {
            let store = try database.open()
            let reader = try ZoneReader(storageCRS: store.storageCRS)
            let file = polygon ?? centerline ?? ""
            let shape: ZoneReader.Shape = width.map { .centerline(widthMetres: $0) } ?? .polygon
            let (zone, warnings) = try reader.read(
                file, shape: shape, projectID: project, zoneID: zoneID, name: name, crs: try crs.map { try CRS(parsing: $0) })
            for w in warnings { Output.err(w.description) }
            let geometry = zone.geometry
            try store.write { try $0.add(zone) }
            let area = PlanarArea.of(geometry)
            Output.out(
                String(
                    format: "added zone %@ to %@: %.1f m² (%.2f mu) planar%@", zoneID, project, area, AreaUnit.mu(squareMetres: area),
                    width.map { String(format: ", %.0f m corridor", $0) } ?? ""))
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
