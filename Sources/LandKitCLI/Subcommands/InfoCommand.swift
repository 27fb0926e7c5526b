import ArgumentParser
import LandKit
import LandKitStore

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the database file, storage CRS, schema version and row counts.",
        discussion: Help.text(
            """
            Example:
              landkit info --format json
            """))

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Output format: text or json.")
    var format: ListFormat = .text

    @Flag(help: "Check that every item's cached status equals the status derived from its events.")
    var verify = false

    struct JSONInfo: Encodable {
        var file: String
        var crs: String
        var crs_name: String
        var schema_version: Int
        var landkit_version: String
        var time_zone: String
        var counts: [String: Int]
    }

    func run() throws {
        let store = try database.open()
        let info = try store.read { try $0.info() }
        if verify {
            let bad = try store.read { try Workflow.verify($0) }
            for (item, derived) in bad.prefix(20) {
                Output.err(
                    "\(item.entity.rawValue) \(item.id) in \(item.projectID): cached \(item.status.stage) but events say \(derived.stage)")
            }
            guard bad.isEmpty else { throw CLIError("\(bad.count) item(s) disagree with their events") }
            Output.err("verified: every item's status equals the derivation from its events")
        }
        switch format {
        case .json:
            Output.out(
                try Output.json(
                    JSONInfo(
                        file: info.location, crs: info.storageCRS.description, crs_name: info.crsName,
                        schema_version: info.schemaVersion, landkit_version: info.landKitVersion,
                        time_zone: info.timeZone, counts: info.counts)))
        case .text:
            var lines = [
                ("file", info.location), ("crs", "\(info.storageCRS) (\(info.crsName))"),
                ("schema", "\(info.schemaVersion) (written by LandKit \(info.landKitVersion))"), ("time zone", info.timeZone),
            ]
            for t in ["parcels", "buildings", "utilities", "projects", "zones", "land_items", "household_items", "utility_items", "events"]
            {
                lines.append((t, "\(info.counts[t] ?? 0)"))
            }
            Output.out(TextTable.keyValue(lines))
        }
    }
}
