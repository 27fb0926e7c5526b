import Foundation
import GRDB
import LandKit

/// One transaction on a GeoPackage store. GRDB stays inside this module.
final class GeoPackageSession: StoreSession {
    let db: Database
    let store: GeoPackageStore
    let writable: Bool
    /// Feature tables written in this transaction: their extents are refreshed before commit.
    private var touchedTables: Set<String> = []
    /// One timestamp for every row a transaction writes (`updated_at`, `computed_at`): they happen together.
    private(set) lazy var now = Timestamps.nowUTC()
    /// The geometry generation this transaction stamps on features it inserts or moves: one more
    /// than the last one committed. A feature's overlaps are stale while its stamp is above the
    /// generation the last `overlaps` run covered, so marking everything fresh is one meta update,
    /// not a rewrite of every row.
    private lazy var writeGeneration: Int64 = (try? currentGeneration("feature_generation") + 1) ?? 1
    private var generationBumped = false

    private func currentGeneration(_ key: String) throws -> Int64 {
        try String.fetchOne(db, sql: "SELECT value FROM landkit_meta WHERE key = ?", arguments: [key]).flatMap { Int64($0) } ?? 0
    }

    /// The generation covered by the last overlaps run; stamps above it are stale.
    private lazy var coveredGeneration: Int64 = (try? currentGeneration("overlaps_generation")) ?? 0

    private func stampGeneration() throws -> Int64 {
        if !generationBumped {
            try exec(
                "INSERT INTO landkit_meta (key, value) VALUES ('feature_generation', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                arguments: ["\(writeGeneration)"])
            generationBumped = true
        }
        return writeGeneration
    }

    /// Upsert SQL per table, built once per transaction.
    private var upsertSQL: [String: (select: String, insert: String, update: String, updateGeometry: String)] = [:]

    init(db: Database, store: GeoPackageStore, writable: Bool) {
        self.db = db
        self.store = store
        self.writable = writable
    }

    var srsID: Int32 { Int32(store.storageCRS.epsg) }

    /// Runs a statement through GRDB's statement cache (parsing and authorizing SQL dominated bulk writes).
    private func exec(_ sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// Rows changed on the connection when the transaction began (after the writer flag).
    private var changesAtBegin = 0

    /// Whether a statement of this transaction inserted, updated or deleted a row (through any path, triggers
    /// included). The bulk path's trigger swap and the extent refresh do not count: a transaction without
    /// changed rows is rolled back, not committed.
    var changedRows: Bool { db.totalChangesCount > changesAtBegin }

    private func one(_ sql: String, arguments: StatementArguments) throws -> Row? {
        try Row.fetchOne(try db.cachedStatement(sql: sql), arguments: arguments)
    }

    private func requireWritable() throws {
        guard writable else { throw StoreError(.readOnly, "this operation needs a write transaction") }
    }

    /// Feature tables whose R-tree insert trigger is dropped for this transaction (bulk path), and
    /// whether the table was empty when the transaction first wrote to it.
    private var bulkTables: [String: Bool] = [:]

    /// Starts the bulk path for a feature table: the R-tree is filled from our own envelopes
    /// instead of the trigger's five SQL function calls per row.
    private func beginBulk(_ table: String) throws -> Bool {
        if let wasEmpty = bulkTables[table] { return wasEmpty }
        try db.execute(sql: "DROP TRIGGER rtree_\(table)_geom_insert")
        let wasEmpty = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") == 0
        bulkTables[table] = wasEmpty
        return wasEmpty
    }

    /// Called first in a write transaction: marks the transaction as LandKit's (the triggers that
    /// catch outside edits skip it), then takes in the edits made outside LandKit since the last write.
    func begin() throws {
        // The writer flag is bookkeeping, not a change: it does not make a transaction worth committing.
        try db.execute(sql: "INSERT OR IGNORE INTO \(ExternalEdits.writerTable) (flag) VALUES (1)")
        changesAtBegin = db.totalChangesCount
        try absorbExternalEdits()
    }

    /// Called before commit: triggers back, extents current.
    func finish() throws {
        try db.execute(sql: "DELETE FROM \(ExternalEdits.writerTable)")
        if headChanged, let head { try Self.writeHead(db, head) }
        for t in bulkTables.keys.sorted() { try db.execute(sql: GeoPackageSchema.insertTriggerSQL(table: t)) }
        for t in touchedTables.sorted() { try GeoPackageSchema.refreshExtent(db, table: t) }
        try QGISLayers.declareGeometryTypes(db, touched: touchedTables)
    }

    func blob(_ g: Geometry) -> Data { GeoPackageBinary.encode(g, srsID: srsID) }

    // MARK: Outside edits

    private var cachedMeasures: FeatureMeasures?

    /// LandKit's measures in the storage CRS, made on first use.
    private func measures() throws -> FeatureMeasures {
        if let cachedMeasures { return cachedMeasures }
        let m = try FeatureMeasures(crs: store.storageCRS)
        cachedMeasures = m
        return m
    }

    /// A parcel's stored areas, or (cleared by an outside edit and not yet recomputed) its measured ones.
    private func parcelAreas(_ row: Row, _ g: Geometry) throws -> (ellipsoidal: Double, planar: Double) {
        if let e: Double = row["area_m2"], let p: Double = row["planar_area_m2"] { return (e, p) }
        return try measures().parcelAreas(g)
    }

    private func utilityLength(_ row: Row, _ g: Geometry) throws -> Double {
        if let l: Double = row["length_m"] { return l }
        return try measures().utilityLength(g)
    }

    /// Recomputes the derived values an outside edit cleared and records each queued edit as an event.
    private func absorbExternalEdits() throws {
        let edits = try Row.fetchAll(db, sql: "SELECT entity, feature_id, action, at FROM landkit_external_edits ORDER BY fid")
        guard !edits.isEmpty else { return }
        // An outline drawn crossing itself is repaired as an import would repair it, before its areas are measured.
        var repairs: [String: String] = [:]
        for edit in edits where edit["action"] as String != "deleted" {
            guard let id: String = edit["feature_id"], let entity = EntityKind(rawValue: edit["entity"]),
                repairs["\(entity.rawValue) \(id)"] == nil, let t = ExternalEdits.tables.first(where: { $0.entity == entity }),
                let row = try Row.fetchOne(db, sql: "SELECT fid, geom FROM \(t.name) WHERE id = ?", arguments: [id])
            else { continue }
            switch try measures().validated(try geometry(row), layer: t.layer) {
            case .valid: continue
            case .repaired(let g, let reason):
                try exec("UPDATE \(t.name) SET geom = ? WHERE fid = ?", arguments: [blob(g), row["fid"] as Int64])
                repairs["\(entity.rawValue) \(id)"] = "; its invalid geometry was repaired (MakeValid, STRUCTURE): \(reason)"
            case .unrepairable(let reason):
                repairs["\(entity.rawValue) \(id)"] = "; its geometry is invalid (\(reason)) and nothing is left after repair: redraw it"
            }
        }
        let stale = try Row.fetchAll(
            db, sql: "SELECT fid, geom FROM parcels WHERE area_m2 IS NULL OR planar_area_m2 IS NULL OR area_mu IS NULL")
        for row in stale {
            let (e, p) = try measures().parcelAreas(try geometry(row))
            try exec(
                "UPDATE parcels SET area_m2 = ?, planar_area_m2 = ?, area_mu = ? WHERE fid = ?",
                arguments: [e, p, AreaUnit.mu(squareMetres: e), row["fid"] as Int64])
        }
        for row in try Row.fetchAll(db, sql: "SELECT fid, geom FROM utilities WHERE length_m IS NULL") {
            try exec(
                "UPDATE utilities SET length_m = ? WHERE fid = ?",
                arguments: [try measures().utilityLength(try geometry(row)), row["fid"] as Int64])
        }
        for edit in edits {
            let entityText: String = edit["entity"], action: String = edit["action"], at: String = edit["at"]
            guard let entity = EntityKind(rawValue: entityText) else { continue }
            let what: String
            switch action {
            case "inserted": what = "added outside LandKit: areas computed, overlaps marked stale"
            case "deleted": what = "deleted outside LandKit: its projects' overlaps marked for a full recompute"
            default: what = "changed outside LandKit: areas recomputed, overlaps marked stale"
            }
            let id: String? = edit["feature_id"]
            let repair = action == "deleted" ? "" : id.flatMap { repairs["\(entity.rawValue) \($0)"] } ?? ""
            try append(
                Event(
                    at: Timestamps.instant(at) ?? Timestamps.now(), by: ExternalEdits.author, entity: entity,
                    entityID: id ?? "?", projectID: nil, action: .geometryChanged, note: what + repair))
        }
        try exec("DELETE FROM landkit_external_edits")
        touchedTables.formUnion(ExternalEdits.tables.map(\.name))
    }

    /// Features whose stored derived values (areas, length) disagree with their geometry: edited
    /// without the triggers that clear them (the triggers dropped, or an older LandKit).
    func featureMeasureProblems() throws -> [String] {
        var problems: [String] = []
        for row in try Row.fetchAll(db, sql: "SELECT id, geom, area_m2, planar_area_m2, area_mu FROM parcels ORDER BY id") {
            guard let e: Double = row["area_m2"], let p: Double = row["planar_area_m2"], let mu: Double = row["area_mu"] else { continue }
            problems += try measures().parcelProblems(
                id: row["id"], geometry: try geometry(row), areaSquareMetres: e, planarSquareMetres: p, mu: mu)
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, geom, length_m FROM utilities ORDER BY id") {
            guard let l: Double = row["length_m"] else { continue }
            if let problem = try measures().utilityProblem(id: row["id"], geometry: try geometry(row), lengthMetres: l) {
                problems.append(problem)
            }
        }
        return problems
    }

    func geometry(_ row: Row, _ column: String = "geom") throws -> Geometry {
        guard let data: Data = row[column] else { return .geometryCollection([]) }
        return try GeoPackageBinary.decode(data)
    }

    // MARK: Info

    func info() throws -> StoreInfo {
        var counts: [String: Int] = [:]
        for t in ["parcels", "buildings", "utilities", "zones", "projects", "land_items", "household_items", "utility_items"] {
            counts[t] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(t)") ?? 0
        }
        // One log: item events, and changes to projects and red lines.
        counts["events"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE \(Self.itemEventsOnly)") ?? 0
        counts["project_changes"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE NOT \(Self.itemEventsOnly)") ?? 0
        let meta = try Dictionary(
            uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM landkit_meta").map {
                ($0["key"] as String, $0["value"] as String)
            })
        return StoreInfo(
            location: store.location, storageCRS: store.storageCRS, crsName: (try? store.storageCRS.name()) ?? store.storageCRS.description,
            schemaVersion: Int(meta["schema_version"] ?? "") ?? 0, landKitVersion: meta["landkit_version"] ?? "?",
            timeZone: meta["time_zone"] ?? Timestamps.defaultTimeZone, counts: counts)
    }

    // MARK: Features

    /// Parcels are stored as MULTIPOLYGON, as the geometry column declares.
    private func multiPolygon(_ g: Geometry) -> Geometry {
        if case .polygon(let p) = g { return .multiPolygon([p]) }
        return g
    }

    func parcel(id: String) throws -> Parcel? {
        guard let row = try one("SELECT * FROM parcels WHERE id = ?", arguments: [id]) else { return nil }
        return try parcel(row)
    }

    private func parcel(_ row: Row) throws -> Parcel {
        let g = try geometry(row)
        let areas = try parcelAreas(row, g)
        return Parcel(
            id: row["id"], village: row["village"], group: row["group_name"], landClass: row["land_class"],
            landClassName: row["land_class_name"],
            owner: row["owner"], geometry: g, areaSquareMetres: areas.ellipsoidal, planarAreaSquareMetres: areas.planar,
            repaired: row["repaired"], attributesJSON: row["attributes"], rawCoordinates: row["raw_coordinates"])
    }

    func sourceFile(_ entity: EntityKind, id: String) throws -> String? {
        let table = entity == .parcel ? "parcels" : entity == .household ? "buildings" : "utilities"
        return try String.fetchOne(try db.cachedStatement(sql: "SELECT source_file FROM \(table) WHERE id = ?"), arguments: [id])
    }

    func building(id: String) throws -> Building? {
        guard let row = try one("SELECT * FROM buildings WHERE id = ?", arguments: [id]) else { return nil }
        return try building(row)
    }

    private func building(_ row: Row) throws -> Building {
        Building(
            id: row["id"], head: row["head"], idCard: row["id_card"], phone: row["phone"], members: row["members"],
            floorAreaSquareMetres: row["floor_area_m2"], structure: row["structure"], village: row["village"], group: row["group_name"],
            geometry: try geometry(row), repaired: row["repaired"], attributesJSON: row["attributes"],
            rawCoordinates: row["raw_coordinates"])
    }

    func utility(id: String) throws -> Utility? {
        guard let row = try one("SELECT * FROM utilities WHERE id = ?", arguments: [id]) else { return nil }
        return try utility(row)
    }

    private func utility(_ row: Row) throws -> Utility {
        let g = try geometry(row)
        return Utility(
            id: row["id"], kind: row["kind"], name: row["name"], ownerCompany: row["owner_company"], geometry: g,
            lengthMetres: try utilityLength(row, g), repaired: row["repaired"], attributesJSON: row["attributes"],
            rawCoordinates: row["raw_coordinates"])
    }

    /// Inserts, updates or leaves a feature row; a changed geometry marks the feature's overlaps
    /// stale and is recorded as an event. A geometry whose every vertex is within
    /// ``Geometry/unchangedToleranceMetres`` of the stored one is unchanged: the stored geometry and the
    /// `derived` columns computed from it (areas, lengths) are kept.
    private func upsert(
        table: String, entity: EntityKind, id: String, geometry g: Geometry, columns: [(String, (any DatabaseValueConvertible)?)],
        derived: Set<String> = []
    ) throws -> UpsertOutcome {
        try requireWritable()
        var geom = blob(g)
        let names = columns.map(\.0)
        let sql: (select: String, insert: String, update: String, updateGeometry: String)
        if let cached = upsertSQL[table] {
            sql = cached
        } else {
            let cols = ["id", "geom"] + names + ["updated_at", "overlaps_dirty"]
            let sets = (["geom"] + names + ["updated_at"]).map { "\($0) = ?" }.joined(separator: ", ")
            sql = (
                select: "SELECT geom, \(names.joined(separator: ", ")) FROM \(table) WHERE id = ?",
                insert: "INSERT INTO \(table) (\(cols.joined(separator: ", "))) VALUES (\(cols.map { _ in "?" }.joined(separator: ", ")))",
                update: "UPDATE \(table) SET \(sets) WHERE id = ?",
                updateGeometry: "UPDATE \(table) SET \(sets), overlaps_dirty = ? WHERE id = ?"
            )
            upsertSQL[table] = sql
        }
        let wasEmpty = try beginBulk(table)
        // A table that was empty when this transaction began holds only rows it inserted: ids are unique in a file.
        let existing = wasEmpty ? nil : try one(sql.select, arguments: [id])
        touchedTables.insert(table)
        guard let existing else {
            let values: [(any DatabaseValueConvertible)?] = [id, geom] + columns.map(\.1) + [now, try stampGeneration()]
            try exec(sql.insert, arguments: StatementArguments(values))
            if let e = g.envelope, !g.isEmpty {
                try exec(
                    "INSERT INTO rtree_\(table)_geom VALUES (?, ?, ?, ?, ?)",
                    arguments: [db.lastInsertedRowID, e.minX, e.maxX, e.minY, e.maxY])
            }
            return .inserted
        }
        let oldGeom: Data? = existing["geom"]
        var geometryChanged = oldGeom != geom
        var columns = columns
        if geometryChanged, let oldGeom, let old = try? GeoPackageBinary.decode(oldGeom), old.isSame(as: g) {
            geometryChanged = false
            geom = oldGeom
            columns = columns.map { name, value in derived.contains(name) ? (name, existing[name] as DatabaseValue) : (name, value) }
        }
        var attributesChanged = false
        for (name, value) in columns where existing[name] as DatabaseValue != (value?.databaseValue ?? .null) {
            attributesChanged = true
        }
        if !geometryChanged && !attributesChanged { return .unchanged }
        let values: [(any DatabaseValueConvertible)?] =
            [geom] + columns.map(\.1) + [now] + (geometryChanged ? [try stampGeneration()] : []) + [id]
        try exec(geometryChanged ? sql.updateGeometry : sql.update, arguments: StatementArguments(values))
        if geometryChanged {
            try append(
                Event(
                    at: Timestamps.instant(now) ?? Timestamps.now(), by: "import", entity: entity, entityID: id, projectID: nil,
                    action: .geometryChanged,
                    note: "geometry replaced by an import; overlaps marked stale"))
        }
        return .updated
    }

    func upsert(_ p: Parcel) throws -> UpsertOutcome {
        try upsert(
            table: "parcels", entity: .parcel, id: p.id, geometry: multiPolygon(p.geometry),
            columns: [
                ("village", p.village), ("group_name", p.group), ("land_class", p.landClass), ("land_class_name", p.landClassName),
                ("owner", p.owner),
                ("area_m2", p.areaSquareMetres), ("planar_area_m2", p.planarAreaSquareMetres),
                ("area_mu", AreaUnit.mu(squareMetres: p.areaSquareMetres)),
                ("repaired", p.repaired), ("attributes", p.attributesJSON), ("raw_coordinates", p.rawCoordinates),
                ("source_file", p.sourceFile),
            ], derived: ["area_m2", "planar_area_m2", "area_mu"])
    }

    func upsert(_ b: Building) throws -> UpsertOutcome {
        try upsert(
            table: "buildings", entity: .household, id: b.id, geometry: b.geometry,
            columns: [
                ("head", b.head), ("id_card", b.idCard), ("phone", b.phone), ("members", b.members),
                ("floor_area_m2", b.floorAreaSquareMetres),
                ("structure", b.structure), ("village", b.village), ("group_name", b.group), ("repaired", b.repaired),
                ("attributes", b.attributesJSON), ("raw_coordinates", b.rawCoordinates), ("source_file", b.sourceFile),
            ])
    }

    func upsert(_ u: Utility) throws -> UpsertOutcome {
        try upsert(
            table: "utilities", entity: .utility, id: u.id, geometry: u.geometry,
            columns: [
                ("kind", u.kind), ("name", u.name), ("owner_company", u.ownerCompany), ("length_m", u.lengthMetres),
                ("repaired", u.repaired),
                ("attributes", u.attributesJSON), ("raw_coordinates", u.rawCoordinates), ("source_file", u.sourceFile),
            ], derived: ["length_m"])
    }

    func forEachParcelBatch(batchSize: Int, onlyDirty: Bool, _ body: ([StoredParcelShape]) throws -> Void) throws {
        let filter = onlyDirty ? "WHERE overlaps_dirty > \(coveredGeneration)" : ""
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, geom, area_m2, planar_area_m2 FROM parcels \(filter) ORDER BY id")
        try parcelBatches(batchSize, body) { try cursor.next() }
    }

    /// The R-tree is asked once per box; the parcels are then read by `fid`, in `fid` order (a
    /// rowid lookup each: no sort of candidate rows, blobs included, in a temporary B-tree).
    func forEachParcelBatch(batchSize: Int, within boxes: [Envelope], _ body: ([StoredParcelShape]) throws -> Void) throws {
        let query = try db.cachedStatement(
            sql: "SELECT id FROM rtree_parcels_geom WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?")
        var fids = Set<Int64>()
        for e in boxes {
            let cursor = try Int64.fetchCursor(query, arguments: [e.maxX, e.minX, e.maxY, e.minY])
            while let fid = try cursor.next() { fids.insert(fid) }
        }
        let read = try db.cachedStatement(sql: "SELECT id, geom, area_m2, planar_area_m2 FROM parcels WHERE fid = ?")
        try parcelBatches(batchSize, body, keys: fids.sorted()) { fid in try Row.fetchOne(read, arguments: [fid]) }
    }

    func forEachParcelBatch(batchSize: Int, ids: [String], _ body: ([StoredParcelShape]) throws -> Void) throws {
        let read = try db.cachedStatement(sql: "SELECT id, geom, area_m2, planar_area_m2 FROM parcels WHERE id = ?")
        try parcelBatches(batchSize, body, keys: Set(ids).sorted()) { id in try Row.fetchOne(read, arguments: [id]) }
    }

    /// Rows looked up one key at a time (unknown keys skipped), in batches.
    private func parcelBatches<Key>(
        _ batchSize: Int, _ body: ([StoredParcelShape]) throws -> Void, keys: [Key], row: (Key) throws -> Row?
    ) throws {
        var next = keys.makeIterator()
        try parcelBatches(batchSize, body) {
            while let key = next.next() { if let r = try row(key) { return r } }
            return nil
        }
    }

    /// Rows (id, geom, area_m2, planar_area_m2) from `next` until it gives nil, in batches of `batchSize`.
    private func parcelBatches(_ batchSize: Int, _ body: ([StoredParcelShape]) throws -> Void, next: () throws -> Row?) throws {
        var batch: [StoredParcelShape] = []
        batch.reserveCapacity(batchSize)
        while let row = try next() {
            batch.append(try parcelShape(row))
            if batch.count >= batchSize {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(batch) }
    }

    /// A parcel row (id, geom, area_m2, planar_area_m2) as the overlap engine takes it: the WKB is
    /// handed over undecoded with the blob header's box, or decoded here when the header has no
    /// finite box (so that an undecodable blob fails the read, never a box test).
    private func parcelShape(_ row: Row) throws -> StoredParcelShape {
        // By position: a lookup by name lowercases the name on every row.
        let id: String = row[0]
        guard let blob: Data = row[1] else {
            return StoredParcelShape(id: id, geometry: .geometryCollection([]), areaSquareMetres: 0, planarAreaSquareMetres: 0)
        }
        let header = try GeoPackageBinary.header(blob)
        let source: ShapeGeometry
        if !header.empty, let e = header.envelope, [e.minX, e.minY, e.maxX, e.maxY].allSatisfy(\.isFinite) {
            source = .wkb([UInt8](blob.dropFirst(header.wkbOffset)), envelope: e)
        } else {
            source = .value(try GeoPackageBinary.decode(blob))
        }
        if let e: Double = row[2], let p: Double = row[3] {
            return StoredParcelShape(id: id, source: source, areaSquareMetres: e, planarAreaSquareMetres: p)
        }
        let (e, p) = try measures().parcelAreas(try source.value())
        return StoredParcelShape(id: id, source: source, areaSquareMetres: e, planarAreaSquareMetres: p)
    }

    func hasDirtyFeatures() throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM parcels WHERE overlaps_dirty > ?1) OR EXISTS (SELECT 1 FROM buildings WHERE overlaps_dirty > ?1)
                    OR EXISTS (SELECT 1 FROM utilities WHERE overlaps_dirty > ?1)
                """, arguments: [coveredGeneration]) ?? false
    }

    func forEachParcel(_ body: (Parcel) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM parcels ORDER BY id")
        while let row = try cursor.next() { try body(try parcel(row)) }
    }

    func forEachBuilding(onlyDirty: Bool, _ body: (Building) throws -> Void) throws {
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT * FROM buildings \(onlyDirty ? "WHERE overlaps_dirty > \(coveredGeneration)" : "") ORDER BY id")
        while let row = try cursor.next() { try body(try building(row)) }
    }

    func forEachUtility(onlyDirty: Bool, _ body: (Utility) throws -> Void) throws {
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT * FROM utilities \(onlyDirty ? "WHERE overlaps_dirty > \(coveredGeneration)" : "") ORDER BY id")
        while let row = try cursor.next() { try body(try utility(row)) }
    }

    func forEachBuilding(within e: Envelope, _ body: (Building) throws -> Void) throws {
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT * FROM buildings WHERE fid IN (SELECT id FROM rtree_buildings_geom WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?) ORDER BY id
                """, arguments: [e.maxX, e.minX, e.maxY, e.minY])
        while let row = try cursor.next() { try body(try building(row)) }
    }

    func markFeaturesClean() throws {
        try requireWritable()
        let latest = try currentGeneration("feature_generation")
        try exec(
            "INSERT INTO landkit_meta (key, value) VALUES ('overlaps_generation', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: ["\(latest)"])
        coveredGeneration = latest
    }

    // MARK: Projects and zones

    func projects() throws -> [Project] {
        try Row.fetchAll(db, sql: "SELECT * FROM projects ORDER BY fid").map(project)
    }

    func project(id: String) throws -> Project? {
        try one("SELECT * FROM projects WHERE id = ?", arguments: [id]).map(project)
    }

    private func project(_ row: Row) throws -> Project {
        let kindText: String = row["kind"]
        guard let kind = ProjectKind(rawValue: kindText) else {
            throw StoreError("project \(row["id"] as String) has unknown kind \(kindText)")
        }
        let closedText: String? = row["closed_at"]
        let closedAt = try closedText.map { text in
            guard let d = Timestamps.instant(text) else {
                throw StoreError(.invalidData, "project \(row["id"] as String): stored closing time \"\(text)\" is not one LandKit knows")
            }
            return d
        }
        return Project(
            id: row["id"], name: row["name"], kind: kind, due: (row["due"] as String?).flatMap(LocalDate.init), closedAt: closedAt,
            redLineRevision: row["revision"], itemsRevision: row["items_revision"])
    }

    func update(_ p: Project) throws {
        try requireWritable()
        guard try project(id: p.id) != nil else { throw StoreError(.unknownProject, "no project \(p.id)") }
        try exec(
            "UPDATE projects SET name = ?, kind = ?, due = ?, closed_at = ? WHERE id = ?",
            arguments: [p.name, p.kind.rawValue, p.due?.description, p.closedAt.map(Timestamps.utc), p.id])
    }

    func add(_ p: Project) throws {
        try requireWritable()
        guard try project(id: p.id) == nil else { throw StoreError(.alreadyExists, "project \(p.id) already exists") }
        try exec(
            "INSERT INTO projects (id, name, kind, due, created_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [p.id, p.name, p.kind.rawValue, p.due?.description, Timestamps.nowUTC()])
    }

    func zones(projectID: String?) throws -> [Zone] {
        let rows =
            try projectID.map { try Row.fetchAll(db, sql: "SELECT * FROM zones WHERE project_id = ? ORDER BY id", arguments: [$0]) }
            ?? Row.fetchAll(db, sql: "SELECT * FROM zones ORDER BY project_id, id")
        return try rows.map { try zone($0, id: $0["id"]) }
    }

    private func zone(_ row: Row, id: String) throws -> Zone {
        let source: ZoneSource
        if (row["source"] as String) == "centerline", let line: Data = row["centerline"], let width: Double = row["width_m"] {
            source = .centerline(try GeoPackageBinary.decode(line), widthMetres: width)
        } else {
            source = .polygon
        }
        return Zone(
            id: id, projectID: row["project_id"], name: row["name"], geometry: try geometry(row), source: source, repaired: row["repaired"])
    }

    private func zoneExists(_ projectID: String, _ zoneID: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM zones WHERE project_id = ? AND id = ?", arguments: [projectID, zoneID]) ?? false
    }

    /// The zone's columns as stored: source name, centerline blob, width.
    private func sourceColumns(_ z: Zone) -> (String, Data?, Double?) {
        if case .centerline(let g, let w) = z.source { return ("centerline", blob(g), w) }
        return ("polygon", nil, nil)
    }

    func add(_ z: Zone) throws {
        try requireWritable()
        guard try project(id: z.projectID) != nil else {
            throw StoreError(.unknownProject, "no project \(z.projectID)")
        }
        guard try !zoneExists(z.projectID, z.id) else {
            throw StoreError(.alreadyExists, "project \(z.projectID) already has a zone \(z.id)")
        }
        let (sourceName, line, width) = sourceColumns(z)
        try exec(
            """
            INSERT INTO zones (id, project_id, name, geom, source, centerline, width_m, area_m2, repaired, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                z.id, z.projectID, z.name, blob(multiPolygon(z.geometry)), sourceName, line, width, PlanarArea.of(z.geometry), z.repaired,
                Timestamps.nowUTC(),
            ])
        try exec("UPDATE projects SET overlaps_dirty = 1 WHERE id = ?", arguments: [z.projectID])
        touchedTables.insert("zones")
    }

    func replace(_ z: Zone) throws {
        try requireWritable()
        guard try zoneExists(z.projectID, z.id) else { throw StoreError(.notFound, "project \(z.projectID) has no zone \(z.id)") }
        let (sourceName, line, width) = sourceColumns(z)
        try exec(
            """
            UPDATE zones SET name = ?, geom = ?, source = ?, centerline = ?, width_m = ?, area_m2 = ?, repaired = ?
            WHERE project_id = ? AND id = ?
            """,
            arguments: [
                z.name, blob(multiPolygon(z.geometry)), sourceName, line, width, PlanarArea.of(z.geometry), z.repaired, z.projectID, z.id,
            ])
        try exec("UPDATE projects SET overlaps_dirty = 1 WHERE id = ?", arguments: [z.projectID])
        touchedTables.insert("zones")
    }

    func removeZone(projectID: String, zoneID: String) throws {
        try requireWritable()
        guard try zoneExists(projectID, zoneID) else { throw StoreError(.notFound, "project \(projectID) has no zone \(zoneID)") }
        try exec("DELETE FROM zones WHERE project_id = ? AND id = ?", arguments: [projectID, zoneID])
        try exec("UPDATE projects SET overlaps_dirty = 1 WHERE id = ?", arguments: [projectID])
        touchedTables.insert("zones")
    }

    func beginRedLineRevision(projectID: String) throws {
        try requireWritable()
        guard let p = try project(id: projectID) else { throw StoreError(.unknownProject, "no project \(projectID)") }
        let r = p.redLineRevision
        try exec(
            """
            INSERT INTO zone_revisions (project_id, revision, zone_id, name, geom, source, centerline, width_m, repaired)
            SELECT project_id, ?, id, name, geom, source, centerline, width_m, repaired FROM zones WHERE project_id = ?
            """, arguments: [r, projectID])
        let keepItems = try p.itemsRevision == r && !dirtyProjectIDs().contains(projectID)
        try exec(
            "INSERT INTO red_line_revisions (project_id, revision, items_kept) VALUES (?, ?, ?)", arguments: [projectID, r, keepItems])
        if keepItems {
            for e in EntityKind.allCases {
                let (t, k) = Self.table(e)
                let columns =
                    switch e {
                    case .parcel: "overlap_m2, overlap_planar_m2, fraction, sliver"
                    case .household: "position"
                    case .utility: "length_m"
                    }
                try exec(
                    """
                    INSERT INTO item_revisions (project_id, revision, entity, item_id, \(columns), out_of_zone)
                    SELECT project_id, ?, ?, \(k), \(columns), out_of_zone FROM \(t) WHERE project_id = ?
                    """, arguments: [r, e.rawValue, projectID])
            }
        }
        try exec("UPDATE projects SET revision = revision + 1 WHERE id = ?", arguments: [projectID])
    }

    func zones(projectID: String, revision: Int) throws -> [Zone] {
        guard let p = try project(id: projectID) else { throw StoreError(.unknownProject, "no project \(projectID)") }
        if revision >= p.redLineRevision { return try zones(projectID: projectID) }
        return try Row.fetchAll(
            db, sql: "SELECT * FROM zone_revisions WHERE project_id = ? AND revision = ? ORDER BY zone_id",
            arguments: [projectID, revision]
        ).map { try zone($0, id: $0["zone_id"]) }
    }

    func items(projectID: String, revision: Int) throws -> [ProjectItem]? {
        let kept = try Bool.fetchOne(
            db, sql: "SELECT items_kept FROM red_line_revisions WHERE project_id = ? AND revision = ?", arguments: [projectID, revision])
        guard kept == true else { return nil }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT entity, item_id, overlap_m2, overlap_planar_m2, fraction, sliver, position, length_m, out_of_zone
                FROM item_revisions WHERE project_id = ? AND revision = ? ORDER BY entity, item_id
                """, arguments: [projectID, revision])
        return try rows.map { row in
            let entityText: String = row[0], id: String = row[1]
            func bad(_ what: String) -> StoreError {
                StoreError(
                    .invalidData, "kept revision \(revision) of project \(projectID), item \(id): stored \(what) is not one LandKit knows")
            }
            guard let entity = EntityKind(rawValue: entityText) else { throw bad("kind \"\(entityText)\"") }
            let overlap: ItemOverlap
            switch entity {
            case .parcel:
                overlap = .land(
                    LandOverlap(squareMetres: row[2] ?? 0, planarSquareMetres: row[3] ?? 0, fraction: row[4] ?? 0, sliver: row[5] ?? false))
            case .household:
                let code: String = row[6] ?? ""
                guard let position = BuildingPosition(rawValue: code) else { throw bad("position \"\(code)\"") }
                overlap = .household(position)
            case .utility:
                overlap = .utility(lengthMetres: row[7] ?? 0)
            }
            return ProjectItem(id: id, projectID: projectID, overlap: overlap, outOfZone: row[8])
        }
    }

    // MARK: Teams, sections, assignments

    func add(_ t: Team) throws {
        try requireWritable()
        guard try team(named: t.id) == nil, try team(named: t.name) == nil else {
            throw StoreError(.alreadyExists, "a team \(t.id) or named \(t.name) already exists")
        }
        try exec(
            "INSERT INTO teams (id, name, contact, created_at) VALUES (?, ?, ?, ?)",
            arguments: [t.id, t.name, t.contact, Timestamps.nowUTC()])
    }

    func teams() throws -> [Team] {
        try Row.fetchAll(db, sql: "SELECT id, name, contact FROM teams ORDER BY fid").map { Team(id: $0[0], name: $0[1], contact: $0[2]) }
    }

    func add(_ section: Section) throws {
        try requireWritable()
        guard try project(id: section.projectID) != nil else { throw StoreError(.unknownProject, "no project \(section.projectID)") }
        let exists =
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM sections WHERE project_id = ? AND id = ?", arguments: [section.projectID, section.id]) ?? false
        guard !exists else { throw StoreError(.alreadyExists, "project \(section.projectID) already has a section \(section.id)") }
        var geom: Data?, parcels: String?
        switch section.extent {
        case .polygon(let g): geom = blob(g)
        case .parcels(let ids): parcels = String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
        }
        try exec(
            "INSERT INTO sections (project_id, id, name, geom, parcels, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [section.projectID, section.id, section.name, geom, parcels, Timestamps.nowUTC()])
    }

    func sections(projectID: String?) throws -> [Section] {
        let rows =
            try projectID.map { try Row.fetchAll(db, sql: "SELECT * FROM sections WHERE project_id = ? ORDER BY id", arguments: [$0]) }
            ?? Row.fetchAll(db, sql: "SELECT * FROM sections ORDER BY project_id, id")
        return try rows.map { row in
            let extent: Section.Extent
            if let g: Data = row["geom"] {
                extent = .polygon(try GeoPackageBinary.decode(g))
            } else {
                let text: String = row["parcels"] ?? "[]"
                extent = .parcels(try JSONDecoder().decode([String].self, from: Data(text.utf8)))
            }
            return Section(id: row["id"], projectID: row["project_id"], name: row["name"], extent: extent)
        }
    }

    func assign(_ item: ItemKey, teamID: String, at: Date, by: String?) throws {
        try requireWritable()
        try exec(
            "INSERT INTO assignments (project_id, entity, item_id, team_id, at, by) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [item.projectID, item.entity.rawValue, item.id, teamID, Timestamps.utc(at), by])
    }

    func assignments(projectID: String?) throws -> [ItemKey: String] {
        var sql = "SELECT project_id, entity, item_id, team_id FROM assignments"
        var args: [any DatabaseValueConvertible] = []
        if let projectID {
            sql += " WHERE project_id = ?"
            args.append(projectID)
        }
        var out: [ItemKey: String] = [:]
        for row in try Row.fetchAll(db, sql: sql + " ORDER BY fid", arguments: StatementArguments(args)) {
            guard let entity = EntityKind(rawValue: row[1]) else { continue }
            out[ItemKey(entity: entity, id: row[2], projectID: row[0])] = row[3]
        }
        return out
    }

    func team(of item: ItemKey) throws -> Team? {
        try one(
            """
            SELECT t.id, t.name, t.contact FROM assignments a JOIN teams t ON t.id = a.team_id
            WHERE a.project_id = ? AND a.entity = ? AND a.item_id = ? ORDER BY a.fid DESC LIMIT 1
            """, arguments: [item.projectID, item.entity.rawValue, item.id]
        ).map { Team(id: $0[0], name: $0[1], contact: $0[2]) }
    }

    func dirtyProjectIDs() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT id FROM projects WHERE overlaps_dirty = 1"))
    }

    func markProjectClean(_ id: String) throws {
        try requireWritable()
        try exec("UPDATE projects SET overlaps_dirty = 0, items_revision = revision WHERE id = ?", arguments: [id])
    }

    // MARK: Items

    static func table(_ e: EntityKind) -> (table: String, key: String) {
        switch e {
        case .parcel: ("land_items", "parcel_id")
        case .household: ("household_items", "building_id")
        case .utility: ("utility_items", "utility_id")
        }
    }

    /// The columns `item(_:_:)` reads, in order: rows are decoded by position (decoding by name
    /// lower-cases every column name, which dominated reports over tens of thousands of items).
    static func itemColumns(_ e: EntityKind) -> String {
        let common =
            "\(table(e).key), project_id, stage, blocked_reason, blocked_note, blocked_since, deferred, deferred_note, out_of_zone, closed"
        switch e {
        case .parcel: return common + ", overlap_m2, overlap_planar_m2, fraction, sliver"
        case .household: return common + ", position"
        case .utility: return common + ", length_m"
        }
    }

    private func item(_ e: EntityKind, _ row: Row) throws -> ProjectItem {
        let id: String = row[0], project: String = row[1], stageCode: String = row[2]
        func bad(_ what: String) -> StoreError {
            StoreError(.invalidData, "\(e.rawValue) \(id) in project \(project): stored \(what) is not one LandKit knows")
        }
        guard let stage = Stage(e, parsing: stageCode) else { throw bad("stage \"\(stageCode)\"") }
        let reasonCode: String? = row[3], sinceText: String? = row[5]
        let reason = try reasonCode.map { code in
            guard let r = BlockReason(rawValue: code) else { throw bad("blocked reason \"\(code)\"") }
            return r
        }
        let since = try sinceText.map { text in
            guard let d = Timestamps.instant(text) else { throw bad("time \"\(text)\"") }
            return d
        }
        let status = ItemStatus(
            stage: stage, blockedReason: reason, blockedNote: row[4], blockedSince: since, deferred: row[6], deferredNote: row[7],
            closed: row[9])
        let overlap: ItemOverlap
        switch e {
        case .parcel:
            overlap = .land(LandOverlap(squareMetres: row[10], planarSquareMetres: row[11], fraction: row[12], sliver: row[13]))
        case .household:
            let code: String = row[10]
            guard let position = BuildingPosition(rawValue: code) else { throw bad("position \"\(code)\"") }
            overlap = .household(position)
        case .utility:
            overlap = .utility(lengthMetres: row[10])
        }
        return ProjectItem(id: id, projectID: project, overlap: overlap, outOfZone: row[8], status: status)
    }

    func items(projectID: String?, entity: EntityKind?) throws -> [ProjectItem] {
        var out: [ProjectItem] = []
        for e in entity.map({ [$0] }) ?? EntityKind.allCases {
            let (t, k) = Self.table(e)
            let columns = Self.itemColumns(e)
            let rows =
                try projectID.map {
                    try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(t) WHERE project_id = ? ORDER BY \(k)", arguments: [$0])
                }
                ?? Row.fetchAll(db, sql: "SELECT \(columns) FROM \(t) ORDER BY project_id, \(k)")
            out += try rows.map { try item(e, $0) }
        }
        return out
    }

    func item(_ e: EntityKind, id: String, projectID: String) throws -> ProjectItem? {
        let (t, k) = Self.table(e)
        return try one("SELECT \(Self.itemColumns(e)) FROM \(t) WHERE project_id = ? AND \(k) = ?", arguments: [projectID, id]).map {
            try item(e, $0)
        }
    }

    func saveOverlap(_ i: ProjectItem) throws {
        try requireWritable()
        switch i.entity {
        case .parcel:
            try exec(
                """
                INSERT INTO land_items (project_id, parcel_id, overlap_m2, overlap_planar_m2, overlap_mu, fraction, sliver, out_of_zone, computed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
                ON CONFLICT (project_id, parcel_id) DO UPDATE SET overlap_m2 = excluded.overlap_m2, overlap_planar_m2 = excluded.overlap_planar_m2,
                  overlap_mu = excluded.overlap_mu, fraction = excluded.fraction, sliver = excluded.sliver, out_of_zone = 0, computed_at = excluded.computed_at
                """,
                arguments: [
                    i.projectID, i.id, i.overlapSquareMetres, i.land?.planarSquareMetres ?? 0,
                    AreaUnit.mu(squareMetres: i.overlapSquareMetres),
                    i.land?.fraction ?? 0, i.land?.sliver ?? false, now,
                ])
        case .household:
            try exec(
                """
                INSERT INTO household_items (project_id, building_id, position, out_of_zone, computed_at) VALUES (?, ?, ?, 0, ?)
                ON CONFLICT (project_id, building_id) DO UPDATE SET position = excluded.position, out_of_zone = 0, computed_at = excluded.computed_at
                """, arguments: [i.projectID, i.id, (i.position ?? .inside).rawValue, now])
        case .utility:
            try exec(
                """
                INSERT INTO utility_items (project_id, utility_id, length_m, out_of_zone, computed_at) VALUES (?, ?, ?, 0, ?)
                ON CONFLICT (project_id, utility_id) DO UPDATE SET length_m = excluded.length_m, out_of_zone = 0, computed_at = excluded.computed_at
                """, arguments: [i.projectID, i.id, i.lengthMetres ?? 0, now])
        }
    }

    func setOutOfZone(_ e: EntityKind, id: String, projectID: String, _ outOfZone: Bool) throws {
        try requireWritable()
        let (t, k) = Self.table(e)
        try exec("UPDATE \(t) SET out_of_zone = ? WHERE project_id = ? AND \(k) = ?", arguments: [outOfZone, projectID, id])
    }

    func removeItem(_ e: EntityKind, id: String, projectID: String) throws {
        try requireWritable()
        let (t, k) = Self.table(e)
        try exec("DELETE FROM \(t) WHERE project_id = ? AND \(k) = ?", arguments: [projectID, id])
    }

    func updateCachedStatus(_ e: EntityKind, id: String, projectID: String, _ s: ItemStatus) throws {
        try requireWritable()
        let (t, k) = Self.table(e)
        try exec(
            """
            UPDATE \(t) SET stage = ?, blocked_reason = ?, blocked_note = ?, blocked_since = ?, deferred = ?, deferred_note = ?, closed = ?
            WHERE project_id = ? AND \(k) = ?
            """,
            arguments: [
                s.stage.code, s.blockedReason?.rawValue, s.blockedNote, s.blockedSince.map(Timestamps.utc), s.deferred, s.deferredNote,
                s.closed, projectID, id,
            ])
        guard db.changesCount == 1 else { throw StoreError(.notFound, "\(e.rawValue) \(id) is not an item of project \(projectID)") }
    }

    func landByClass(projectID: String) throws -> [(code: String?, name: String?, squareMetres: Double)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT p.land_class AS code, p.land_class_name AS name, sum(li.overlap_m2) AS m2
                FROM land_items li JOIN parcels p ON p.id = li.parcel_id
                WHERE li.project_id = ? AND li.out_of_zone = 0
                GROUP BY p.land_class, p.land_class_name ORDER BY m2 DESC
                """, arguments: [projectID]
        ).map { (code: $0["code"], name: $0["name"], squareMetres: $0["m2"]) }
    }

    // MARK: Meta

    func meta(_ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM landkit_meta WHERE key = ?", arguments: [key])
    }

    func setMeta(_ key: String, _ value: String?) throws {
        try requireWritable()
        if let value {
            try exec(
                "INSERT INTO landkit_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                arguments: [key, value])
        } else {
            try exec("DELETE FROM landkit_meta WHERE key = ?", arguments: [key])
        }
    }

    // MARK: Events

    /// The log's head as this transaction sees it: read once, then kept as events are appended.
    private var head: EventChain.Head?
    private var headChanged = false

    private func currentHead() throws -> EventChain.Head {
        if let head { return head }
        let h = try recordedEventHead() ?? Self.computedHead(db)
        head = h
        return h
    }

    /// The head from the events themselves (a database whose meta has none).
    static func computedHead(_ db: Database) throws -> EventChain.Head {
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
        guard let row = try Row.fetchOne(db, sql: "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1") else {
            return EventChain.Head(count: 0, lastID: 0, hash: EventChain.genesis)
        }
        return EventChain.Head(count: count, lastID: row["id"], hash: row["hash"] ?? EventChain.genesis)
    }

    static func writeHead(_ db: Database, _ h: EventChain.Head) throws {
        try db.execute(
            sql: "INSERT INTO landkit_meta (key, value) VALUES ('events_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [RecordedHead.text(h)])
    }

    func recordedEventHead() throws -> EventChain.Head? {
        try RecordedHead.parse(meta("events_head"), chain: "the event log")
    }

    @discardableResult
    func append(_ e: Event) throws -> Int64 {
        try requireWritable()
        let previous = try currentHead()
        var stored = e
        stored.seq = previous.lastID + 1
        let hash = EventChain.hash(EventChain.fields(stored, recordedAt: now), previous: previous.hash)
        try exec(
            """
            INSERT INTO events (id, at, recorded_at, by, entity, entity_id, project_id, action, from_stage, to_stage, reason, note, forced, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [
                stored.seq, Timestamps.utc(e.at), now, e.by, e.entity.rawValue, e.entityID, e.projectID, e.action.rawValue, e.from?.code,
                e.to?.code, e.reason?.rawValue, e.note, e.forced, hash,
            ])
        head = EventChain.Head(count: previous.count + 1, lastID: stored.seq, hash: hash)
        headChanged = true
        return stored.seq
    }

    func append(_ c: ProjectChange) throws -> Int64 {
        try requireWritable()
        let previous = try currentHead()
        var stored = c
        stored.seq = previous.lastID + 1
        let fields = EventChain.fields(stored, recordedAt: now)
        let hash = EventChain.hash(fields, previous: previous.hash)
        try exec(
            """
            INSERT INTO events (id, at, recorded_at, by, entity, entity_id, project_id, action, from_stage, to_stage, reason, note, forced, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, 0, ?)
            """,
            arguments: [stored.seq, fields[1], now, c.by, c.subject, fields[5], c.projectID, c.action.rawValue, c.note, hash])
        head = EventChain.Head(count: previous.count + 1, lastID: stored.seq, hash: hash)
        headChanged = true
        return stored.seq
    }

    func projectChanges(projectID: String?) throws -> [ProjectChange] {
        var sql = "SELECT * FROM events WHERE entity IN ('project', 'zone')"
        var args: [any DatabaseValueConvertible] = []
        if let projectID {
            sql += " AND project_id = ?"
            args.append(projectID)
        }
        var revisions: [String: Int] = [:]
        return try Row.fetchAll(db, sql: sql + " ORDER BY at, id", arguments: StatementArguments(args)).map { row in
            let seq: Int64 = row["id"], actionText: String = row["action"], atText: String = row["at"],
                recorded: String = row["recorded_at"]
            guard let action = ProjectChangeAction(rawValue: actionText), let at = Timestamps.instant(atText),
                let recordedAt = Timestamps.instant(recorded), let project: String = row["project_id"]
            else { throw StoreError(.invalidData, "event \(seq): a project change LandKit does not know (\(actionText))") }
            if action.revisesRedLine { revisions[project, default: 0] += 1 }
            return ProjectChange(
                seq: seq, at: at, recordedAt: recordedAt, by: row["by"], projectID: project,
                zoneID: (row["entity"] as String) == "zone" ? row["entity_id"] : nil, action: action, revision: revisions[project] ?? 0,
                note: row["note"])
        }
    }

    func forEachStoredEvent(_ body: (Int64, [String?], String?) throws -> Void) throws {
        let cursor = try Row.fetchCursor(
            db,
            sql:
                "SELECT id, at, recorded_at, by, entity, entity_id, project_id, action, from_stage, to_stage, reason, note, forced, hash FROM events ORDER BY id"
        )
        while let row = try cursor.next() {
            let id: Int64 = row[0], forced: Bool = row[12]
            var fields: [String?] = ["\(id)"]
            for i in 1..<12 { fields.append(row[i]) }
            fields.append(forced ? "1" : "0")
            try body(id, fields, row[13])
        }
    }

    func storeProblems() throws -> [String] {
        var problems: [String] = []
        let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        if check != ["ok"] { problems += check.prefix(5).map { "integrity check: \($0)" } }
        let triggers = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"))
        for t in Migrations.eventTriggers where !triggers.contains(t) {
            problems.append("the trigger \(t) that protects the event log is missing")
        }
        let featureTriggers = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'"))
        for t in ExternalEdits.triggerNames where !featureTriggers.contains(t) {
            problems.append("the trigger \(t) that marks features edited outside LandKit (QGIS) stale is missing")
        }
        problems += try featureMeasureProblems()
        let moneyTriggers = Set(
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'money_records'"))
        for t in Migrations.moneyTriggers where !moneyTriggers.contains(t) {
            problems.append("the trigger \(t) that protects the payment records is missing")
        }
        for t in Migrations.documentTriggers where !featureTriggers.contains(t) {
            problems.append("the trigger \(t) that protects the stored documents is missing")
        }
        // Each document's bytes must still hash to the address they are stored under.
        let documents = try Row.fetchCursor(db, sql: "SELECT sha256, content FROM documents ORDER BY sha256")
        while let row = try documents.next() {
            let address: String = row["sha256"], content: Data = row["content"]
            if DocumentDigest.sha256([UInt8](content)) != address {
                problems.append("the document stored as \(address.prefix(12))… no longer has that SHA-256: it was altered")
            }
        }
        return problems
    }

    func layerStyles() throws -> [StoredLayerStyle] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.f_table_name AS t, g.geometry_type_name AS type, s.styleQML AS qml FROM layer_styles s
                JOIN gpkg_geometry_columns g ON g.table_name = s.f_table_name
                WHERE s.useAsDefault AND s.styleQML IS NOT NULL ORDER BY s.f_table_name, s.styleName = ? DESC
                """, arguments: [QGISLayers.styleName]
        ).map { StoredLayerStyle(table: $0["t"], geometryType: $0["type"], qml: $0["qml"]) }
    }

    static func event(_ row: Row) throws -> Event {
        let entityText: String = row["entity"], actionText: String = row["action"]
        guard let entity = EntityKind(rawValue: entityText), let action = EventAction(rawValue: actionText) else {
            throw StoreError(.invalidData, "event \(row["id"] as Int64) has unknown entity/action \(entityText)/\(actionText)")
        }
        let seq: Int64 = row["id"]
        func bad(_ what: String) -> StoreError { StoreError(.invalidData, "event \(seq): stored \(what) is not one LandKit knows") }
        let atText: String = row["at"], recordedText: String = row["recorded_at"]
        guard let at = Timestamps.instant(atText) else { throw bad("time \"\(atText)\"") }
        guard let recorded = Timestamps.instant(recordedText) else { throw bad("time \"\(recordedText)\"") }
        func stage(_ column: String) throws -> Stage? {
            guard let code: String = row[column] else { return nil }
            guard let s = Stage(entity, parsing: code) else { throw bad("stage \"\(code)\"") }
            return s
        }
        let reasonCode: String? = row["reason"]
        var reason: BlockReason?
        if let reasonCode {
            guard let r = BlockReason(rawValue: reasonCode) else { throw bad("reason \"\(reasonCode)\"") }
            reason = r
        }
        return Event(
            seq: seq, at: at, recordedAt: recorded, by: row["by"], entity: entity, entityID: row["entity_id"],
            projectID: row["project_id"], action: action, from: try stage("from_stage"), to: try stage("to_stage"), reason: reason,
            note: row["note"], forced: row["forced"])
    }

    func events(entity: EntityKind?, id: String?, projectID: String?) throws -> [Event] {
        var conditions: [String] = [], args: [any DatabaseValueConvertible] = []
        if let entity {
            conditions.append("entity = ?")
            args.append(entity.rawValue)
        } else {
            conditions.append(Self.itemEventsOnly)
        }
        if let id { conditions.append("entity_id = ?"); args.append(id) }
        if let projectID { conditions.append("(project_id = ? OR project_id IS NULL)"); args.append(projectID) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try Row.fetchAll(
            try db.cachedStatement(sql: "SELECT * FROM events \(whereClause) ORDER BY at, id"), arguments: StatementArguments(args)
        ).map(Self.event)
    }

    func forEachEvent(_ body: (Event) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM events WHERE \(Self.itemEventsOnly) ORDER BY at, id")
        while let row = try cursor.next() { try body(try Self.event(row)) }
    }

    /// The log also holds project changes (entity "project" or "zone"); item queries leave them out.
    static let itemEventsOnly = "entity IN ('parcel', 'household', 'utility')"
}
