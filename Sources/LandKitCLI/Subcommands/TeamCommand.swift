import ArgumentParser
import Foundation
import LandKit

struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "Add and list field teams (拆迁组, 包村干部).", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a team. Events recorded for its items name it (拆迁一组/张三).",
            discussion: "Example:\n  landkit team add t1 --name 拆迁一组 --contact 王建国")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Team id (letters, digits, '-' and '_').") var id: String
        @Option(help: "Its name, e.g. 拆迁一组.") var name: String
        @Option(help: "Contact person (masked in lists unless --unmasked).") var contact: String?

        func run() throws {
            try TeamUseCases.addTeam(store: try database.open(), Team(id: id, name: name, contact: contact))
            Output.out("added team \(id) (\(name))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List teams.", discussion: "Example:\n  landkit team list")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Output format: text or json.") var format: ListFormat = .text
        @Flag(help: "Show contacts in full.") var unmasked = false

        struct Row: Encodable {
            var id: String
            var name: String
            var contact: String?
        }

        func run() throws {
            let teams = try database.openForReading().read { try $0.teams() }
            let rows = teams.map { Row(id: $0.id, name: $0.name, contact: unmasked ? $0.contact : PersonalData.maskName($0.contact)) }
            switch format {
            case .json: Output.out(try Output.json(rows))
            case .text: Output.out(TextTable.render([["id", "name", "contact"]] + rows.map { [$0.id, $0.name, $0.contact ?? ""] }))
            }
        }
    }
}

struct SectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "section", abstract: "Add and list project sections (标段).", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a section to a project, by a polygon or by naming its parcels.",
            discussion: Help.text(
                """
                Items belong to the section holding the largest share of their overlap (area for parcels and houses, length
                for lines). Parcels named with --parcels belong to that section whatever the polygons say.

                Examples:
                  landkit section add x-ave-ext S1 --name 一标段 --polygon s1.geojson
                  landkit section add x-ave-ext S2 --name 二标段 --parcels DK-01146,DK-01147
                """))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The project.") var project: String
        @Argument(help: "Section id.") var id: String
        @Option(help: "Its name, e.g. 一标段.") var name: String
        @Option(help: ArgumentHelp("A file with the section's polygon(s).", valueName: "FILE")) var polygon: String?
        @Option(help: ArgumentHelp("Its parcels, comma separated.", valueName: "IDS")) var parcels: String?
        @Option(help: ArgumentHelp("CRS of the polygon file's coordinates.", valueName: "CRS")) var crs: String?

        func validate() throws {
            guard (polygon == nil) != (parcels == nil) else { throw ValidationError("give either --polygon FILE or --parcels IDS") }
        }

        func run() throws {
            let store = try database.open()
            let extent: Section.Extent
            if let polygon {
                let (zone, warnings) = try ZoneReader(storageCRS: store.storageCRS).read(
                    polygon, shape: .polygon, projectID: project, zoneID: id, name: name, crs: try crs.map { try CRS(parsing: $0) })
                for w in warnings { Output.err(w.description) }
                extent = .polygon(zone.geometry)
            } else {
                let ids = (parcels ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard !ids.isEmpty else { throw ValidationError("--parcels names no parcel") }
                extent = .parcels(ids)
            }
            try TeamUseCases.addSection(store: store, Section(id: id, projectID: project, name: name, extent: extent))
            Output.out("added section \(id) (\(name)) to \(project)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List sections with their item counts.", discussion: "Example:\n  landkit section list x-ave-ext")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The project.") var project: String

        func run() throws {
            let store = try database.openForReading()
            let work = try TeamUseCases.workList(store: store, projectID: project, team: nil, open: false, blocked: false)
            let sections = try store.read { try $0.sections(projectID: project) }
            var rows = [["section", "name", "parcels", "mu", "households", "utilities"]]
            for s in sections + [nil] as [Section?] {
                let mine = work.filter { $0.section?.id == s?.id && !$0.item.outOfZone }
                if s == nil && mine.isEmpty { continue }
                let mu = AreaUnit.mu(squareMetres: mine.reduce(0) { $0 + $1.item.overlapSquareMetres })
                rows.append([
                    s?.id ?? "-", s?.name ?? "(no section)", "\(mine.filter { $0.item.entity == .parcel }.count)",
                    String(format: "%.2f", mu),
                    "\(mine.filter { $0.item.entity == .household }.count)", "\(mine.filter { $0.item.entity == .utility }.count)",
                ])
            }
            Output.out(TextTable.render(rows, numeric: [2, 3, 4, 5]))
        }
    }
}

struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign items of a project to a team: by ids, by section or by village.",
        discussion: Help.text(
            """
            A later assignment replaces an earlier one; both are kept. Events recorded for an assigned item name its team.

            Examples:
              landkit assign parcel DK-01146 DK-01147 --project x-ave-ext --team t1
              landkit assign --section S1 --project x-ave-ext --team 拆迁一组
              landkit assign --village 高屋村 --project hsr-abc --team t2
            """))
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "parcel, household or utility (with ids).") var entity: EntityKind?
    @Argument(help: "Item ids.") var ids: [String] = []
    @Option(help: "The project.") var project: String
    @Option(help: "The team (id or name).") var team: String
    @Option(help: "Every item of this section.") var section: String?
    @Option(help: "Every item whose feature lies in this village (村).") var village: String?
    @Option(help: "Team or person making the assignment.") var by: String?

    func validate() throws {
        let given = [entity != nil, section != nil, village != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("give an entity and ids, or --section S, or --village V") }
        if entity != nil && ids.isEmpty { throw ValidationError("name the ids to assign") }
    }

    func run() throws {
        let selection: TeamUseCases.Selection
        if let entity {
            selection = .ids(entity, ids)
        } else if let section {
            selection = .section(section)
        } else {
            selection = .village(village ?? "")
        }
        let n = try TeamUseCases.assign(store: try database.open(), selection, projectID: project, team: team, by: by)
        Output.out("assigned \(n) item(s) of \(project) to \(team)")
    }
}

struct ItemsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "items", abstract: "A team's work list: items with their stage, blocked since, next stage, team and section.",
        discussion: Help.text(
            """
            Open items have work left: inside the red line, not at their last stage, not deferred. Items that left the red
            line after progress are listed until closed (`landkit status close`).

            Examples:
              landkit items --team 拆迁一组 --open
              landkit items --project x-ave-ext --blocked --format csv
            """))
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only this project (default: every open project).") var project: String?
    @Option(help: "Only this team's items (id or name).") var team: String?
    @Flag(help: "Only items with work left.") var open = false
    @Flag(help: "Only blocked items.") var blocked = false
    @Option(help: "Output format: table, csv or json.") var format: TableFormat = .table
    @Flag(inversion: .prefixedNo, help: "Start CSV with a UTF-8 byte-order mark (Excel on Windows reads Chinese text then).")
    var bom = true

    func run() throws {
        let work = try TeamUseCases.workList(
            store: try database.openForReading(), projectID: project, team: team, open: open, blocked: blocked)
        let rows = work.map(WorkListRow.init)
        switch format {
        case .json: Output.out(try Output.json(rows))
        case .csv:
            let header =
                "project,entity,id,label,stage,stage_zh,next_stage,blocked_reason,blocked_since,deferred,out_of_zone,team,section,overlap_mu"
            let lines = rows.map { r in
                [
                    r.project, r.entity, r.id, r.label ?? "", r.stage, r.stage_zh, r.next_stage ?? "", r.blocked_reason ?? "",
                    r.blocked_since ?? "", "\(r.deferred)", "\(r.out_of_zone)", r.team ?? "", r.section ?? "",
                    r.overlap_mu.map { String(format: "%.4f", $0) } ?? "",
                ].map(OutputSafety.csvCell).joined(separator: ",")
            }
            Output.out(Output.csv(([header] + lines).joined(separator: "\n"), bom: bom))
        case .table:
            var table = [["project", "item", "where", "stage", "next", "blocked since", "team", "section", "mu"]]
            for r in rows {
                table.append([
                    r.project, "\(r.entity) \(r.id)", r.label ?? "",
                    r.stage_zh + (r.out_of_zone ? " (out of zone)" : r.deferred ? " (暂缓)" : ""),
                    r.next_stage ?? "-", r.blocked_since.map { "\($0) \(r.blocked_reason ?? "")" } ?? "", r.team ?? "", r.section ?? "",
                    r.overlap_mu.map { String(format: "%.2f", $0) } ?? "",
                ])
            }
            Output.out(TextTable.render(table, numeric: [8]) + "\n\(rows.count) item(s)")
        }
    }
}
