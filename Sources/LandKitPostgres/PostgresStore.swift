import Foundation
import LandKit
import LandKitStore

/// A LandKit database in PostgreSQL with PostGIS, for a city's land office: many projects, many teams, several
/// `landkit serve` processes and CLI commands writing at once. The same tables and meaning as the GeoPackage
/// (``PostgresSchema``); geometries in PostGIS columns of the storage CRS; overlaps and areas computed by LandKit's
/// engine, so both stores give the same numbers.
///
/// Every write is one SERIALIZABLE transaction, and writers take turns on an advisory lock taken before the
/// transaction begins (``writerLock``): a write sees every write committed before it, so two teams cannot both
/// move the same item from the same stage, and the hash-chained logs never fork. Reads never wait. A transaction
/// the server still rolls back for serialization is run again (up to ``maxAttempts`` times), so nothing is lost;
/// the body of a write must therefore not have effects outside the store.
public final class PostgresStore: LandStore, @unchecked Sendable {
    public let location: String
    public let storageCRS: CRS
    let address: PostgresAddress
    /// How many times a write that lost a serialization race is run.
    public static let maxAttempts = 12

    private let lock = NSLock()
    private var idle: [PostgresLink] = []

    private init(address: PostgresAddress, storageCRS: CRS, first: PostgresLink) {
        self.address = address
        location = address.display
        self.storageCRS = storageCRS
        idle = [first]
    }

    deinit {
        for link in idle { link.close() }
    }

    /// Creates LandKit's schema in an empty database (the database itself must exist: `createdb NAME`).
    /// - Parameter force: drop LandKit's tables first when the database already holds them.
    public static func create(at text: String, crs: CRS = .cm105, force: Bool = false) throws -> PostgresStore {
        let address = try PostgresAddress(parsing: text)
        guard !crs.isGeographic else {
            throw StoreError("the storage CRS must be projected in metres (e.g. EPSG:4544), not geographic \(crs)")
        }
        let link = try PostgresLink.connect(address)
        do {
            let exists = try link.query("SELECT to_regclass('public.landkit_meta') IS NOT NULL").first?.bool(0) ?? false
            if exists {
                guard force else { throw StoreError(.databaseExists, "\(address.display) already holds a LandKit database") }
                try link.execute("DROP SCHEMA public CASCADE")
                try link.execute("CREATE SCHEMA public")
            }
            try link.execute("BEGIN")
            do {
                for (i, _) in PostgresSchema.identifiers.enumerated() {
                    for statement in PostgresSchema.statements(i, srid: crs.epsg) { try link.execute(statement) }
                }
                let now = Timestamps.nowUTC()
                for (key, value) in [
                    ("schema_version", "\(PostgresSchema.currentVersion)"), ("landkit_version", LandKitInfo.version),
                    ("storage_crs", crs.description), ("time_zone", Timestamps.defaultTimeZone), ("created_at", now),
                    ("feature_generation", "1"), ("overlaps_generation", "0"),
                ] {
                    try link.execute("INSERT INTO landkit_meta (key, value) VALUES ($1, $2)", [.text(key), .text(value)])
                }
                try link.execute("COMMIT")
            } catch {
                _ = try? link.execute("ROLLBACK")
                throw error
            }
        } catch let f as PostgresFailure {
            link.close()
            throw StoreError(.cannotOpen, "cannot create a LandKit database in \(address.display): \(f.message)")
        } catch {
            link.close()
            throw error
        }
        return PostgresStore(address: address, storageCRS: crs, first: link)
    }

    /// Opens an existing LandKit database.
    /// - Throws: `StoreError` when the server cannot be reached, the database holds no LandKit schema, or a newer
    ///   LandKit wrote it.
    public static func open(at text: String) throws -> PostgresStore {
        let address = try PostgresAddress(parsing: text)
        let link = try PostgresLink.connect(address)
        do {
            guard try link.query("SELECT to_regclass('public.landkit_meta') IS NOT NULL").first?.bool(0) == true else {
                throw StoreError(
                    .notLandKit, "\(address.display) holds no LandKit database: create it with `landkit init --db \(address.display)`")
            }
            let meta = try Dictionary(
                uniqueKeysWithValues: link.query("SELECT key, value FROM landkit_meta WHERE key IN ('schema_version', 'storage_crs')").map {
                    (try $0.string(0), try $0.string(1))
                })
            let version = Int(meta["schema_version"] ?? "") ?? 0
            guard version <= PostgresSchema.currentVersion else {
                throw StoreError(
                    "\(address.display) was written by a newer LandKit (schema \(version); this LandKit knows up to \(PostgresSchema.currentVersion)): upgrade LandKit"
                )
            }
            guard let crsText = meta["storage_crs"], let crs = try? CRS(parsing: crsText) else {
                throw StoreError(.invalidData, "\(address.display): the storage CRS is missing from landkit_meta")
            }
            return PostgresStore(address: address, storageCRS: crs, first: link)
        } catch let f as PostgresFailure {
            link.close()
            throw StoreError(.cannotOpen, "cannot open \(address.display): \(f.message)")
        } catch {
            link.close()
            throw error
        }
    }

    /// Closes every idle connection.
    public func close() {
        lock.lock()
        let links = idle
        idle = []
        lock.unlock()
        for l in links { l.close() }
    }

    private func withLink<T>(_ body: (PostgresLink) throws -> T) throws -> T {
        lock.lock()
        let taken = idle.popLast()
        lock.unlock()
        let link = try taken ?? PostgresLink.connect(address)
        var healthy = true
        defer {
            if healthy {
                lock.lock()
                idle.append(link)
                lock.unlock()
            } else {
                link.close()
            }
        }
        do {
            return try body(link)
        } catch {
            // A connection left inside a failed transaction is not handed out again.
            if (try? link.execute("ROLLBACK")) == nil { healthy = false }
            throw error
        }
    }

    public func read<T>(_ body: (any StoreSession) throws -> T) throws -> T {
        try withLink { link in
            try link.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            let session = PostgresSession(link: link, store: self, writable: false)
            let result = try Self.translating { try body(session) }
            try link.execute("COMMIT")
            return result
        }
    }

    /// The advisory lock every write holds: writers take turns (as in the GeoPackage, one writer at a time), so
    /// the event and money chains never fork; readers never wait for it.
    static let writerLock: Int64 = 0x4C_414E_444B_4954  // "LANDKIT"

    /// Runs `body` holding the writer lock, taken before the transaction begins (so the transaction's
    /// snapshot already sees the previous writer's commit) and released after it ends, whatever happened.
    private func holdingWriterLock<T>(_ link: PostgresLink, _ body: () throws -> T) throws -> T {
        try link.execute("SELECT pg_advisory_lock($1)", [.int(Self.writerLock)])
        defer { _ = try? link.execute("SELECT pg_advisory_unlock($1)", [.int(Self.writerLock)]) }
        return try body()
    }

    @discardableResult
    public func write<T>(_ body: (any StoreSession) throws -> T) throws -> T {
        try withLink { link in try holdingWriterLock(link) { try transaction(link, body) } }
    }

    private func transaction<T>(_ link: PostgresLink, _ body: (any StoreSession) throws -> T) throws -> T {
        do {
            var attempt = 0
            while true {
                attempt += 1
                do {
                    try link.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
                    let session = PostgresSession(link: link, store: self, writable: true)
                    let result = try body(session)
                    try session.finish()
                    try link.execute("COMMIT")
                    return result
                } catch let f as PostgresFailure where f.isRetryable && attempt < Self.maxAttempts {
                    try link.execute("ROLLBACK")
                    Thread.sleep(forTimeInterval: Double.random(in: 0.002...0.02) * Double(attempt))
                } catch {
                    _ = try? link.execute("ROLLBACK")
                    throw Self.translated(error)
                }
            }
        }
    }

    public func dryRun<T>(_ body: (any StoreSession) throws -> T) throws -> T {
        try withLink { link in
            try holdingWriterLock(link) {
                try link.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
                defer { _ = try? link.execute("ROLLBACK") }
                let session = PostgresSession(link: link, store: self, writable: true)
                return try Self.translating { try body(session) }
            }
        }
    }

    private static func translating<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw translated(error) }
    }

    /// A server refusal as a `StoreError` (a trigger's message as it is; other failures with their text).
    static func translated(_ error: any Error) -> any Error {
        guard let f = error as? PostgresFailure else { return error }
        if f.sqlState == "P0001" { return StoreError(.immutable, f.message) }
        if f.sqlState == "23505" { return StoreError(.alreadyExists, f.message) }
        return StoreError(.invalidData, "the database refused a statement: \(f.message)")
    }
}
