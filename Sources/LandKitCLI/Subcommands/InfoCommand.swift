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

    @Flag(
        help:
            "Check the database: integrity, the protecting triggers, the event log's hash chain, and that every item's cached status equals the status derived from its events."
    )
    var verify = false

    @Flag(help: "With --verify: print the head of the event log (id:sha256) to write down, e.g. in the weekly report.")
    var anchor = false

    @Option(
        help: ArgumentHelp("With --verify: a head written down earlier; the log must still contain it unchanged.", valueName: "ID:SHA256"))
    var against: String?

    func validate() throws {
        if (anchor || against != nil) && !verify { throw ValidationError("--anchor and --against go with --verify") }
        if let against, EventChain.anchor(parsing: against) == nil {
            throw ValidationError("--against \"\(against)\" is not an anchor id:sha256 as `info --verify --anchor` prints it")
        }
    }

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
        let store = try database.openForReading()
        let info = try store.read { try $0.info() }
        if verify {
            let anchorHead = against.flatMap(EventChain.anchor(parsing:))
            let (bad, chain, money, problems) = try store.read { s in
                (
                    try Workflow.verify(s), try EventChain.verify(s, recordedHead: try s.recordedEventHead(), anchor: anchorHead),
                    try MoneyChain.verify(s), try s.storeProblems()
                )
            }
            for p in problems + chain.problems + money.problems { Output.err(p) }
            for (item, derived) in bad.prefix(20) {
                Output.err(
                    "\(item.entity.rawValue) \(item.id) in \(item.projectID): cached \(item.status.stage) but events say \(derived.stage)")
            }
            let failures = problems.count + chain.problems.count + money.problems.count + bad.count
            guard failures == 0 else {
                throw CLIError(
                    "verification failed: \(problems.count) database problem(s), \(chain.problems.count) event-log problem(s), \(money.problems.count) payment-record problem(s), \(bad.count) item(s) disagreeing with their events"
                )
            }
            Output.err(
                "verified: integrity, triggers, \(chain.head.count) chained events\(money.head.count > 0 ? ", \(money.head.count) chained agreements and payments" : "")\(anchorHead.map { ", anchor \($0.lastID)" } ?? ""), every item's status equals its events"
            )
            if anchor { Output.out("anchor \(chain.head)") }
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
            for t in [
                "parcels", "buildings", "utilities", "projects", "zones", "land_items", "household_items", "utility_items", "events",
                "project_changes",
            ] {
                lines.append((t, "\(info.counts[t] ?? 0)"))
            }
            Output.out(TextTable.keyValue(lines))
        }
    }
}
