import ArgumentParser
import Foundation
import LandKit

struct RatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rates", abstract: "Import and list compensation rate tables (补偿标准).", subcommands: [Import.self, List.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a rate table CSV under a name.",
            discussion: Help.text(
                """
                Header category,item,zone,unit,rate,quantity,date; categories valid (from/to), land (区片综合地价 元/亩 by land class
                and zone), crop (青苗费 元/亩), attachment (元 per 株/口/座/m²), house (元/m² by structure), household (搬迁费, 过渡费 with
                its default months, 奖励 with its sign-by date) and village (its price zone). See geodata/rates-2021.csv. Every bad
                row is reported with its line and nothing is stored unless all are good.

                Example:
                  landkit rates import geodata/rates-2021.csv --name 2021标准
                """))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "The name projects refer to it by, e.g. 2021标准.") var name: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot read the file") }
            let table = try CompensationUseCases.importRates([UInt8](data), file: file, name: name, store: try database.open())
            let valid = [table.validFrom?.description, table.validTo?.description].map { $0 ?? "…" }.joined(separator: " – ")
            Output.out("imported rate table \(name): \(table.rateCount) rates, valid \(valid)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List rate tables.", discussion: "Example:\n  landkit rates list")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Output format: text or json.") var format: ListFormat = .text

        struct Row: Encodable {
            var name: String
            var valid_from: String?
            var valid_to: String?
            var rates: Int
            var sha256: String
        }

        func run() throws {
            let rows = try database.openForReading().read { try $0.rateTables() }.map {
                Row(
                    name: $0.name, valid_from: $0.validFrom?.description, valid_to: $0.validTo?.description, rates: $0.rates,
                    sha256: $0.sha256)
            }
            switch format {
            case .json: Output.out(try Output.json(rows))
            case .text:
                Output.out(
                    TextTable.render(
                        [["name", "valid from", "valid to", "rates", "sha256"]]
                            + rows.map { [$0.name, $0.valid_from ?? "-", $0.valid_to ?? "-", "\($0.rates)", String($0.sha256.prefix(12))] },
                        numeric: [3]))
            }
        }
    }
}
