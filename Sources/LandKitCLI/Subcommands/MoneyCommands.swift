import ArgumentParser
import Foundation
import LandKit

/// The options an agreement or a payment is recorded with.
struct MoneyOptions: ParsableArguments {
    @Argument(help: "parcel or household.") var entity: EntityKind
    @Argument(help: "The parcel or household id.") var id: String
    @Option(help: "The project.") var project: String
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Amount in yuan, e.g. 160000 or 1,234.50 (negative, e.g. -1000, for a payment correction).", valueName: "YUAN"))
    var amount: String
    @Option(help: ArgumentHelp("When it was signed or paid (a date is the end of that day).", valueName: "DATE")) var date: String?
    @Option(help: "A note (required for a negative correction).") var note: String?
    @Option(help: "Team or person recording it.") var by: String?

    func request(_ kind: MoneyRecordKind, number: String, timeZone: String) throws -> MoneyRequest {
        let yuan: Yuan
        do {
            yuan = try Yuan(parsing: amount)
        } catch {
            throw CLIError("--amount: \(error.message)")
        }
        var at: Date?
        if let date {
            do {
                at = try Timestamps.parseInput(date, timeZone: timeZone)
            } catch {
                throw CLIError("--date: \(error.message)")
            }
        }
        return MoneyRequest(
            kind: kind, entity: entity, id: id, projectID: project, number: number, amount: yuan, at: at, note: note, by: by)
    }
}

/// Prints what recording agreements or payments did.
enum MoneyReport {
    static func print(_ outcomes: [MoneyOutcome]) {
        for o in outcomes {
            let r = o.record
            var line =
                "\(r.kind == .agreement ? "agreement" : "payment") \(r.number): \(r.entity.rawValue) \(r.entityID) in \(r.projectID), \(r.amount.grouped) 元"
            if r.kind == .agreement, let e = o.estimate {
                let d = r.amount - e
                line += " (estimate \(e.grouped) 元, difference \(d.isNegative ? "" : "+")\(d.grouped) 元)"
            }
            if r.kind == .payment, let agreed = o.agreed { line += "; paid \(o.paid.grouped) of \(agreed.grouped) 元" }
            if let e = o.event, let to = e.to { line += "; now \(to.code) \(to.zh)" }
            Output.out(line)
        }
    }
}

struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement", abstract: "Record signed compensation agreements (补偿协议).", subcommands: [Add.self, Import.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record an agreement: its number and amount; the item moves to agreed.",
            discussion: Help.text(
                """
                The agreed amount may differ from the estimate: the difference is shown. Signing moves the item to agreed
                through the workflow (from inventoried; an item further back must be brought forward first). Agreements are
                append-only and chained: `landkit info --verify` detects an edited one.

                Example:
                  landkit agreement add parcel DK-04990 --project x-ave --no XY-2021-001 --amount 160000 --date 2021-04-01
                """))
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var money: MoneyOptions
        @Option(name: .customLong("no"), help: ArgumentHelp("The agreement number (协议编号).", valueName: "NO")) var number: String

        func run() throws {
            let store = try database.open()
            let r = try money.request(.agreement, number: number, timeZone: try store.read { try $0.timeZone() })
            MoneyReport.print(try CompensationUseCases.record([r], store: store, logger: database.logger()))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record agreements from a CSV (entity,id,project,number,amount[,date,note,by]), all or none.",
            discussion: "Example:\n  landkit agreement import 协议-2021.csv --by 拆迁一组")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var csv: MoneyImportOptions

        func run() throws { try csv.run(.agreement, database: database) }
    }
}

struct PaymentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment", abstract: "Record compensation payments (兑付) in instalments.", subcommands: [Add.self, Import.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a payment against the item's agreement.",
            discussion: Help.text(
                """
                Payments are never edited: a wrong one is reversed by a negative correction with a note. The paid total may
                not exceed the agreed amount; paying it in full moves land to compensated through the workflow.

                Examples:
                  landkit payment add parcel DK-04990 --project x-ave --amount 100000 --voucher PZ-0412 --date 2021-04-12
                  landkit payment add parcel DK-04990 --project x-ave --amount -100000 --voucher PZ-0412 --note 重复录入
                """))
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var money: MoneyOptions
        @Option(help: ArgumentHelp("The payment voucher number (凭证号).", valueName: "NO")) var voucher: String

        func run() throws {
            let store = try database.open()
            let r = try money.request(.payment, number: voucher, timeZone: try store.read { try $0.timeZone() })
            MoneyReport.print(try CompensationUseCases.record([r], store: store, logger: database.logger()))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record payments from a CSV (entity,id,project,voucher,amount[,date,note,by]), all or none.",
            discussion: "Example:\n  landkit payment import 兑付-2021-04.csv")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var csv: MoneyImportOptions

        func run() throws { try csv.run(.payment, database: database) }
    }
}

/// The file and default team of `agreement import` and `payment import`.
struct MoneyImportOptions: ParsableArguments {
    @Argument(help: "The CSV file.") var file: String
    @Option(help: "Team recorded where the by column is empty.") var by: String?

    func run(_ kind: MoneyRecordKind, database: DatabaseOptions) throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot read the file") }
        let out = try CompensationUseCases.importCSV(
            [UInt8](data), file: file, kind: kind, defaultBy: by, store: try database.open(), logger: database.logger())
        Output.out(
            "\(file): \(out.count) \(kind == .agreement ? "agreements" : "payments") recorded, \(out.map(\.record.amount).sum().grouped) 元")
    }
}
