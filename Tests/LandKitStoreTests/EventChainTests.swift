import Foundation
import GRDB
import LandKit
import Testing

@testable import LandKitStore

/// The event log is tamper-evident (issue 12, defect 6). Each test tampers with the file the way a
/// person with the sqlite3 shell could, then checks what `info --verify` relies on.
@Suite("Tamper-evident event log")
struct EventChainTests {
    /// A database with five events, and the anchor an office would have written down after them.
    static func world() throws -> (TempDir, String, EventChain.Head) {
        let dir = try TempDir()
        let path = dir.path("log.gpkg")
        let store = try GeoPackageStore.create(at: path, crs: .cm105)
        try store.write { s in
            for i in 1...5 {
                try s.append(
                    Event(
                        at: Timestamps.now(), by: "拆迁一组", entity: .parcel, entityID: "DK0\(i)", projectID: nil, action: .geometryChanged,
                        note: "第\(i)次"))
            }
        }
        let head = try store.read { try EventChain.verify($0, recordedHead: try $0.recordedEventHead()).head }
        return (dir, path, head)
    }

    static func report(_ path: String, anchor: EventChain.Head? = nil) throws -> (EventChain.Report, [String]) {
        let store = try GeoPackageStore.open(at: path)
        return try store.read { s in
            (try EventChain.verify(s, recordedHead: try s.recordedEventHead(), anchor: anchor), try s.storeProblems())
        }
    }

    static func sql(_ path: String, _ statements: String) throws {
        let q = try DatabaseQueue(path: path)
        try q.writeWithoutTransaction { try $0.execute(sql: statements) }
    }

    @Test("an untouched log verifies, and its head names the last event")
    func intact() throws {
        let (dir, path, head) = try Self.world()
        defer { withExtendedLifetime(dir) {} }
        let (r, problems) = try Self.report(path, anchor: head)
        #expect(r.isIntact && problems.isEmpty)
        #expect(r.head.count == 5 && r.head.lastID == 5)
    }

    @Test("INSERT OR REPLACE cannot overwrite an event (it bypassed the delete trigger)")
    func replaceRefused() throws {
        let (dir, path, _) = try Self.world()
        defer { withExtendedLifetime(dir) {} }
        #expect(throws: (any Error).self) {
            try Self.sql(
                path,
                "INSERT OR REPLACE INTO events (id, at, recorded_at, entity, entity_id, action, hash) VALUES (2, '2021-01-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z', 'parcel', 'DK02', 'set', 'x')"
            )
        }
        #expect(try Self.report(path).0.isIntact)
    }

    @Test("an edited note is found, naming the event, once the trigger is dropped")
    func editedNote() throws {
        let (dir, path, _) = try Self.world()
        defer { withExtendedLifetime(dir) {} }
        try Self.sql(path, "DROP TRIGGER events_no_update; UPDATE events SET note = '已改' WHERE id = 3;")
        let (r, problems) = try Self.report(path)
        #expect(r.problems.first == "event 3 does not match its hash: it, or an event before it, was changed")
        #expect(problems == ["the trigger events_no_update that protects the event log is missing"])
    }

    @Test("a deleted middle event is found by id continuity and the chain")
    func deletedMiddle() throws {
        let (dir, path, _) = try Self.world()
        defer { withExtendedLifetime(dir) {} }
        try Self.sql(path, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 2;")
        let (r, _) = try Self.report(path)
        #expect(r.problems.contains("event 3 follows event 1: events 2…2 are missing"))
        #expect(r.problems.contains("event 3 does not match its hash: it, or an event before it, was changed"))
    }

    @Test("a truncated log is found by the head the database recorded")
    func truncated() throws {
        let (dir, path, _) = try Self.world()
        defer { withExtendedLifetime(dir) {} }
        try Self.sql(path, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id >= 4;")
        let (r, _) = try Self.report(path)
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.hasPrefix("the log ends at event 3 (3 events) but the database recorded its end at event 5") == true)
    }

    @Test("a deleted last event with the recorded head fixed is found by the anchor written down before")
    func deletedLastWithHeadFixed() throws {
        let (dir, path, anchor) = try Self.world()
        defer { withExtendedLifetime(dir) {} }
        let q = try DatabaseQueue(path: path)
        let fourth: String = try q.read { try String.fetchOne($0, sql: "SELECT hash FROM events WHERE id = 4") } ?? ""
        try Self.sql(
            path,
            "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = 5; UPDATE landkit_meta SET value = '4:4:\(fourth)' WHERE key = 'events_head';"
        )
        #expect(try Self.report(path).0.isIntact)  // without an anchor the cut cannot be seen
        let (r, _) = try Self.report(path, anchor: anchor)
        #expect(r.problems == ["the anchor's event 5 is not in the log: the log was cut or renumbered"])
    }

    @Test("the hash is SHA-256 over the previous hash and the canonical encoding (checked with Python's hashlib)")
    func hashIsSHA256() throws {
        let e = Event(
            seq: 1, at: try #require(Timestamps.instant("2021-03-15T02:00:00.000Z")), by: "拆迁一组", entity: .parcel, entityID: "DK01",
            projectID: "x-ave", action: .set, from: .land(.pending), to: .land(.surveyed))
        let canonical = String(decoding: EventChain.canonical(EventChain.fields(e, recordedAt: "2021-03-15T02:00:01.000Z")), as: UTF8.self)
        #expect(
            canonical
                == "landkit-event-v11:1;24:2021-03-15T02:00:00.000Z;24:2021-03-15T02:00:01.000Z;12:拆迁一组;6:parcel;4:DK01;5:x-ave;3:set;7:pending;8:surveyed;-;-;1:0;"
        )
        // python3 -c "import hashlib;print(hashlib.sha256(('0'*64+'landkit-event-v1…').encode()).hexdigest())"
        #expect(
            EventChain.hash(e, recordedAt: "2021-03-15T02:00:01.000Z", previous: EventChain.genesis)
                == "437eaa5f6e18422b39a53be26aef3fbc37688c519ba799f021a19f73e271d204")
    }
}

/// Read-only work never takes a lock and never writes (issue 12, defect 7).
@Suite("Reading without writing")
struct ReadOnlyTests {
    @Test("a read-only open reads a 0444 file, leaves it byte for byte as it was, and refuses writes")
    func readOnlyFile() throws {
        let (dir, path, _) = try EventChainTests.world()
        defer { withExtendedLifetime(dir) {} }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let store = try GeoPackageStore.open(at: path, readOnly: true)
        #expect(try store.read { try $0.events(entity: nil, id: nil, projectID: nil).count } == 5)
        #expect(throws: StoreError.self) { try store.write { _ in () } }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a reader does not wait for a long write in another connection")
    func readerDuringWrite() throws {
        let (dir, path, _) = try EventChainTests.world()
        defer { withExtendedLifetime(dir) {} }
        let writer = try DatabaseQueue(path: path)
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "INSERT INTO landkit_meta (key, value) VALUES ('held', 'x')")
            let started = Date()
            let store = try GeoPackageStore.open(at: path, readOnly: true)
            let n = try store.read { try $0.events(entity: nil, id: nil, projectID: nil).count }
            #expect(n == 5)
            #expect(Date().timeIntervalSince(started) < 5)
            try db.execute(sql: "ROLLBACK")
        }
    }
}

/// A damaged file is refused by writers and reported by verify (issue 12, defect 9).
@Suite("Damaged files")
struct DamagedFileTests {
    @Test("a file with a damaged page is refused before a write, and verify reports the integrity failure")
    func damagedPage() throws {
        let dir = try TempDir()
        let path = dir.path("damaged.gpkg")
        do {
            let store = try GeoPackageStore.create(at: path, crs: .cm105)
            try store.write { s in
                for i in 0..<3000 {
                    try s.append(
                        Event(
                            at: Timestamps.now(), by: "t", entity: .parcel, entityID: "DK\(i)", projectID: nil, action: .geometryChanged,
                            note: String(repeating: "备注", count: 20)))
                }
            }
            try store.close()
        }
        // Scribble over a page in the middle of the events table (page size 4096), as a failing disk would.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: (size / 4096 / 2) * 4096 + 8)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 1500))
        try handle.close()
        do {
            let store = try GeoPackageStore.open(at: path)
            try store.write { s in
                try s.append(Event(at: Timestamps.now(), by: "t", entity: .parcel, entityID: "X", projectID: nil, action: .geometryChanged))
            }
            Issue.record("a write into a damaged file was accepted")
        } catch let e as StoreError {
            #expect(e.code == .corrupt)
            #expect(e.message.contains("damaged"))
        }
        let reader = try GeoPackageStore.open(at: path, readOnly: true)
        let problems = (try? reader.read { try $0.storeProblems() }) ?? ["unreadable"]
        #expect(!problems.isEmpty)
    }
}
