/// A database problem: the file cannot be used, or an operation is not allowed.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, stable across versions: front ends map it to hints and statuses.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// The file or server cannot be opened (missing directory, permissions).
        case cannotOpen = "cannot-open"
        /// No database at the path given.
        case noDatabase = "no-database"
        /// `init` was asked to create a database where a file exists.
        case databaseExists = "database-exists"
        /// A project or zone with this id exists.
        case alreadyExists = "already-exists"
        /// The operation names a project that does not exist.
        case unknownProject = "unknown-project"
        /// The file is not a LandKit database (another SQLite file, another GeoPackage, not SQLite).
        case notLandKit = "not-landkit"
        /// Written by a newer LandKit.
        case newerSchema = "newer-schema"
        /// A write was attempted in a read transaction or on a read-only file.
        case readOnly = "read-only"
        /// Another process holds the write lock for longer than the busy timeout.
        case busy
        /// The disk is full.
        case full
        /// The database fails its integrity checks.
        case corrupt
        /// The disk or file system failed a read or write.
        case ioError = "io-error"
        /// A stored value LandKit cannot read (an unknown stage code, a malformed time).
        case invalidData = "invalid-data"
        /// The operation names an item or row that does not exist.
        case notFound = "not-found"
        /// The append-only event log refused a change.
        case immutable
        case other
    }

    public var code: Code
    public var message: String
    /// The underlying cause (SQLite's message), when there is one.
    public var cause: String?

    public init(_ message: String) {
        self.init(.other, message)
    }

    public init(_ code: Code, _ message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { cause.map { "\(message) (\($0))" } ?? message }
}
