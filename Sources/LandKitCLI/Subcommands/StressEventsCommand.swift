import ArgumentParser
import LandKit

/// Appends N events one transaction at a time: used by the concurrency tests to hammer one
/// database from several OS processes. Hidden from help.
struct StressEventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_append-test-events", abstract: "Append N test events, one transaction each (for concurrency tests).",
        shouldDisplay: false)

    @OptionGroup var database: DatabaseOptions

    @Option var count: Int = 100
    @Option var by: String = "stress"

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
