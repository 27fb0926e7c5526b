import Foundation
import LandKit
import LandKitPostgres
import Testing

@testable import LandKitStore

/// What only the PostgreSQL store has to show: its address, the log's protection inside the database against
/// any client, and many writers at once. The rules both stores share run in the conformance suites
/// (``UseCaseTests``, ``RedLineRevisionTests``, ``TeamSectionTests``) on both.
@Suite("PostgreSQL/PostGIS store", .enabled(if: TestPostgres.shared != nil))
struct PostgresStoreTests {
    @Test("an address is parsed into its parts; the password is never shown; a bad one is refused with the form to use")
    func addresses() throws {
        let a = try PostgresAddress(parsing: "postgresql://land:s3cr%40t@db.example:6543/city", environment: [:])
        #expect(a.user == "land" && a.password == "s3cr@t" && a.host == "db.example" && a.port == 6543 && a.database == "city")
        #expect(a.display == "postgresql://land@db.example:6543/city")
        let b = try PostgresAddress(parsing: "postgres://land@127.0.0.1/city", environment: ["PGPASSWORD": "x"])
        #expect(b.port == 5432 && b.password == "x")
        #expect(throws: StoreError.self) { try PostgresAddress(parsing: "postgresql://127.0.0.1/city", environment: [:]) }
        #expect(throws: StoreError.self) { try PostgresAddress(parsing: "postgresql://land@127.0.0.1/", environment: [:]) }
    }

    @Test("events cannot be updated, deleted or truncated by any client: the triggers refuse it in the database")
    func eventsImmutable() throws {
        let pg = try #require(TestPostgres.shared)
        let dir = try TempDir()
        let (store, address) = try StoreKind.postgres.create(in: dir)
        try store.write { s in
            _ = try s.append(
                Event(at: Timestamps.now(), by: "测试", entity: .parcel, entityID: "P1", projectID: nil, action: .geometryChanged))
        }
        for (sql, message) in [
            ("UPDATE events SET note = 'x'", "events are append-only: an event cannot be changed"),
            ("DELETE FROM events", "events are append-only: an event cannot be deleted"),
            ("TRUNCATE events", "events are append-only: an event cannot be deleted"),
        ] {
            let (status, _, err) = try pg.psql(address, sql)
            #expect(status != 0, "\(sql) was accepted")
            #expect(err.contains(message), "\(sql): \(err)")
        }
        let report = try store.read { try EventChain.verify($0, recordedHead: try $0.recordedEventHead()) }
        #expect(report.isIntact && report.head.count == 1, "\(report.problems)")
    }

    @Test("a failure half-way through a write leaves the database as it was")
    func rollback() throws {
        let dir = try TempDir()
        let (store, _) = try StoreKind.postgres.create(in: dir)
        let calc = try AreaCalculator(crs: .cm105)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.write { s in
                _ = try s.upsert(try squareParcel("DK01", x: 500000, y: 3_320_000, size: 50, calc: calc))
                throw Boom()
            }
        }
        #expect(try store.read { try $0.parcel(id: "DK01") } == nil)
        #expect(try store.read { try $0.info().counts["parcels"] } == 0)
    }

    @Test("4 OS processes appending 250 events each at once: all 1000 are there, ids 1…1000, and the chain is intact")
    func fourProcesses() throws {
        let dir = try TempDir()
        let (store, address) = try StoreKind.postgres.create(in: dir)
        let procs = try ["team-a", "team-b", "team-c", "team-d"].map { team -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: testSupportExecutable)
            p.arguments = ["append-test-events", "--db", address, "--count", "250", "--by", team]
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        for p in procs {
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let events = try store.read { try $0.events(entity: nil, id: nil, projectID: nil) }
        #expect(events.count == 1000)
        #expect(events.filter { $0.by == "team-c" }.count == 250)
        #expect(Set(events.map(\.seq)) == Set(1...1000))
        let report = try store.read { try EventChain.verify($0, recordedHead: try $0.recordedEventHead()) }
        #expect(report.isIntact, "\(report.problems.prefix(3))")
    }
}
