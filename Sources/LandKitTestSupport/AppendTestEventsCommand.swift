import ArgumentParser
import LandKit

/// Appends N events one transaction at a time, without the workflow's rules: used by the concurrency tests to
/// hammer one database from several OS processes.
struct AppendTestEventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "append-test-events",
        abstract: "Append N geometry-changed events to parcels P0…P(N-1), one transaction each (for concurrency tests).",
        discussion: """
            Example:
              landkit-testsupport append-test-events --db t.gpkg --count 500 --by team-a
            """)

    @OptionGroup var database: StoreOptions

    @Option(help: "Number of events.") var count: Int = 100
    @Option(help: "Who the events are by.") var by: String = "stress"

    func run() throws {
        let store = try database.open()
        for i in 0..<count {
            try store.write { s in
                try s.append(
                    Event(
                        at: Timestamps.now(), by: by, entity: .parcel, entityID: "P\(i)", projectID: nil, action: .geometryChanged,
                        note: "\(by) #\(i)"))
            }
        }
    }
}
