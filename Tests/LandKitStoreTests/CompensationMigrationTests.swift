import Foundation
import GRDB
import LandKit
import Testing

@testable import LandKitStore

@Suite("Migration to v6-compensation")
struct CompensationMigrationTests {
    @Test("a schema-4 database with events migrates: money tables appear, the event chain stays intact, payments chain from genesis")
    func migratesSchema4() throws {
        let dir = try TempDir()
        let path = dir.path("old.gpkg")
        let q = try DatabaseQueue(path: path)
        try Migrations.migrator(storage: .cm105).migrate(q, upTo: "v4-event-chain")
        try q.close()
        let old = try GeoPackageStore.open(at: path)
        #expect(try old.read { try $0.info().schemaVersion } == Migrations.currentVersion)
        try old.write { s in
            try s.append(
                Event(at: Timestamps.now(), by: "拆迁一组", entity: .parcel, entityID: "DK01", projectID: nil, action: .geometryChanged))
            try s.append(
                MoneyRecord(
                    kind: .agreement, at: Timestamps.now(), by: nil, entity: .parcel, entityID: "DK01", projectID: "p", number: "XY-1",
                    amount: Yuan(yuan: 1000), note: nil))
        }
        let (events, money, problems) = try old.read { s in
            (try EventChain.verify(s, recordedHead: try s.recordedEventHead()), try MoneyChain.verify(s), try s.storeProblems())
        }
        #expect(events.isIntact && money.isIntact && problems.isEmpty)
        #expect(money.head.count == 1 && money.head.lastID == 1)
    }
}
