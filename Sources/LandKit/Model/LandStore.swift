import Foundation

/// Counts and facts about one LandKit database.
public struct StoreInfo: Sendable, Codable, Equatable {
    public var location: String
    public var storageCRS: CRS
    public var crsName: String
    public var schemaVersion: Int
    public var landKitVersion: String
    public var timeZone: String
    /// Rows per table: parcels, buildings, utilities, zones, projects, land_items, household_items, utility_items; the
    /// log's item events (`events`) and changes to projects and red lines (`project_changes`).
    public var counts: [String: Int]

    public init(
        location: String, storageCRS: CRS, crsName: String, schemaVersion: Int, landKitVersion: String, timeZone: String,
        counts: [String: Int]
    ) {
        self.location = location
        self.storageCRS = storageCRS
        self.crsName = crsName
        self.schemaVersion = schemaVersion
        self.landKitVersion = landKitVersion
        self.timeZone = timeZone
        self.counts = counts
    }
}

/// What an upsert did to one feature.
public enum UpsertOutcome: String, Sendable, Codable {
    case inserted
    case updated
    /// Same geometry and attributes: nothing written.
    case unchanged
}

/// A parcel as the overlap engine needs it: key, geometry and stored areas.
public struct StoredParcelShape: Sendable {
    public var id: String
    /// The geometry as stored: a store hands over its WKB undecoded (the engine's workers decode it).
    public var source: ShapeGeometry
    public var areaSquareMetres: Double
    public var planarAreaSquareMetres: Double

    public init(id: String, geometry: Geometry, areaSquareMetres: Double, planarAreaSquareMetres: Double) {
        self.init(id: id, source: .value(geometry), areaSquareMetres: areaSquareMetres, planarAreaSquareMetres: planarAreaSquareMetres)
    }

    public init(id: String, source: ShapeGeometry, areaSquareMetres: Double, planarAreaSquareMetres: Double) {
        self.id = id
        self.source = source
        self.areaSquareMetres = areaSquareMetres
        self.planarAreaSquareMetres = planarAreaSquareMetres
    }

    /// The shape handed to an ``OverlapEngine`` under `key`.
    public func shape(key: Int64) -> ParcelShape {
        ParcelShape(key: key, source: source, ellipsoidalAreaSquareMetres: areaSquareMetres, planarAreaSquareMetres: planarAreaSquareMetres)
    }
}

/// What the overlap engine found for one item: its payload, which depends on the entity kind.
public enum ItemOverlap: Hashable, Sendable {
    /// A parcel's share of the red line.
    case land(LandOverlap)
    /// A house inside or on the edge of the red line.
    case household(BuildingPosition)
    /// A utility: metres of line inside the red line (0 for a point utility such as a pole or substation).
    case utility(lengthMetres: Double)

    public var entity: EntityKind {
        switch self {
        case .land: .parcel
        case .household: .household
        case .utility: .utility
        }
    }
}

/// A parcel's overlap with a red line.
public struct LandOverlap: Hashable, Sendable {
    /// Ellipsoidal (CGCS2000) area of parcel ∩ red line, m².
    public var squareMetres: Double
    /// Planar (storage CRS) area of the same piece, m².
    public var planarSquareMetres: Double
    /// Overlap / parcel area (ellipsoidal).
    public var fraction: Double
    /// The overlap is under the sliver threshold: listed for review.
    public var sliver: Bool

    public init(squareMetres: Double, planarSquareMetres: Double, fraction: Double, sliver: Bool) {
        self.squareMetres = squareMetres
        self.planarSquareMetres = planarSquareMetres
        self.fraction = fraction
        self.sliver = sliver
    }

    /// The ellipsoidal overlap in mu (unrounded).
    public var mu: Double { AreaUnit.mu(squareMetres: squareMetres) }
}

/// One item of a project (land share, household or utility) with its overlap figures and cached status.
public struct ProjectItem: Sendable, Hashable {
    public var id: String
    public var projectID: String
    public var overlap: ItemOverlap
    /// True when the item no longer overlaps its project (kept because it had progressed).
    public var outOfZone: Bool
    public var status: ItemStatus

    public init(id: String, projectID: String, overlap: ItemOverlap, outOfZone: Bool = false, status: ItemStatus? = nil) {
        self.id = id
        self.projectID = projectID
        self.overlap = overlap
        self.outOfZone = outOfZone
        self.status = status ?? .initial(overlap.entity)
    }

    public var entity: EntityKind { overlap.entity }

    /// The land overlap (parcels only).
    public var land: LandOverlap? {
        if case .land(let l) = overlap { return l }
        return nil
    }

    /// Inside or edge (households only).
    public var position: BuildingPosition? {
        if case .household(let p) = overlap { return p }
        return nil
    }

    /// Metres inside the red line (utilities only).
    public var lengthMetres: Double? {
        if case .utility(let m) = overlap { return m }
        return nil
    }

    /// The ellipsoidal land overlap, m²; 0 for households and utilities.
    public var overlapSquareMetres: Double { land?.squareMetres ?? 0 }
}

/// A LandKit database. The GeoPackage file store implements it today; a PostgreSQL/PostGIS store
/// can implement it later without changes to the domain or the CLI.
///
/// Every command runs its work inside one `write` (one transaction: all or nothing) or `read`.
public protocol LandStore: AnyObject, Sendable {
    /// Where the data lives (a file path, a connection string without password).
    var location: String { get }
    /// The CRS every geometry is stored in.
    var storageCRS: CRS { get }
    /// Runs `body` in a read transaction (a consistent snapshot).
    func read<T>(_ body: (any StoreSession) throws -> T) throws -> T
    /// Runs `body` in one write transaction: committed if it returns, rolled back entirely if it throws.
    @discardableResult func write<T>(_ body: (any StoreSession) throws -> T) throws -> T
    /// Runs `body` in a write transaction that is always rolled back: a dry run sees the effect of its
    /// own writes and leaves the database exactly as it was.
    func dryRun<T>(_ body: (any StoreSession) throws -> T) throws -> T
}

/// The operations available inside a transaction. Write operations throw in a read transaction.
public protocol StoreSession {
    func info() throws -> StoreInfo

    // Features
    func parcel(id: String) throws -> Parcel?
    func building(id: String) throws -> Building?
    func utility(id: String) throws -> Utility?
    /// The name of the file a stored feature came from (see the default in the extension).
    func sourceFile(_ entity: EntityKind, id: String) throws -> String?
    func upsert(_ parcel: Parcel) throws -> UpsertOutcome
    func upsert(_ building: Building) throws -> UpsertOutcome
    func upsert(_ utility: Utility) throws -> UpsertOutcome
    /// Calls `body` with parcels in batches of about `batchSize`, in id order. `onlyDirty`: only
    /// parcels whose overlaps are stale.
    func forEachParcelBatch(batchSize: Int, onlyDirty: Bool, _ body: ([StoredParcelShape]) throws -> Void) throws
    /// Calls `body` with the parcels whose bounding boxes meet any of `boxes` (through the spatial
    /// index), each parcel once, in batches, in the store's own order.
    func forEachParcelBatch(batchSize: Int, within boxes: [Envelope], _ body: ([StoredParcelShape]) throws -> Void) throws
    /// Calls `body` with the parcels of these ids (unknown ids skipped), each once, in batches.
    func forEachParcelBatch(batchSize: Int, ids: [String], _ body: ([StoredParcelShape]) throws -> Void) throws
    /// True when some feature's overlaps are stale.
    func hasDirtyFeatures() throws -> Bool
    func forEachParcel(_ body: (Parcel) throws -> Void) throws
    func forEachBuilding(onlyDirty: Bool, _ body: (Building) throws -> Void) throws
    /// Buildings whose bounding boxes meet `envelope` (through the spatial index).
    func forEachBuilding(within envelope: Envelope, _ body: (Building) throws -> Void) throws
    func forEachUtility(onlyDirty: Bool, _ body: (Utility) throws -> Void) throws
    /// Marks every feature's overlaps as fresh.
    func markFeaturesClean() throws

    // Projects and zones
    func projects() throws -> [Project]
    func project(id: String) throws -> Project?
    func add(_ project: Project) throws
    func zones(projectID: String?) throws -> [Zone]
    func add(_ zone: Zone) throws
    /// Writes a project's name, kind, due date and closing (its id names it; revisions are the store's).
    func update(_ project: Project) throws
    /// Replaces a zone's polygon (same project and id).
    func replace(_ zone: Zone) throws
    func removeZone(projectID: String, zoneID: String) throws
    /// Keeps the project's current red line, and its items when they were computed against it, as
    /// revision `redLineRevision`, then counts one more revision. Call before changing its zones.
    func beginRedLineRevision(projectID: String) throws
    /// The zones of a red-line revision: kept ones for an earlier revision, the current ones for the current revision.
    func zones(projectID: String, revision: Int) throws -> [Zone]
    /// The items computed against an earlier revision (statuses not kept: derive them from the log), or
    /// nil when none were computed against it.
    func items(projectID: String, revision: Int) throws -> [ProjectItem]?
    /// Projects whose zones changed since their overlaps were last computed.
    func dirtyProjectIDs() throws -> Set<String>
    /// The project's items are current: computed against its current red-line revision.
    func markProjectClean(_ id: String) throws

    // Teams, sections, assignments
    func add(_ team: Team) throws
    func teams() throws -> [Team]
    func add(_ section: Section) throws
    func sections(projectID: String?) throws -> [Section]
    /// Assigns an item to a team (kept: an earlier assignment stays in the history).
    func assign(_ item: ItemKey, teamID: String, at: Date, by: String?) throws
    /// The current team of every assigned item (of one project or all).
    func assignments(projectID: String?) throws -> [ItemKey: String]
    /// The team an item is assigned to now, if any.
    func team(of item: ItemKey) throws -> Team?

    // Items
    func items(projectID: String?, entity: EntityKind?) throws -> [ProjectItem]
    func item(_ entity: EntityKind, id: String, projectID: String) throws -> ProjectItem?
    /// Inserts or updates an item's overlap figures, keeping its cached status.
    func saveOverlap(_ item: ProjectItem) throws
    func setOutOfZone(_ entity: EntityKind, id: String, projectID: String, _ outOfZone: Bool) throws
    /// Removes an item that never progressed and no longer overlaps.
    func removeItem(_ entity: EntityKind, id: String, projectID: String) throws
    func updateCachedStatus(_ entity: EntityKind, id: String, projectID: String, _ status: ItemStatus) throws

    /// A project's land (items in zone) summed by land class: (code, name, ellipsoidal m²), largest first.
    func landByClass(projectID: String) throws -> [(code: String?, name: String?, squareMetres: Double)]

    // Meta
    /// A value of the database's key/value facts (e.g. cached totals).
    func meta(_ key: String) throws -> String?
    func setMeta(_ key: String, _ value: String?) throws

    // Events
    /// Appends an event; returns its sequence number. `recordedAt` is set by the store.
    @discardableResult func append(_ event: Event) throws -> Int64
    /// Appends a change to a project or its red line to the same log; returns its sequence number.
    @discardableResult func append(_ change: ProjectChange) throws -> Int64
    /// Changes to one project (or all), in (`at`, sequence) order, each with the red-line revision after it.
    func projectChanges(projectID: String?) throws -> [ProjectChange]
    /// Item events (parcels, households, utilities) in (`at`, sequence) order.
    func events(entity: EntityKind?, id: String?, projectID: String?) throws -> [Event]
    func forEachEvent(_ body: (Event) throws -> Void) throws
    /// Every entry of the log (item events and project changes) in id order, as stored: its id, the
    /// fields the chain hashes (``EventChain/canonical(_:)``) and its stored hash.
    func forEachStoredEvent(_ body: (_ id: Int64, _ fields: [String?], _ hash: String?) throws -> Void) throws
    /// The head of the event log as the store recorded it with the last append (nil in a database
    /// written before the log was chained).
    func recordedEventHead() throws -> EventChain.Head?
    /// Problems with the database itself: integrity check failures, missing protecting triggers.
    func storeProblems() throws -> [String]
    /// The default layer styles the database keeps for GIS tools (GeoPackage `layer_styles`).
    func layerStyles() throws -> [StoredLayerStyle]

    // Compensation
    /// Stores a rate table under its name with the file text it was read from (a name is imported once).
    func saveRateTable(_ table: RateTable, source: String) throws
    /// Every stored rate table, by name.
    func rateTables() throws -> [StoredRateTable]
    /// The file text of the rate table `name`, or nil.
    func rateTableSource(name: String) throws -> String?
    /// Makes the project use the rate table `name`.
    func setProjectRates(projectID: String, name: String) throws
    /// The rate table the project uses, or nil.
    func projectRates(projectID: String) throws -> String?
    /// Replaces the inventory of every (entity, id) that `lines` mention by `lines`.
    func replaceInventory(_ lines: [InventoryLine]) throws
    /// Every inventory line, by entity and id.
    func inventory() throws -> [InventoryLine]
    /// Appends an agreement or payment to the chained money records; returns its sequence number.
    @discardableResult func append(_ record: MoneyRecord) throws -> Int64
    /// Money records in id order, of one project or all.
    func moneyRecords(projectID: String?) throws -> [MoneyRecord]
    /// The money records of one item, in id order (an indexed lookup: the ledger's per-record check).
    func moneyRecords(projectID: String, entity: EntityKind, id: String) throws -> [MoneyRecord]
    /// A project's money records of one kind with this agreement number or voucher, in id order.
    func moneyRecords(projectID: String, kind: MoneyRecordKind, number: String) throws -> [MoneyRecord]
    /// Every money record in id order with its stored `recorded_at` text and hash, for verifying the chain.
    func forEachStoredMoneyRecord(_ body: (MoneyRecord, _ recordedAt: String, _ hash: String?) throws -> Void) throws
    /// The head of the money records as the store recorded it with the last append.
    func recordedMoneyHead() throws -> EventChain.Head?

    // Documents
    /// Stores `bytes` under their SHA-256 (``DocumentDigest``) unless already stored; true when they were new.
    @discardableResult func storeDocument(_ bytes: [UInt8], sha256: String) throws -> Bool
    /// The bytes stored under `sha256`, or nil.
    func document(sha256: String) throws -> [UInt8]?
    /// Appends an attachment (never edited or removed); returns its id.
    @discardableResult func append(_ attachment: Attachment) throws -> Int64
    /// Attachments in id order: of a project or all, of one entity kind and id when given.
    func attachments(projectID: String?, entity: EntityKind?, id: String?) throws -> [Attachment]

    // Accounts (`landkit serve`)
    /// Adds an account; a name is added once.
    func add(_ account: StoredAccount) throws
    /// Every account, by name.
    func storedAccounts() throws -> [StoredAccount]
    func storedAccount(name: String) throws -> StoredAccount?
    /// Disables or enables an account; disabling also ends its sessions.
    func setAccount(name: String, disabled: Bool) throws
    /// Stores a new login session (its token's SHA-256, never the token).
    func add(_ session: LoginSession) throws
    func loginSession(tokenSHA256: String) throws -> LoginSession?
    /// Ends one session (log out) and every session expired before `now`.
    func removeLoginSession(tokenSHA256: String?, expiredBefore now: Date) throws
}

extension StoreSession {
    // A store that keeps no accounts (yet) says so: the server cannot run on it.
    public func add(_ account: StoredAccount) throws { throw WorkflowError(.invalidInput, "this store keeps no accounts") }
    public func storedAccounts() throws -> [StoredAccount] { [] }
    public func storedAccount(name: String) throws -> StoredAccount? { nil }
    public func setAccount(name: String, disabled: Bool) throws { throw WorkflowError(.invalidInput, "this store keeps no accounts") }
    public func add(_ session: LoginSession) throws { throw WorkflowError(.invalidInput, "this store keeps no accounts") }
    public func loginSession(tokenSHA256: String) throws -> LoginSession? { nil }
    public func removeLoginSession(tokenSHA256: String?, expiredBefore now: Date) throws {}
}

extension StoreSession {
    // Defaults by filtering the project's records; a store with indexes answers them directly.
    public func moneyRecords(projectID: String, entity: EntityKind, id: String) throws -> [MoneyRecord] {
        try moneyRecords(projectID: projectID).filter { $0.entity == entity && $0.entityID == id }
    }
    public func moneyRecords(projectID: String, kind: MoneyRecordKind, number: String) throws -> [MoneyRecord] {
        try moneyRecords(projectID: projectID).filter { $0.kind == kind && $0.number == number }
    }
}

extension StoreSession {
    // A store that keeps no documents (yet) says so instead of losing them.
    public func storeDocument(_ bytes: [UInt8], sha256: String) throws -> Bool {
        throw WorkflowError(.invalidInput, "this store keeps no documents")
    }
    public func document(sha256: String) throws -> [UInt8]? { nil }
    public func append(_ attachment: Attachment) throws -> Int64 {
        throw WorkflowError(.invalidInput, "this store keeps no documents")
    }
    public func attachments(projectID: String?, entity: EntityKind?, id: String?) throws -> [Attachment] { [] }
}

/// A rate table as listed: name, validity and how many rates it holds.
public struct StoredRateTable: Sendable, Hashable {
    public var name: String
    public var validFrom: LocalDate?
    public var validTo: LocalDate?
    public var rates: Int
    public var importedAt: String
    /// SHA-256 of the file text.
    public var sha256: String

    public init(name: String, validFrom: LocalDate?, validTo: LocalDate?, rates: Int, importedAt: String, sha256: String) {
        self.name = name
        self.validFrom = validFrom
        self.validTo = validTo
        self.rates = rates
        self.importedAt = importedAt
        self.sha256 = sha256
    }
}

extension StoreSession {
    /// The default layer styles the database keeps for GIS tools (none unless the store has them).
    public func layerStyles() throws -> [StoredLayerStyle] { [] }
}

extension StoreSession {
    /// The file a stored feature was imported from (its name, without folder), nil when the feature is new or the
    /// store does not know. A store that does not record sources leaves this default.
    public func sourceFile(_ entity: EntityKind, id: String) throws -> String? { nil }
}

extension StoreSession {
    /// True when a parcel, building (household) or utility with this id exists.
    public func featureExists(_ entity: EntityKind, id: String) throws -> Bool {
        switch entity {
        case .parcel: try parcel(id: id) != nil
        case .household: try building(id: id) != nil
        case .utility: try utility(id: id) != nil
        }
    }
}

extension StoreSession {
    /// The database's time zone (dates and local times are read in it); cheap, unlike `info()`, which counts rows.
    public func timeZone() throws -> String {
        try meta("time_zone") ?? Timestamps.defaultTimeZone
    }
}

extension StoreSession {
    /// A team by its id or its name (拆迁一组).
    public func team(named text: String) throws -> Team? {
        let all = try teams()
        return all.first { $0.id == text } ?? all.first { $0.name == text }
    }
}
