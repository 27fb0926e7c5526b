import ArgumentParser
import Foundation
import LandKit

extension EntityKind: ExpressibleByArgument {}
extension BlockReason: ExpressibleByArgument {
    /// A code or the Chinese name (资金原因).
    public init?(argument: String) { self.init(parsing: argument) }
}

/// Options every single-item status command shares.
struct ItemOptions: ParsableArguments {
    @Argument(help: "parcel, household or utility.") var entity: EntityKind
    @Argument(help: "One or more ids (all or nothing).") var ids: [String]
    @Option(help: "The project.") var project: String
    @Option(help: "Team or person recording the change.") var by: String?
    @Option(help: "Free text: why, what was agreed, …") var note: String?
    @Option(help: ArgumentHelp("When it happened: ISO 8601 or YYYY-MM-DD (default: now).", valueName: "DATETIME")) var at: String?

    /// One update per id, checked at the edge (stage, reason and time), in the database's time zone.
    func updates(_ action: EventAction, stage: String? = nil, reason: String? = nil, force: Bool = false, store: any LandStore) throws
        -> [StatusUpdate]
    {
        let timeZone = try store.read { try $0.timeZone() }
        return try ids.map {
            try StatusUpdate.parsing(
                entity: entity, id: $0, projectID: project, action: action, stage: stage, reason: reason, force: force, note: note, by: by,
                at: at, timeZone: timeZone)
        }
    }
}

/// Applies updates to several ids in one transaction and prints what was recorded.
func applyUpdates(
    _ action: EventAction, _ item: ItemOptions, stage: String? = nil, reason: String? = nil, force: Bool = false,
    database: DatabaseOptions
) throws {
    let store = try database.open()
    let updates = try item.updates(action, stage: stage, reason: reason, force: force, store: store)
    let events = try StatusUseCases.apply(updates, store: store, logger: database.logger())
    for e in events {
        var line = "\(e.entity.rawValue) \(e.entityID) in \(e.projectID ?? "-"): "
        switch e.action {
        case .set: line += "\(e.from?.code ?? "?") → \(e.to?.code ?? "?")\(e.forced ? " (forced correction)" : "")"
        case .block: line += "blocked (\(e.reason?.rawValue ?? ""))"
        case .unblock: line += "unblocked"
        case .defer_: line += "deferred (no construction impact)"
        case .close: line += "closed (out of the red line)"
        default: line += e.action.rawValue
        }
        Output.out(line + " at \(Timestamps.display(e.at))")
    }
}

/// The stages of every kind, with their Chinese names, for help texts.
let stageHelp = EntityKind.allCases.map { "  \($0.rawValue): \($0.stageGlossary)" }.joined(separator: "\n")
/// The blocked reasons with their Chinese names, for help texts.
let reasonHelp = BlockReason.allCases.map { "\($0.rawValue) \($0.zh)" }.joined(separator: ", ")

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Record progress of parcels, households and utilities in a project.",
        discussion: Help.text(
            """
            Every change is an event that is never edited or deleted. Stages (code or Chinese name, in order):
            \(stageHelp)
            """),
        subcommands: [Set.self, Block.self, Unblock.self, Defer.self, Close.self, Import.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move items to a stage (forward one stage; --force with a --note to skip or go back).",
            discussion: Help.text(
                """
                --to takes a stage's code or its Chinese name. The stages of each kind, in order:
                \(stageHelp)

                Example:
                  landkit status set parcel DK-01146 --project hsr-west-ave --to 已签协议 --by 拆迁一组
                """))
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var item: ItemOptions
        @Option(help: ArgumentHelp("The stage to move to: its code or Chinese name (see above).", valueName: "STAGE")) var to: String
        @Flag(help: "Allow skipping stages or moving back (a correction; needs --note).") var force = false

        func run() throws {
            try applyUpdates(.set, item, stage: to, force: force, database: database)
        }
    }

    struct Block: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark items blocked (受阻) with a reason, until unblocked.",
            discussion: "Example:\n  landkit status block utility SUB-MF --project x-ave --reason contractor --note 棉丰变电站")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var item: ItemOptions
        @Option(help: ArgumentHelp("Why, as a code or its Chinese name: \(reasonHelp).", valueName: "REASON")) var reason: BlockReason

        func run() throws {
            try applyUpdates(.block, item, reason: reason.rawValue, database: database)
        }
    }

    struct Unblock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Clear a block.", discussion: "Example:\n  landkit status unblock utility SUB-MF --project x-ave --note 施工方已进场")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var item: ItemOptions

        func run() throws {
            try applyUpdates(.unblock, item, database: database)
        }
    }

    struct Defer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Defer items with no construction impact (暂缓, 不影响施工); needs a --note.",
            discussion: "Example:\n  landkit status defer household H-0003 --project x-ave-ext --note 边线户，不影响施工")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var item: ItemOptions

        func run() throws {
            try applyUpdates(.defer_, item, database: database)
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close items that left the red line after they had progressed (out of zone); needs a --note.",
            discussion: Help.text(
                """
                After a red-line revision, items that had progressed and are no longer inside the red line stay listed by
                `overlaps` and in reports until closed, with a note saying what was done (e.g. the agreement was cancelled).

                Example:
                  landkit status close parcel DK-01146 --project hsr-west-ave --note 红线调整后不再征收，协议已解除
                """))
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var item: ItemOptions

        func run() throws {
            try applyUpdates(.close, item, database: database)
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply a status CSV (entity,id,project,action,stage,reason,note,by,at) in one transaction.",
            discussion: Help.text(
                """
                The whole file is checked first and every bad row reported with its line number; nothing is applied unless
                every row is good. Rows whose effect is already recorded are skipped, so re-importing a file changes nothing.
                Chinese headers (类型,编号,项目,操作,阶段,原因,备注,记录人,时间) and GBK files are accepted. Stages and reasons
                may be codes or Chinese names (已摸底, 资金原因); a misspelt one is an error on its line.

                Example:
                  landkit status import 2021-12-31.csv --by 拆迁一组
                """))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Check every row and report; write nothing.") var dryRun = false
        @Option(help: "Team recorded where the by column is empty.") var by: String?
        @Option(help: "Text encoding, utf8 or gbk (default: detected; a file mixing the two is refused).") var encoding: TextEncoding?
        @OptionGroup var problems: ProblemOptions

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot read the file") }
            let store = try database.open()
            let progress = ProgressLine(label: "status \(file)", unit: "rows")
            defer { progress.finish() }
            let summary = try problems.run(
                {
                    try StatusUseCases.importCSV(
                        [UInt8](data), file: file, defaultBy: by, encoding: encoding, dryRun: dryRun, store: store,
                        logger: database.logger(), progress: progress.handler)
                }, diagnostics: \.diagnostics)
            progress.finish()
            for d in summary.diagnostics { Output.err(ErrorHints.describe(d)) }
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
    @Flag(help: "Show ID and phone numbers typed in notes in full.") var unmasked = false

    func run() throws {
        let store = try database.openForReading()
        let history = try StatusUseCases.history(entity, id: id, projectID: project, store: store)
        let tz = history.timeZone
        let events = history.events.map { e in
            var e = e
            if !unmasked { e.note = e.note.map(PersonalData.maskNumbers(in:)) }
            return e
        }
        switch format {
        case .json:
            Output.out(
                try Output.json(events.map { HistoryRow($0, unmasked: true) }))
        case .text:
            if events.isEmpty {
                Output.out("\(entity.rawValue) \(id): no recorded changes")
                return
            }
            var rows = [["when", "project", "by", "what", "note"]]
            for e in events {
                var what: String
                switch e.action {
                case .set: what = "\(e.from?.code ?? "?") → \(e.to?.code ?? "?")\(e.forced ? " (forced)" : "")"
                case .block: what = "blocked: \(e.reason.map { "\($0.rawValue) \($0.zh)" } ?? "")"
                case .defer_: what = "deferred (不影响施工)"
                default: what = e.action.rawValue
                }
                rows.append([Timestamps.display(e.at, timeZone: tz), e.projectID ?? "-", e.by ?? "", what, e.note ?? ""])
            }
            Output.out(TextTable.render(rows))
        }
    }
}
