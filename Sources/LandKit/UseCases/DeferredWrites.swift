import Foundation

/// A session that reads through to a read transaction and records every write instead of doing it,
/// so a long computation (overlaps) runs without holding the write lock: field teams' writes are not
/// blocked while GEOS works. The recorded writes are then replayed in one short write transaction.
///
/// Reads do not see the recorded writes; a use case may rely on this only where its later reads are
/// not affected by its own earlier writes (true of the overlaps: items are read per project before
/// that project's items are written).
final class DeferredWrites: StoreSession {
    private let base: any StoreSession
    private var writes: [(any StoreSession) throws -> Void] = []

    init(reading base: any StoreSession) { self.base = base }

    /// How many writes were recorded.
    var count: Int { writes.count }

    /// Performs the recorded writes, in order, in `session` (a write transaction).
    func replay(into session: any StoreSession) throws {
        for w in writes { try w(session) }
    }

    private func record(_ w: @escaping (any StoreSession) throws -> Void) { writes.append(w) }

    // Reads go to the read transaction.
    func info() throws -> StoreInfo { try base.info() }
    func parcel(id: String) throws -> Parcel? { try base.parcel(id: id) }
    func building(id: String) throws -> Building? { try base.building(id: id) }
    func utility(id: String) throws -> Utility? { try base.utility(id: id) }
    func sourceFile(_ entity: EntityKind, id: String) throws -> String? { try base.sourceFile(entity, id: id) }
    func forEachParcelBatch(batchSize: Int, onlyDirty: Bool, _ body: ([StoredParcelShape]) throws -> Void) throws {
        try base.forEachParcelBatch(batchSize: batchSize, onlyDirty: onlyDirty, body)
    }
    func forEachParcelBatch(batchSize: Int, within boxes: [Envelope], _ body: ([StoredParcelShape]) throws -> Void) throws {
        try base.forEachParcelBatch(batchSize: batchSize, within: boxes, body)
    }
    func forEachParcelBatch(batchSize: Int, ids: [String], _ body: ([StoredParcelShape]) throws -> Void) throws {
        try base.forEachParcelBatch(batchSize: batchSize, ids: ids, body)
    }
    func hasDirtyFeatures() throws -> Bool { try base.hasDirtyFeatures() }
    func forEachParcel(_ body: (Parcel) throws -> Void) throws { try base.forEachParcel(body) }
    func forEachBuilding(onlyDirty: Bool, _ body: (Building) throws -> Void) throws { try base.forEachBuilding(onlyDirty: onlyDirty, body) }
    func forEachBuilding(within envelope: Envelope, _ body: (Building) throws -> Void) throws {
        try base.forEachBuilding(within: envelope, body)
    }
    func forEachUtility(onlyDirty: Bool, _ body: (Utility) throws -> Void) throws { try base.forEachUtility(onlyDirty: onlyDirty, body) }
    func projects() throws -> [Project] { try base.projects() }
    func project(id: String) throws -> Project? { try base.project(id: id) }
    func zones(projectID: String?) throws -> [Zone] { try base.zones(projectID: projectID) }
    func dirtyProjectIDs() throws -> Set<String> { try base.dirtyProjectIDs() }
    func items(projectID: String?, entity: EntityKind?) throws -> [ProjectItem] { try base.items(projectID: projectID, entity: entity) }
    func item(_ entity: EntityKind, id: String, projectID: String) throws -> ProjectItem? {
        try base.item(entity, id: id, projectID: projectID)
    }
    func landByClass(projectID: String) throws -> [(code: String?, name: String?, squareMetres: Double)] {
        try base.landByClass(projectID: projectID)
    }
    func meta(_ key: String) throws -> String? { try base.meta(key) }
    func events(entity: EntityKind?, id: String?, projectID: String?) throws -> [Event] {
        try base.events(entity: entity, id: id, projectID: projectID)
    }
    func forEachEvent(_ body: (Event) throws -> Void) throws { try base.forEachEvent(body) }
    func forEachStoredEvent(_ body: (Int64, [String?], String?) throws -> Void) throws { try base.forEachStoredEvent(body) }
    func projectChanges(projectID: String?) throws -> [ProjectChange] { try base.projectChanges(projectID: projectID) }
    func teams() throws -> [Team] { try base.teams() }
    func sections(projectID: String?) throws -> [Section] { try base.sections(projectID: projectID) }
    func assignments(projectID: String?) throws -> [ItemKey: String] { try base.assignments(projectID: projectID) }
    func team(of item: ItemKey) throws -> Team? { try base.team(of: item) }
    func zones(projectID: String, revision: Int) throws -> [Zone] { try base.zones(projectID: projectID, revision: revision) }
    func items(projectID: String, revision: Int) throws -> [ProjectItem]? { try base.items(projectID: projectID, revision: revision) }
    func recordedEventHead() throws -> EventChain.Head? { try base.recordedEventHead() }
    func storeProblems() throws -> [String] { try base.storeProblems() }
    func rateTables() throws -> [StoredRateTable] { try base.rateTables() }
    func rateTableSource(name: String) throws -> String? { try base.rateTableSource(name: name) }
    func projectRates(projectID: String) throws -> String? { try base.projectRates(projectID: projectID) }
    func inventory() throws -> [InventoryLine] { try base.inventory() }
    func moneyRecords(projectID: String?) throws -> [MoneyRecord] { try base.moneyRecords(projectID: projectID) }
    func forEachStoredMoneyRecord(_ body: (MoneyRecord, String, String?) throws -> Void) throws { try base.forEachStoredMoneyRecord(body) }
    func recordedMoneyHead() throws -> EventChain.Head? { try base.recordedMoneyHead() }

    // Writes are recorded.
    func upsert(_ parcel: Parcel) throws -> UpsertOutcome {
        record { _ = try $0.upsert(parcel) }
        return .updated
    }
    func upsert(_ building: Building) throws -> UpsertOutcome {
        record { _ = try $0.upsert(building) }
        return .updated
    }
    func upsert(_ utility: Utility) throws -> UpsertOutcome {
        record { _ = try $0.upsert(utility) }
        return .updated
    }
    func markFeaturesClean() throws { record { try $0.markFeaturesClean() } }
    func add(_ project: Project) throws { record { try $0.add(project) } }
    func add(_ zone: Zone) throws { record { try $0.add(zone) } }
    func markProjectClean(_ id: String) throws { record { try $0.markProjectClean(id) } }
    func update(_ project: Project) throws { record { try $0.update(project) } }
    func add(_ team: Team) throws { record { try $0.add(team) } }
    func add(_ section: Section) throws { record { try $0.add(section) } }
    func assign(_ item: ItemKey, teamID: String, at: Date, by: String?) throws {
        record { try $0.assign(item, teamID: teamID, at: at, by: by) }
    }
    func replace(_ zone: Zone) throws { record { try $0.replace(zone) } }
    func removeZone(projectID: String, zoneID: String) throws { record { try $0.removeZone(projectID: projectID, zoneID: zoneID) } }
    func beginRedLineRevision(projectID: String) throws { record { try $0.beginRedLineRevision(projectID: projectID) } }
    func append(_ change: ProjectChange) throws -> Int64 {
        record { try $0.append(change) }
        return 0
    }
    func saveOverlap(_ item: ProjectItem) throws { record { try $0.saveOverlap(item) } }
    func setOutOfZone(_ entity: EntityKind, id: String, projectID: String, _ outOfZone: Bool) throws {
        record { try $0.setOutOfZone(entity, id: id, projectID: projectID, outOfZone) }
    }
    func removeItem(_ entity: EntityKind, id: String, projectID: String) throws {
        record { try $0.removeItem(entity, id: id, projectID: projectID) }
    }
    func updateCachedStatus(_ entity: EntityKind, id: String, projectID: String, _ status: ItemStatus) throws {
        record { try $0.updateCachedStatus(entity, id: id, projectID: projectID, status) }
    }
    func setMeta(_ key: String, _ value: String?) throws { record { try $0.setMeta(key, value) } }
    /// The sequence number is only known when replayed: 0 here.
    func append(_ event: Event) throws -> Int64 {
        record { try $0.append(event) }
        return 0
    }
    func saveRateTable(_ table: RateTable, source: String) throws { record { try $0.saveRateTable(table, source: source) } }
    func setProjectRates(projectID: String, name: String) throws { record { try $0.setProjectRates(projectID: projectID, name: name) } }
    func replaceInventory(_ lines: [InventoryLine]) throws { record { try $0.replaceInventory(lines) } }
    func append(_ record: MoneyRecord) throws -> Int64 {
        self.record { try $0.append(record) }
        return 0
    }
}
