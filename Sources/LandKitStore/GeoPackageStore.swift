import Foundation
import GRDB
import LandKit

/// A LandKit database in one GeoPackage file (SQLite, WAL mode) that QGIS and GDAL open directly.
///
/// Several processes may write at once: each write is one IMMEDIATE transaction, and a writer that
/// finds the database locked waits (busy timeout) instead of failing.
public final class GeoPackageStore: LandStore {
    public let location: String
    public let storageCRS: CRS
    /// A `DatabaseQueue` (one connection: what every command needs), or for a long-running server a `DatabasePool`,
    /// whose WAL readers run beside the writer.
    let queue: any DatabaseWriter

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeoutSeconds: TimeInterval = 30

    /// Creates a new, empty LandKit database.
    /// - Parameters:
    ///   - path: the file to create.
    ///   - crs: the storage CRS (a projected CRS in metres; default EPSG:4544).
    ///   - force: replace an existing file.
    /// - Throws: `StoreError` when the file exists and `force` is false, or the CRS is unusable.
    public static func create(at path: String, crs: CRS = .cm105, force: Bool = false) throws -> GeoPackageStore {
        try createFile(at: path, crs: crs, force: force, upTo: nil)
        return try open(at: path)
    }

    /// The identifiers of the schema migrations, oldest first (for tools that build older files).
    @_spi(TestSupport) public static var migrationIdentifiers: [String] { Migrations.identifiers }

    /// Writes a new database file. `upTo`: stop after this migration (tests and the migration
    /// benchmark build files of an older schema with it).
    @_spi(TestSupport) public static func createFile(at path: String, crs: CRS, force: Bool, upTo: String?) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            guard force else { throw StoreError(.databaseExists, "\(path) already exists") }
        }
        guard !crs.isGeographic else {
            throw StoreError("the storage CRS must be projected in metres (e.g. EPSG:4544), not geographic \(crs)")
        }
        do {
            _ = try crs.wkt()
        } catch {
            throw StoreError("cannot use \(crs) as the storage CRS: \(error)")
        }
        // Build the new file beside the target and move it in place, so a failure leaves nothing half-made.
        let temp = path + ".creating-\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.removeItem(atPath: temp)
        do {
            let q = try DatabaseQueue(path: temp, configuration: configuration(readonly: false))
            let migrator = Migrations.migrator(storage: crs)
            if let upTo { try migrator.migrate(q, upTo: upTo) } else { try migrator.migrate(q) }
            try q.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            try q.close()
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
            try fm.moveItem(atPath: temp, toPath: path)
            for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: temp + suffix) }
        } catch let e as DatabaseError {
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: temp + suffix) }
            throw storeError(e, path: path)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: temp + suffix) }
            throw error
        }
    }

    /// Opens an existing LandKit database, migrating an older schema after a backup copy.
    /// - Throws: `StoreError` for a missing file, a file that is not SQLite, a GeoPackage that is not
    ///   a LandKit database, or a database written by a newer LandKit. Such files are left untouched.
    /// - Parameter readOnly: open for reading only (reports, history, info): the file is never written,
    ///   not even to set up WAL, so a read-only file or folder can be read, and a long write elsewhere
    ///   never blocks it (WAL readers do not wait). A file of an older schema is migrated first if writable.
    /// - Parameter concurrentReads: a pool of connections, so reads (reports, logins, lists) run while a write is
    ///   in progress instead of queueing behind it: for `landkit serve`. Writes stay one at a time.
    public static func open(at path: String, readOnly: Bool = false, concurrentReads: Bool = false) throws -> GeoPackageStore {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else {
            throw StoreError(.noDatabase, "no LandKit database at \(path)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.cannotOpen, "cannot read \(path): check its permissions")
        }
        let magic = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        guard magic == Data("SQLite format 3\0".utf8) else {
            throw StoreError(.notLandKit, "\(path) is not a LandKit database (not an SQLite/GeoPackage file)")
        }
        // Inspect read-only first: a foreign or newer file must not be touched (not even switched to WAL).
        let (version, crs) = try inspect(path: path)
        if version > Migrations.currentVersion {
            throw StoreError(
                "\(path) was written by a newer LandKit (schema \(version); this LandKit knows up to \(Migrations.currentVersion)): upgrade LandKit"
            )
        }
        if readOnly && version == Migrations.currentVersion {
            do {
                let queue = try DatabaseQueue(path: path, configuration: configuration(readonly: true))
                return GeoPackageStore(location: path, storageCRS: crs, queue: queue, readOnly: true)
            } catch {
                throw StoreError(.cannotOpen, "\(path) cannot be opened for reading", cause: "\(error)")
            }
        }
        // Check the pages before writing into the file (quick_check, not the full check): always for a
        // file small enough that it costs a fraction of a second, and for any file after an unclean
        // shutdown (a -wal file with frames left behind, or another writer running). `info --verify` runs the full check.
        let uncleanShutdown = needsQuickCheck(path)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration(readonly: false))
            if uncleanShutdown {
                let check = try queue.read { try String.fetchAll($0, sql: "PRAGMA quick_check(5)") }
                guard check == ["ok"] else {
                    throw StoreError(
                        .corrupt,
                        "\(path) is damaged (\(check.first ?? "quick_check failed")): restore it from a backup; nothing was written")
                }
            }
        } catch let e as DatabaseError {
            throw storeError(e, path: path)
        }
        if version < Migrations.currentVersion {
            let backup = backupPath(for: path, version: version)
            do {
                try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [backup]) }
            } catch let e as DatabaseError {
                throw storeError(e, path: backup)
            }
            do {
                try Migrations.migrator(storage: crs).migrate(queue)
            } catch let e as DatabaseError {
                throw storeError(e, path: path)
            }
        }
        // Codes and default styles follow this LandKit's stages (a new stage gets its name and colour).
        if try !queue.read(QGISLayers.isCurrent) { try queue.write(QGISLayers.refresh) }
        guard concurrentReads else { return GeoPackageStore(location: path, storageCRS: crs, queue: queue, readOnly: false) }
        // Checked and migrated through the one connection above; now the same file through a pool.
        do {
            try queue.close()
            let pool = try DatabasePool(path: path, configuration: configuration(readonly: false))
            return GeoPackageStore(location: path, storageCRS: crs, queue: pool, readOnly: false)
        } catch let e as DatabaseError {
            throw storeError(e, path: path)
        }
    }

    private init(location: String, storageCRS: CRS, queue: any DatabaseWriter, readOnly: Bool) {
        self.location = location
        self.storageCRS = storageCRS
        self.queue = queue
        self.readOnly = readOnly
    }

    /// Opened for reading only: writes are refused before they reach SQLite.
    public let readOnly: Bool

    private func requireWritable() throws {
        guard !readOnly else { throw StoreError(.readOnly, "\(location) was opened for reading only") }
    }

    static func backupPath(for path: String, version: Int) -> String {
        let url = URL(fileURLWithPath: path)
        let base = url.deletingPathExtension().lastPathComponent
        let stamp = Timestamps.nowUTC().replacingOccurrences(of: ":", with: "").prefix(17)
        return url.deletingLastPathComponent().appendingPathComponent("\(base).schema\(version)-backup-\(stamp).gpkg").path
    }

    /// Reads the schema version and storage CRS without changing the file.
    private static func inspect(path: String) throws -> (Int, CRS) {
        let q: DatabaseQueue
        do {
            q = try DatabaseQueue(path: path, configuration: configuration(readonly: true))
        } catch {
            throw StoreError(.cannotOpen, "\(path) cannot be opened as a database", cause: "\(error)")
        }
        defer { try? q.close() }
        do {
            return try q.read { db in
                let app = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let hasMeta = try db.tableExists("landkit_meta")
                guard app == GeoPackageSchema.applicationID, hasMeta else {
                    let what =
                        app == GeoPackageSchema.applicationID
                        ? "a GeoPackage but not a LandKit database" : "not a LandKit database (an SQLite file without LandKit's tables)"
                    throw StoreError(.notLandKit, "\(path) is \(what)")
                }
                let version =
                    try String.fetchOne(db, sql: "SELECT value FROM landkit_meta WHERE key = 'schema_version'").flatMap(Int.init) ?? 0
                let crsText = try String.fetchOne(db, sql: "SELECT value FROM landkit_meta WHERE key = 'storage_crs'") ?? ""
                guard let crs = try? CRS(parsing: crsText) else {
                    throw StoreError("\(path) has no valid storage CRS in landkit_meta (\"\(crsText)\")")
                }
                return (version, crs)
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.cannotOpen, "\(path) cannot be read as a database", cause: "\(error)")
        }
    }

    /// Files up to this size get a quick_check before every write (about 0.2 s at this size here).
    static let quickCheckMaxBytes = 32 << 20

    /// Whether opening `path` for writing runs `PRAGMA quick_check` first: a file of at most
    /// `maxBytes`, or one with a -wal file holding frames (an unclean shutdown, or a writer running).
    /// An empty -wal is what a reader's close leaves behind: nothing to recover, and no reason to read
    /// a 350 MB file before a one-row `status set` (it made every write after a report cost 0.9 s).
    static func needsQuickCheck(_ path: String, maxBytes: Int = quickCheckMaxBytes) -> Bool {
        let fm = FileManager.default
        let size = (try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let walBytes = (try? fm.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return walBytes > 0 || size <= maxBytes
    }

    static func configuration(readonly: Bool) -> Configuration {
        var c = Configuration()
        c.readonly = readonly
        c.foreignKeysEnabled = true
        c.busyMode = .timeout(busyTimeoutSeconds)
        c.label = "LandKit"
        c.prepareDatabase { db in GeoPackageFunctions.register(on: db) }
        if let ms = ProcessInfo.processInfo.environment["LANDKIT_SQL_PROFILE"].flatMap(Double.init) {
            // Diagnostics: every statement slower than this many milliseconds, with its time, on stderr.
            c.prepareDatabase { db in
                db.trace(options: .profile) { event in
                    if case .profile(let statement, let duration) = event, duration * 1000 >= ms {
                        FileHandle.standardError.write(Data("sql \(String(format: "%.1f", duration * 1000)) ms: \(statement.sql)\n".utf8))
                    }
                }
            }
        }
        if !readonly {
            // WAL is a persistent property of the file: set it when it is not set yet (a new file). GRDB's own
            // `.wal` set-up commits a dummy CREATE and DROP TABLE whenever no -wal file exists, which changed the
            // file on every open, even of an import that changed nothing.
            c.prepareDatabase { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                        throw StoreError(.cannotOpen, "the database cannot be switched to WAL mode")
                    }
                }
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        return c
    }

    public func read<T>(_ body: (any StoreSession) throws -> T) throws -> T {
        try mapped { try queue.read { db in try body(GeoPackageSession(db: db, store: self, writable: false)) } }
    }

    /// Runs `work`, turning SQLite's errors into store errors that say what happened to which file
    /// and what to do; errors of the domain pass through unchanged.
    private func mapped<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let e as DatabaseError {
            throw Self.storeError(e, path: location)
        }
    }

    /// The store error for `error` when it is an SQLite failure that escaped the store's own mapping, so that
    /// a front end never shows a raw SQLite message; nil for any other error.
    /// - Parameters:
    ///   - error: any error a command ended with.
    ///   - path: the database file the command worked on.
    public static func storeError(for error: any Error, path: String) -> StoreError? {
        (error as? DatabaseError).map { storeError($0, path: path) }
    }

    /// The store error for an SQLite failure on `path`.
    static func storeError(_ e: DatabaseError, path: String) -> StoreError {
        let cause = e.message ?? "\(e.resultCode)"
        switch e.resultCode.primaryResultCode {
        case .SQLITE_FULL:
            return StoreError(
                .full, "the disk holding \(path) is full: nothing was written; free some space and run the command again", cause: cause)
        case .SQLITE_READONLY:
            return StoreError(.readOnly, "\(path) cannot be written (a read-only file, folder or disk)", cause: cause)
        case .SQLITE_CANTOPEN:
            return StoreError(.cannotOpen, "\(path) cannot be opened: check that its folder exists and is accessible", cause: cause)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(
                .busy, "\(path) is being written by another process for longer than \(Int(busyTimeoutSeconds)) s: nothing was written",
                cause: cause)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError(.corrupt, "\(path) is damaged: restore it from a backup (nothing was written)", cause: cause)
        case .SQLITE_IOERR:
            return StoreError(.ioError, "reading or writing \(path) failed (disk or file system error): nothing was written", cause: cause)
        case .SQLITE_CONSTRAINT:
            return StoreError(.immutable, "\(path) refused the change: \(cause)")
        default:
            return StoreError(.other, "\(path): the database refused the operation", cause: cause)
        }
    }

    public func dryRun<T>(_ body: (any StoreSession) throws -> T) throws -> T {
        try requireWritable()
        return try mapped {
            try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    let session = GeoPackageSession(db: db, store: self, writable: true)
                    try session.begin()
                    result = try body(session)
                    return .rollback
                }
                guard let result else { throw StoreError("the dry-run transaction ended without a result") }
                return result
            }
        }
    }

    @discardableResult
    public func write<T>(_ body: (any StoreSession) throws -> T) throws -> T {
        try requireWritable()
        return try mapped {
            try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    let session = GeoPackageSession(db: db, store: self, writable: true)
                    try session.begin()
                    result = try body(session)
                    // Nothing inserted, updated or deleted (a re-import of unchanged data): roll back, so that the
                    // bulk path's trigger swap and the extent refresh leave no trace and the file stays byte-identical.
                    guard session.changedRows else { return .rollback }
                    try session.finish()
                    return .commit
                }
                guard let result else { throw StoreError("the write transaction ended without a result") }
                return result
            }
        }
    }

    /// Closes the file (checkpointing the WAL).
    public func close() throws {
        try queue.close()
    }
}
