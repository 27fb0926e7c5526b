import ArgumentParser
import Foundation
import LandKit

extension EntityKind: ExpressibleByArgument {}
extension BlockReason: ExpressibleByArgument {}

/// Options every single-item status command shares.
struct ItemOptions: ParsableArguments {
    @Argument(help: "parcel, household or utility.") var entity: EntityKind
    @Argument(help: "One or more ids (all or nothing).") var ids: [String]
    @Option(help: "The project.") var project: String
    @Option(help: "Team or person recording the change.") var by: String?
    @Option(help: "Free text: why, what was agreed, …") var note: String?
    @Option(help: ArgumentHelp("When it happened: ISO 8601 or YYYY-MM-DD (default: now).", valueName: "DATETIME")) var at: String?
}

/// Applies updates to several ids in one transaction and prints what was recorded.
func applyUpdates(_ updates: [StatusUpdate], database: DatabaseOptions) throws {
    let store = try database.open()
    let events = try store.write { s -> [Event] in
        let tz = try s.timeZone()
        let workflow = Workflow(timeZone: tz)
        var out: [Event] = []
        for u in updates {
            if case .applied(let e) = try workflow.apply(u, in: s) { out.append(e) }
        }
        return out
    }
    for e in events {
        var line = "\(e.entity.rawValue) \(e.entityID) in \(e.projectID ?? "-"): "
        switch e.action {
        case .set: line += "\(e.from ?? "?") → \(e.to ?? "?")\(e.forced ? " (forced correction)" : "")"
        case .block: line += "blocked (\(e.reason ?? ""))"
        case .unblock: line += "unblocked"
        case .defer_: line += "deferred (no construction impact)"
        default: line += e.action.rawValue
        }
        Output.out(line + " at \(Timestamps.display(e.at))")
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Record progress of parcels, households and utilities in a project.",
        discussion: """
            Stages — parcel: pending → surveyed → inventoried → agreed → compensated → cleared → handed-over;
            household: pending → inventoried → agreed → vacated → demolished; utility: pending → designed → relocating → relocated.
            Every change is an event that is never edited or deleted.
            """,
        subcommands: [Set.self, Block.self, Unblock.self, Defer.self, Import.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move items to a stage (forward one stage; --force with a --note to skip or go back).",
            discussion: "Example:\n  landkit status set parcel DK-00012 DK-00013 --project x-ave-ext --to surveyed --by 拆迁一组")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var item: ItemOptions
        @Option(help: "The stage to move to.") var to: String
        @Flag(help: "Allow skipping stages or moving back (a correction; needs --note).") var force = false

        func run() throws {
            try applyUpdates(
                item.ids.map {
                    StatusUpdate(
                        entity: item.entity, id: $0, projectID: item.project, action: .set, stage: to, note: item.note, by: item.by,
                        at: item.at, force: force)
                }, database: database)
        }
    }

    struct Block: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark items blocked (受阻) with a reason, until unblocked.",
            discussion: "Example:\n  landkit status block utility SUB-MF --project x-ave --reason contractor --note 棉丰变电站")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var item: ItemOptions
        @Option(help: "contractor, dispute, approval, funding, design or other.") var reason: BlockReason

        func run() throws {
            try applyUpdates(
                item.ids.map {
                    StatusUpdate(
                        entity: item.entity, id: $0, projectID: item.project, action: .block, reason: reason.rawValue, note: item.note,
                        by: item.by, at: item.at)
                }, database: database)
        }
    }

    struct Unblock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Clear a block.", discussion: "Example:\n  landkit status unblock utility SUB-MF --project x-ave --note 施工方已进场")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var item: ItemOptions

        func run() throws {
            try applyUpdates(
                item.ids.map {
                    StatusUpdate(
                        entity: item.entity, id: $0, projectID: item.project, action: .unblock, note: item.note, by: item.by, at: item.at)
                }, database: database)
        }
    }

    struct Defer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Defer items with no construction impact (暂缓, 不影响施工); needs a --note.",
            discussion: "Example:\n  landkit status defer household H-0003 --project x-ave-ext --note 边线户，不影响施工")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var item: ItemOptions

        func run() throws {
            try applyUpdates(
                item.ids.map {
                    StatusUpdate(
                        entity: item.entity, id: $0, projectID: item.project, action: .defer_, note: item.note, by: item.by, at: item.at)
                }, database: database)
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply a status CSV (entity,id,project,action,stage,reason,note,by,at) in one transaction.",
            discussion: """
                The whole file is checked first and every bad row reported with its line number; nothing is applied unless
                every row is good. Rows whose effect is already recorded are skipped, so re-importing a file changes nothing.
                Chinese headers (类型,编号,项目,操作,阶段,原因,备注,记录人,时间) and GBK files are accepted.

                Example:
                  landkit status import 2021-12-31.csv --by 拆迁一组
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Check every row and report; write nothing.") var dryRun = false
        @Option(help: "Team recorded where the by column is empty.") var by: String?

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot read the file") }
            let (rows, diags) = try StatusCSV.read([UInt8](data), file: file, defaultBy: by)
            let store = try database.open()
            struct DryRun: Error { var summary: StatusCSV.Summary }
            var summary: StatusCSV.Summary
            do {
                summary = try store.write { s in
                    let workflow = Workflow(timeZone: try s.timeZone(), skipRecorded: true)
                    let result = try StatusCSV.apply(rows, diagnostics: diags, file: file, workflow: workflow, in: s)
                    if dryRun { throw DryRun(summary: result) }
                    return result
                }
            } catch let d as DryRun {
                summary = d.summary
                summary.dryRun = true
            }
            for d in summary.diagnostics { Output.err(d.description) }
            let verb = summary.dryRun ? "would apply" : "applied"
            Output.out(
                "\(file): \(summary.rows) rows, \(verb) \(summary.applied), skipped \(summary.skipped.count) already recorded\(summary.dryRun ? " (dry run: nothing written)" : "")"
            )
        }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show an item's timeline: who, when, what, why.",
        discussion: "Example:\n  landkit history household H-0003 --project x-ave-ext")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "parcel, household or utility.") var entity: EntityKind
    @Argument(help: "The id.") var id: String
    @Option(help: "Only this project.") var project: String?
    @Option(help: "Output format: text or json.") var format: ListFormat = .text

    struct Row: Encodable {
        var seq: Int64
        var at: String
        var recorded_at: String
        var by: String?
        var project: String?
        var action: String
        var from: String?
        var to: String?
        var reason: String?
        var note: String?
        var forced: Bool
    }

    func run() throws {
        let store = try database.open()
        let (events, tz) = try store.read { s -> ([Event], String) in
            guard try s.featureExists(entity, id: id) else { throw CLIError("unknown \(entity.rawValue) id \(id)") }
            return (try s.events(entity: entity, id: id, projectID: project), try s.timeZone())
        }
        switch format {
        case .json:
            Output.out(
                try Output.json(
                    events.map {
                        Row(
                            seq: $0.seq, at: $0.at, recorded_at: $0.recordedAt, by: $0.by, project: $0.projectID,
                            action: $0.action.rawValue, from: $0.from,
                            to: $0.to, reason: $0.reason, note: $0.note, forced: $0.forced)
                    }))
        case .text:
            if events.isEmpty {
                Output.out("\(entity.rawValue) \(id): no recorded changes")
                return
            }
            var rows = [["when", "project", "by", "what", "note"]]
            for e in events {
                var what: String
                switch e.action {
                case .set: what = "\(e.from ?? "?") → \(e.to ?? "?")\(e.forced ? " (forced)" : "")"
                case .block: what = "blocked: \(e.reason.flatMap(BlockReason.init(rawValue:)).map { "\($0.rawValue) \($0.zh)" } ?? "")"
                case .defer_: what = "deferred (不影响施工)"
                default: what = e.action.rawValue
                }
                rows.append([Timestamps.display(e.at, timeZone: tz), e.projectID ?? "-", e.by ?? "", what, e.note ?? ""])
            }
            Output.out(TextTable.render(rows))
        }
    }
}
