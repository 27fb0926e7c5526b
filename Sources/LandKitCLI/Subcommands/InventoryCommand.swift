import ArgumentParser
import Foundation
import LandKit

struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory", abstract: "Import the survey inventory (摸底): attachments per parcel or household.",
        subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an inventory CSV (entity,id,item,quantity,unit[,project,note]).",
            discussion: Help.text(
                """
                Each parcel or household named in the file gets exactly the file's lines (a re-survey replaces the old
                numbers). Units: \(CompensationUnit.list). A household line for a household item of the rate table (过渡费
                8 月) replaces the table's default quantity. Every bad row is reported; nothing is stored unless all are good.

                Example:
                  landkit inventory import 摸底-2021.csv
                """))
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The CSV file.") var file: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot read the file") }
            let lines = try CompensationUseCases.importInventory([UInt8](data), file: file, store: try database.open())
            let items = Set(lines.map { "\($0.entity.rawValue) \($0.id)" }).count
            Output.out("\(file): \(lines.count) inventory lines for \(items) parcels and households")
        }
    }
}
