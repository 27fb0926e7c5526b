import Foundation
import LandKit
import Synchronization
import Testing

@_spi(TestSupport) @testable import LandKitStore

@Suite("GeoPackage store")
struct GeoPackageStoreTests {
    let dir: TempDir
    let calc: AreaCalculator

    init() throws {
        dir = try TempDir()
        calc = try AreaCalculator(crs: .cm105)
    }

    /// Three 100 m parcels side by side near 105°E 30°N.
    func storeWithParcels(_ name: String = "t.gpkg") throws -> GeoPackageStore {
        let store = try GeoPackageStore.create(at: dir.path(name))
        try store.write { s in
            for (i, id) in ["DK01", "DK02", "DK03"].enumerated() {
                let outcome = try s.upsert(try squareParcel(id, x: 499_800 + Double(i) * 100, y: 3_320_000, size: 100, calc: calc))
                #expect(outcome == .inserted)
            }
        }
        return store
    }

    @Test("a database with parcels passes GDAL's validate_gpkg.py and ogrinfo lists the layers in EPSG:4544")
    func gdalValidates() throws {
        let store = try storeWithParcels()
        try store.close()
        let path = dir.path("t.gpkg")
        let (status, out, err) = try run("/usr/bin/python3", ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py", path])
        #expect(status == 0, "validate_gpkg.py: \(out) \(err)")

        let (s2, info, _) = try run("/usr/bin/ogrinfo", ["-so", "-al", path])
        #expect(s2 == 0)
        for layer in ["Layer name: parcels", "Layer name: buildings", "Layer name: utilities", "Layer name: zones"] {
            #expect(info.contains(layer))
        }
        #expect(info.contains("Feature Count: 3"))
        #expect(info.contains("ID[\"EPSG\",4544]"))
        // gpkg_contents holds the extent of the three parcels.
        #expect(info.contains("Extent: (499800.000000, 3320000.000000) - (500100.000000, 3320100.000000)"))
    }

    @Test("a spatial filter through ogrinfo finds the right parcel (the R-tree works)")
    func spatialFilter() throws {
        let store = try storeWithParcels()
        try store.close()
        let (status, out, _) = try run(
            "/usr/bin/ogrinfo", ["-q", "-spat", "499950", "3320040", "499960", "3320060", dir.path("t.gpkg"), "parcels"])
        #expect(status == 0)
        #expect(out.contains("id (String) = DK02"))
        #expect(!out.contains("DK01") && !out.contains("DK03"))
    }

    @Test("features survive a reopen; an unchanged upsert writes nothing; a new geometry marks overlaps stale and is an event")
    func reopenAndUpsert() throws {
        var store: GeoPackageStore? = try storeWithParcels()
        try store?.close()
        store = nil
        let reopened = try GeoPackageStore.open(at: dir.path("t.gpkg"))
        let p = try #require(try reopened.read { try $0.parcel(id: "DK02") })
        #expect(p.village == "西峰村" && p.landClass == "0101")
        #expect(abs(p.planarAreaSquareMetres - 10_000) < 1e-9)
        #expect(try reopened.write { try $0.upsert(p) } == .unchanged)
        var moved = p
        moved.geometry = moved.geometry.mapCoordinates { Coordinate($0.x + 1, $0.y) }
        #expect(try reopened.write { try $0.upsert(moved) } == .updated)
        let events = try reopened.read { try $0.events(entity: .parcel, id: "DK02", projectID: nil) }
        #expect(events.map(\.action) == [.geometryChanged])
    }

    @Test("a writer checks a big file's pages only when its -wal holds frames, not after a reader left an empty -wal")
    func quickCheckOnlyAfterUncleanShutdown() throws {
        let path = dir.path("t.gpkg")
        do { _ = try storeWithParcels() }
        let reader = try GeoPackageStore.open(at: path, readOnly: true)
        _ = try reader.read { try $0.info() }
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0)
        // maxBytes 0 stands for "a file too big to check on every open".
        #expect(!GeoPackageStore.needsQuickCheck(path, maxBytes: 0))
        #expect(GeoPackageStore.needsQuickCheck(path))  // a small file is always checked
        let writer = try GeoPackageStore.open(at: path)
        try writer.write { s in _ = try s.upsert(try squareParcel("DK04", x: 500_200, y: 3_320_000, size: 100, calc: calc)) }
        // The writer is still open: its frames are in the -wal, as after a crash.
        withExtendedLifetime(writer) { #expect(GeoPackageStore.needsQuickCheck(path, maxBytes: 0)) }
    }

    @Test("init refuses to replace an existing database without --force")
    func force() throws {
        _ = try storeWithParcels()
        #expect(throws: StoreError.self) { try GeoPackageStore.create(at: dir.path("t.gpkg")) }
        let replaced = try GeoPackageStore.create(at: dir.path("t.gpkg"), force: true)
        #expect(try replaced.read { try $0.info() }.counts["parcels"] == 0)
    }

    @Test("a file of the previous schema is migrated on open, after a backup copy next to it")
    func migrate() throws {
        let path = dir.path("old.gpkg")
        try GeoPackageStore.createFile(at: path, crs: .cm105, force: false, upTo: Migrations.identifiers[0])
        let (_, version, _) = try run(
            "/usr/bin/python3",
            [
                "-c",
                "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT value FROM landkit_meta WHERE key='schema_version'\").fetchone()[0])",
                path,
            ])
        #expect(version == "1\n")
        let store = try GeoPackageStore.open(at: path)
        #expect(try store.read { try $0.info() }.schemaVersion == Migrations.currentVersion)
        let backups = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix("old.schema1-backup-") }
        #expect(backups.count == 1)
    }

    @Test("a schema-4 file with a parcel migrates to v5-qgis: the row, its fid and areas are kept; triggers, views and styles added")
    func migrateToQGIS() throws {
        let path = dir.path("v4.gpkg")
        try GeoPackageStore.createFile(at: path, crs: .cm105, force: false, upTo: "v4-event-chain")
        // Written through GDAL (its ST_ functions run the R-tree triggers), as another tool would.
        let (s, _, e) = try run(
            "/usr/bin/ogrinfo",
            [
                "-q", path, "-sql",
                "INSERT INTO parcels (fid, id, area_m2, planar_area_m2, area_mu, updated_at) VALUES (7, 'DK07', 10000, 10000.5, 15, '2021-01-01T00:00:00.000Z')",
            ])
        #expect(s == 0, "\(e)")
        let store = try GeoPackageStore.open(at: path)
        let p = try store.read { try $0.parcel(id: "DK07") }
        #expect(p?.areaSquareMetres == 10000)
        #expect(p?.planarAreaSquareMetres == 10000.5)
        try store.close()
        let (_, out, _) = try run(
            "/usr/bin/python3",
            [
                "-c",
                """
                import sqlite3,sys
                c = sqlite3.connect(sys.argv[1])
                print(c.execute("SELECT fid FROM parcels WHERE id = 'DK07'").fetchone()[0])
                print(c.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'landkit_%_edited_%'").fetchone()[0])
                print(c.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_parcels_geom_%'").fetchone()[0])
                print(c.execute("SELECT count(*) FROM gpkg_contents WHERE table_name LIKE '%_progress'").fetchone()[0])
                """,
                path,
            ])
        // fid 7 kept; 3 tables × insert/update/delete; the 6 GeoPackage R-tree triggers of parcels; 3 views.
        #expect(out == "7\n9\n6\n3\n")
    }

    @Test("a database from a newer LandKit is refused and left untouched")
    func newer() throws {
        let path = dir.path("t.gpkg")
        try storeWithParcels().close()
        let (s, _, e) = try run(
            "/usr/bin/python3",
            [
                "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE landkit_meta SET value='99' WHERE key='schema_version'\"); c.commit()",
                path,
            ])
        #expect(s == 0, "\(e)")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try GeoPackageStore.open(at: path) }
        #expect(error?.message.contains("newer LandKit (schema 99") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a file that is not SQLite is refused with a clear message and left untouched")
    func notSQLite() throws {
        let path = dir.path("notes.gpkg")
        try Data("这不是数据库\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try GeoPackageStore.open(at: path) }
        #expect(error?.message == "\(path) is not a LandKit database (not an SQLite/GeoPackage file)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "这不是数据库\n")
    }

    @Test("a GeoPackage that is not a LandKit database is refused and left untouched")
    func foreignGeoPackage() throws {
        let path = dir.path("other.gpkg")
        // Make a GeoPackage with GDAL from a tiny GeoJSON.
        let json = dir.path("one.geojson")
        try
            #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1},"geometry":{"type":"Point","coordinates":[104.5,30.4]}}]}"#
            .write(toFile: json, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: path)
        let (status, _, err) = try run("/usr/bin/ogr2ogr", ["-f", "GPKG", path, json])
        #expect(status == 0, "\(err)")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try GeoPackageStore.open(at: path) }
        #expect(error?.message.contains("a GeoPackage but not a LandKit database") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("events cannot be updated or deleted, even with raw SQL")
    func appendOnly() throws {
        let store = try storeWithParcels()
        _ = try store.write {
            try $0.append(
                Event(at: Timestamps.now(), by: "拆迁一组", entity: .parcel, entityID: "DK01", projectID: nil, action: .geometryChanged))
        }
        try store.close()
        for sql in ["UPDATE events SET note = 'changed'", "DELETE FROM events"] {
            let (status, _, err) = try run(
                "/usr/bin/python3",
                ["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()", dir.path("t.gpkg"), sql])
            #expect(status != 0)
            #expect(err.contains("events are append-only"))
        }
        #expect(try GeoPackageStore.open(at: dir.path("t.gpkg")).read { try $0.events(entity: nil, id: nil, projectID: nil) }.count == 1)
    }

    @Test("a failure half-way through a multi-row write leaves the database as it was")
    func rollback() throws {
        let store = try storeWithParcels()
        let before = try contentDump(dir.path("t.gpkg"))
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.write { s in
                _ = try s.upsert(try squareParcel("DK04", x: 500_100, y: 3_320_000, size: 100, calc: calc))
                try s.append(
                    Event(at: Timestamps.now(), by: "t", entity: .parcel, entityID: "DK04", projectID: nil, action: .geometryChanged))
                _ = try s.upsert(try squareParcel("DK05", x: 500_200, y: 3_320_000, size: 100, calc: calc))
                throw Boom()
            }
        }
        #expect(try contentDump(dir.path("t.gpkg")) == before)
        #expect(try store.read { try $0.parcel(id: "DK04") } == nil)
    }

    @Test("two OS processes writing 500 events each at the same time: all 1000 are there")
    func twoProcesses() throws {
        let path = dir.path("t.gpkg")
        try storeWithParcels().close()
        let exe = testSupportExecutable
        let procs = try ["team-a", "team-b"].map { team -> Process in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = ["append-test-events", "--db", path, "--count", "500", "--by", team]
            p.standardError = FileHandle.nullDevice
            try p.run()
            return p
        }
        for p in procs {
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let events = try GeoPackageStore.open(at: path).read { try $0.events(entity: nil, id: nil, projectID: nil) }
        #expect(events.count == 1000)
        #expect(events.filter { $0.by == "team-a" }.count == 500)
        #expect(Set(events.map(\.seq)).count == 1000)
    }
}

@Suite("GeoPackage store: concurrent reads (landkit serve)")
struct ConcurrentReadTests {
    @Test("with concurrentReads a read runs while a write transaction is open, and sees the snapshot before its commit")
    func readBesideWriter() throws {
        let dir = try TempDir()
        _ = try GeoPackageStore.create(at: dir.path("p.gpkg"))
        let store = try GeoPackageStore.open(at: dir.path("p.gpkg"), concurrentReads: true)
        let inside = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), written = DispatchGroup()
        written.enter()
        DispatchQueue.global().async {
            defer { written.leave() }
            try? store.write { s in
                try s.add(Team(id: "t9", name: "拆迁九组"))
                inside.signal()
                release.wait()
            }
        }
        inside.wait()
        let read = DispatchGroup()
        let seen = Mutex<Int?>(nil)
        read.enter()
        DispatchQueue.global().async {
            defer { read.leave() }
            let n = try? store.read { try $0.teams().count }
            seen.withLock { $0 = n }
        }
        // With one connection this read would wait for the writer; with the pool it answers at once.
        #expect(read.wait(timeout: .now() + 10) == .success)
        #expect(seen.withLock { $0 } == 0)
        release.signal()
        written.wait()
        #expect(try store.read { try $0.teams().map(\.name) } == ["拆迁九组"])
    }
}
