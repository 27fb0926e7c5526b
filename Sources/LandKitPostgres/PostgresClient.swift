import Foundation
import LandKit
import LandKitStore
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// Where a PostgreSQL database is: `postgresql://USER[:PASS]@HOST[:PORT]/DBNAME` (or `postgres://`). The password
/// may also come from `$PGPASSWORD`; it is never shown (``display``).
public struct PostgresAddress: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String

    /// True when `text` names a PostgreSQL database rather than a file.
    public static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// - Throws: `StoreError` naming what is missing.
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isAddress(text), let c = URLComponents(string: text) else {
            throw StoreError(.cannotOpen, "\(text) is not a PostgreSQL address (postgresql://USER[:PASS]@HOST[:PORT]/DBNAME)")
        }
        let shown = Self.display(text)
        guard let user = c.user, !user.isEmpty else {
            throw StoreError(.cannotOpen, "\(shown): name the user (postgresql://USER@HOST/DBNAME)")
        }
        guard let host = c.host, !host.isEmpty else { throw StoreError(.cannotOpen, "\(shown): name the host") }
        let database = String(c.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError(.cannotOpen, "\(shown): name the database (postgresql://USER@HOST/DBNAME)")
        }
        self.user = user.removingPercentEncoding ?? user
        password = c.password.map { $0.removingPercentEncoding ?? $0 } ?? environment["PGPASSWORD"]
        self.host = host
        port = c.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
    }

    /// The address as shown in messages and `info`: without the password.
    public var display: String { "postgresql://\(user)@\(host):\(port)/\(database)" }

    static func display(_ text: String) -> String {
        guard var c = URLComponents(string: text) else { return "postgresql://…" }
        c.password = nil
        return c.string ?? "postgresql://…"
    }
}

/// A value bound to a statement parameter ($1, $2 …).
enum SQLValue {
    case null
    case text(String?)
    case int(Int64?)
    case double(Double?)
    case bool(Bool?)
    case bytes([UInt8]?)
    case ints([Int64])
    case texts([String])

    static func int(_ v: Int?) -> SQLValue { .int(v.map(Int64.init)) }
}

/// One row of a result, read by column position.
struct SQLRow {
    let row: PostgresRandomAccessRow

    func string(_ i: Int) throws -> String {
        guard let s = try row[i].decode(String?.self) else { throw StoreError(.invalidData, "column \(row[i].columnName) is NULL") }
        return s
    }
    func optionalString(_ i: Int) throws -> String? { try row[i].decode(String?.self) }
    func int(_ i: Int) throws -> Int64 { try row[i].decode(Int64?.self) ?? 0 }
    func optionalInt(_ i: Int) throws -> Int64? { try row[i].decode(Int64?.self) }
    func double(_ i: Int) throws -> Double { try row[i].decode(Double?.self) ?? 0 }
    func optionalDouble(_ i: Int) throws -> Double? { try row[i].decode(Double?.self) }
    func bool(_ i: Int) throws -> Bool { try row[i].decode(Bool?.self) ?? false }
    func bytes(_ i: Int) throws -> [UInt8]? {
        guard var buffer = try row[i].decode(ByteBuffer?.self) else { return nil }
        return buffer.readBytes(length: buffer.readableBytes)
    }
}

/// One connection to the server, used from one thread at a time (a transaction). Every call blocks its
/// thread until the server answers: the store's protocol is synchronous, and callers are never on an event loop
/// (the CLI's main thread, the server's blocking pool).
final class PostgresLink: @unchecked Sendable {
    let connection: PostgresConnection
    let address: PostgresAddress
    private let logger: Logger

    private init(connection: PostgresConnection, address: PostgresAddress, logger: Logger) {
        self.connection = connection
        self.address = address
        self.logger = logger
    }

    static func connect(_ address: PostgresAddress, database: String? = nil) throws -> PostgresLink {
        var logger = Logger(label: "landkit.postgres")
        logger.logLevel = .critical
        let configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password,
            database: database ?? address.database, tls: .disable)
        do {
            let c = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger
            ).wait()
            return PostgresLink(connection: c, address: address, logger: logger)
        } catch {
            throw StoreError(.cannotOpen, "cannot connect to \(address.display): \(Self.message(error))")
        }
    }

    func close() {
        try? connection.close().wait()
    }

    /// The rows of one statement.
    @discardableResult
    func query(_ sql: String, _ binds: [SQLValue] = []) throws -> [SQLRow] {
        try run(sql, binds).rows.map { SQLRow(row: $0.makeRandomAccess()) }
    }

    /// Runs one statement; returns the rows it changed.
    @discardableResult
    func execute(_ sql: String, _ binds: [SQLValue] = []) throws -> Int {
        try run(sql, binds).metadata.rows ?? 0
    }

    private func run(_ sql: String, _ binds: [SQLValue]) throws -> PostgresQueryResult {
        var b = PostgresBindings(capacity: binds.count)
        for v in binds {
            switch v {
            case .null: b.appendNull()
            case .text(let s): b.append(s)
            case .int(let i): b.append(i)
            case .double(let d): b.append(d)
            case .bool(let x): b.append(x)
            case .bytes(let bytes): b.append(bytes.map { ByteBuffer(bytes: $0) })
            case .ints(let list): b.append(list)
            case .texts(let list): b.append(list)
            }
        }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: b), logger: logger).wait()
        } catch {
            throw PostgresFailure(error)
        }
    }

    static func message(_ error: any Error) -> String {
        if let p = error as? PSQLError, let m = p.serverInfo?[.message] { return m }
        if let f = error as? PostgresFailure { return f.message }
        return "\(error)"
    }
}

/// A statement the server refused, with its SQLSTATE (40001: serialization failure, P0001: raised by a trigger).
struct PostgresFailure: Error, CustomStringConvertible {
    var sqlState: String?
    var message: String

    init(_ error: any Error) {
        if let p = error as? PSQLError {
            sqlState = p.serverInfo?[.sqlState]
            message = p.serverInfo?[.message] ?? "\(p.code)"
        } else {
            message = "\(error)"
        }
    }

    /// The transaction lost a race with another one and may be run again.
    var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }

    var description: String { message }
}
