import Foundation
import LandKit
import LandKitStore

/// One transaction on a PostgreSQL store: the GeoPackage session's rules, in SQL for PostgreSQL/PostGIS.
final class PostgresSession: StoreSession {
    let link: PostgresLink
    let store: PostgresStore
    let writable: Bool
    /// One timestamp for every row a transaction writes.
    private(set) lazy var now = Timestamps.nowUTC()
    private var srid: Int { store.storageCRS.epsg }

    init(link: PostgresLink, store: PostgresStore, writable: Bool) {
        self.link = link
        self.store = store
        self.writable = writable
    }

    func requireWritable() throws {
        guard writable else { throw StoreError(.readOnly, "this operation needs a write transaction") }
    }

    func rows(_ sql: String, _ binds: SQLValue...) throws -> [SQLRow] { try link.query(sql, binds) }
    func row(_ sql: String, _ binds: SQLValue...) throws -> SQLRow? { try link.query(sql, binds).first }
    @discardableResult func exec(_ sql: String, _ binds: SQLValue...) throws -> Int { try link.execute(sql, binds) }

    /// Called before commit: the log's head as it now stands.
    func finish() throws {
        if headChanged, let head {
            try setMetaValue("events_head", RecordedHead.text(head))
        }
    }

    // MARK: Generations (as in the GeoPackage: a feature is stale while its stamp is above the covered generation)

    private func generation(_ key: String) throws -> Int64 {
        try meta(key).flatMap { Int64($0) } ?? 0
    }
    private lazy var writeGeneration: Int64 = (try? generation("feature_generation") + 1) ?? 1
    private lazy var coveredGeneration: Int64 = (try? generation("overlaps_generation")) ?? 0
    private var generationBumped = false

    private func stampGeneration() throws -> Int64 {
        if !generationBumped {
            try setMetaValue("feature_generation", "\(writeGeneration)")
            generationBumped = true
        }
        return writeGeneration
    }

    // MARK: Geometry

    private func wkb(_ g: Geometry) -> SQLValue { .bytes(g.wkb) }
    /// The SQL that turns parameter `n` (WKB) into a geometry of the storage CRS.
    private func fromWKB(_ n: Int, multi: Bool = false) -> String {
        multi ? "ST_Multi(ST_GeomFromWKB($\(n), \(srid)))" : "ST_GeomFromWKB($\(n), \(srid))"
    }
    private func geometry(_ r: SQLRow, _ i: Int) throws -> Geometry {
        guard let bytes = try r.bytes(i) else { return .geometryCollection([]) }
        return try Geometry(wkb: bytes)
    }
    private func multiPolygon(_ g: Geometry) -> Geometry {
        if case .polygon(let p) = g { return .multiPolygon([p]) }
        return g
    }

    private var cachedMeasures: FeatureMeasures?
    private func measures() throws -> FeatureMeasures {
        if let cachedMeasures { return cachedMeasures }
        let m = try FeatureMeasures(crs: store.storageCRS)
        cachedMeasures = m
        return m
    }

    // MARK: Info

    func info() throws -> StoreInfo {
        var counts: [String: Int] = [:]
        for t in ["parcels", "buildings", "utilities", "zones", "projects", "land_items", "household_items", "utility_items"] {
            counts[t] = Int(try row("SELECT count(*) FROM \(t)")?.int(0) ?? 0)
        }
        counts["events"] = Int(try row("SELECT count(*) FROM events WHERE \(Self.itemEventsOnly)")?.int(0) ?? 0)
        counts["project_changes"] = Int(try row("SELECT count(*) FROM events WHERE NOT \(Self.itemEventsOnly)")?.int(0) ?? 0)
        var meta: [String: String] = [:]
        for r in try rows("SELECT key, value FROM landkit_meta") { meta[try r.string(0)] = try r.string(1) }
        return StoreInfo(
            location: store.location, storageCRS: store.storageCRS,
            crsName: (try? store.storageCRS.name()) ?? store.storageCRS.description,
            schemaVersion: Int(meta["schema_version"] ?? "") ?? 0, landKitVersion: meta["landkit_version"] ?? "?",
            timeZone: meta["time_zone"] ?? Timestamps.defaultTimeZone, counts: counts)
    }

    // MARK: Features

    static let parcelColumns =
        "id, ST_AsBinary(geom), village, group_name, land_class, land_class_name, owner, area_m2, planar_area_m2, repaired, attributes, raw_coordinates"
    private func parcel(_ r: SQLRow) throws -> Parcel {
        Parcel(
            id: try r.string(0), village: try r.optionalString(2), group: try r.optionalString(3), landClass: try r.optionalString(4),
            landClassName: try r.optionalString(5), owner: try r.optionalString(6), geometry: try geometry(r, 1),
            areaSquareMetres: try r.double(7), planarAreaSquareMetres: try r.double(8), repaired: try r.optionalString(9),
            attributesJSON: try r.optionalString(10), rawCoordinates: try r.optionalString(11))
    }

    func parcel(id: String) throws -> Parcel? {
        try row("SELECT \(Self.parcelColumns) FROM parcels WHERE id = $1", .text(id)).map(parcel)
    }

    static let buildingColumns =
        "id, ST_AsBinary(geom), head, id_card, phone, members, floor_area_m2, structure, village, group_name, repaired, attributes, raw_coordinates"
    private func building(_ r: SQLRow) throws -> Building {
        Building(
            id: try r.string(0), head: try r.optionalString(2), idCard: try r.optionalString(3), phone: try r.optionalString(4),
            members: try r.optionalInt(5).map { Int($0) }, floorAreaSquareMetres: try r.optionalDouble(6),
            structure: try r.optionalString(7),
            village: try r.optionalString(8), group: try r.optionalString(9), geometry: try geometry(r, 1),
            repaired: try r.optionalString(10),
            attributesJSON: try r.optionalString(11), rawCoordinates: try r.optionalString(12))
    }

    func building(id: String) throws -> Building? {
        try row("SELECT \(Self.buildingColumns) FROM buildings WHERE id = $1", .text(id)).map(building)
    }

    static let utilityColumns = "id, ST_AsBinary(geom), kind, name, owner_company, length_m, repaired, attributes, raw_coordinates"
    private func utility(_ r: SQLRow) throws -> Utility {
        Utility(
            id: try r.string(0), kind: try r.optionalString(2), name: try r.optionalString(3), ownerCompany: try r.optionalString(4),
            geometry: try geometry(r, 1), lengthMetres: try r.double(5), repaired: try r.optionalString(6),
            attributesJSON: try r.optionalString(7), rawCoordinates: try r.optionalString(8))
    }

    func utility(id: String) throws -> Utility? {
        try row("SELECT \(Self.utilityColumns) FROM utilities WHERE id = $1", .text(id)).map(utility)
    }

    func sourceFile(_ entity: EntityKind, id: String) throws -> String? {
        try row("SELECT source_file FROM \(Self.featureTable(entity)) WHERE id = $1", .text(id))?.optionalString(0)
    }

    static func featureTable(_ e: EntityKind) -> String {
        switch e {
        case .parcel: "parcels"
        case .household: "buildings"
        case .utility: "utilities"
        }
    }

    /// A column value as compared and bound.
    private enum Column: Equatable {
        case text(String?)
        case real(Double?)
        case integer(Int64?)

        var sql: SQLValue {
            switch self {
            case .text(let s): .text(s)
            case .real(let d): .double(d)
            case .integer(let i): .int(i)
            }
        }
    }

    /// Inserts, updates or leaves a feature row, as the GeoPackage store does: a geometry within
    /// ``Geometry/unchangedToleranceMetres`` of the stored one is unchanged (and keeps its derived columns); a
    /// changed geometry marks the feature stale and is an event.
    private func upsert(
        table: String, entity: EntityKind, id: String, geometry g: Geometry, multi: Bool, columns: [(String, Column)],
        derived: Set<String> = []
    ) throws -> UpsertOutcome {
        try requireWritable()
        let names = columns.map(\.0)
        let existing = try row(
            "SELECT ST_AsBinary(geom), \(names.joined(separator: ", ")) FROM \(table) WHERE id = $1 FOR UPDATE", .text(id))
        guard let existing else {
            let cols = ["id", "geom"] + names + ["updated_at", "overlaps_dirty"]
            let values = cols.indices.map { i in i == 1 ? fromWKB(2, multi: multi) : "$\(i + 1)" }
            let binds: [SQLValue] = [.text(id), wkb(g)] + columns.map(\.1.sql) + [.text(now), .int(try stampGeneration())]
            try link.execute("INSERT INTO \(table) (\(cols.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))", binds)
            return .inserted
        }
        var stored: [Column] = []
        for (i, (_, c)) in columns.enumerated() {
            switch c {
            case .text: stored.append(.text(try existing.optionalString(i + 1)))
            case .real: stored.append(.real(try existing.optionalDouble(i + 1)))
            case .integer: stored.append(.integer(try existing.optionalInt(i + 1)))
            }
        }
        let old = try existing.bytes(0).map { try Geometry(wkb: $0) }
        let geometryChanged = !(old.map { $0.isSame(as: g) } ?? false)
        var columns = columns
        if !geometryChanged {
            for (i, (name, _)) in columns.enumerated() where derived.contains(name) { columns[i].1 = stored[i] }
        }
        let attributesChanged = zip(columns, stored).contains { $0.1 != $1 }
        if !geometryChanged && !attributesChanged { return .unchanged }
        var sets = names.enumerated().map { "\($1) = $\($0 + 2)" }
        var binds: [SQLValue] = [.text(id)] + columns.map(\.1.sql)
        sets.append("updated_at = $\(binds.count + 1)")
        binds.append(.text(now))
        if geometryChanged {
            sets.append("geom = \(fromWKB(binds.count + 1, multi: multi))")
            binds.append(wkb(g))
            sets.append("overlaps_dirty = $\(binds.count + 1)")
            binds.append(.int(try stampGeneration()))
        }
        try link.execute("UPDATE \(table) SET \(sets.joined(separator: ", ")) WHERE id = $1", binds)
        if geometryChanged {
            try append(
                Event(
                    at: Timestamps.instant(now) ?? Timestamps.now(), by: "import", entity: entity, entityID: id, projectID: nil,
                    action: .geometryChanged, note: "geometry replaced by an import; overlaps marked stale"))
        }
        return .updated
    }

    func upsert(_ p: Parcel) throws -> UpsertOutcome {
        try upsert(
            table: "parcels", entity: .parcel, id: p.id, geometry: multiPolygon(p.geometry), multi: true,
            columns: [
                ("village", .text(p.village)), ("group_name", .text(p.group)), ("land_class", .text(p.landClass)),
                ("land_class_name", .text(p.landClassName)), ("owner", .text(p.owner)),
                ("area_m2", .real(p.areaSquareMetres)), ("planar_area_m2", .real(p.planarAreaSquareMetres)),
                ("area_mu", .real(AreaUnit.mu(squareMetres: p.areaSquareMetres))),
                ("repaired", .text(p.repaired)), ("attributes", .text(p.attributesJSON)), ("raw_coordinates", .text(p.rawCoordinates)),
                ("source_file", .text(p.sourceFile)),
            ], derived: ["area_m2", "planar_area_m2", "area_mu"])
    }

    func upsert(_ b: Building) throws -> UpsertOutcome {
        try upsert(
            table: "buildings", entity: .household, id: b.id, geometry: b.geometry, multi: false,
            columns: [
                ("head", .text(b.head)), ("id_card", .text(b.idCard)), ("phone", .text(b.phone)),
                ("members", .integer(b.members.map(Int64.init))), ("floor_area_m2", .real(b.floorAreaSquareMetres)),
                ("structure", .text(b.structure)), ("village", .text(b.village)), ("group_name", .text(b.group)),
                ("repaired", .text(b.repaired)), ("attributes", .text(b.attributesJSON)), ("raw_coordinates", .text(b.rawCoordinates)),
                ("source_file", .text(b.sourceFile)),
            ])
    }

    func upsert(_ u: Utility) throws -> UpsertOutcome {
        try upsert(
            table: "utilities", entity: .utility, id: u.id, geometry: u.geometry, multi: false,
            columns: [
                ("kind", .text(u.kind)), ("name", .text(u.name)), ("owner_company", .text(u.ownerCompany)),
                ("length_m", .real(u.lengthMetres)), ("repaired", .text(u.repaired)), ("attributes", .text(u.attributesJSON)),
                ("raw_coordinates", .text(u.rawCoordinates)), ("source_file", .text(u.sourceFile)),
            ], derived: ["length_m"])
    }

    // MARK: Parcels for the overlap engine

    /// The columns of a parcel as the engine takes it: id, WKB, its box (from PostGIS's cached bbox), areas.
    static let shapeColumns = "id, ST_AsBinary(geom), ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom), area_m2, planar_area_m2"

    private func shape(_ r: SQLRow) throws -> StoredParcelShape {
        let id = try r.string(0)
        guard let bytes = try r.bytes(1) else {
            return StoredParcelShape(id: id, geometry: .geometryCollection([]), areaSquareMetres: 0, planarAreaSquareMetres: 0)
        }
        let e = Envelope(minX: try r.double(2), minY: try r.double(3), maxX: try r.double(4), maxY: try r.double(5))
        let source: ShapeGeometry =
            [e.minX, e.minY, e.maxX, e.maxY].allSatisfy(\.isFinite) ? .wkb(bytes, envelope: e) : .value(try Geometry(wkb: bytes))
        return StoredParcelShape(id: id, source: source, areaSquareMetres: try r.double(6), planarAreaSquareMetres: try r.double(7))
    }

    private func batches(_ batchSize: Int, _ body: ([StoredParcelShape]) throws -> Void, _ fetch: (Int, Int) throws -> [SQLRow]) throws {
        let size = max(1, batchSize)
        var offset = 0
        while true {
            let chunk = try fetch(offset, size)
            if chunk.isEmpty { return }
            try body(try chunk.map(shape))
            if chunk.count < size { return }
            offset += chunk.count
        }
    }

    func forEachParcelBatch(batchSize: Int, onlyDirty: Bool, _ body: ([StoredParcelShape]) throws -> Void) throws {
        let filter = onlyDirty ? "WHERE overlaps_dirty > \(coveredGeneration)" : ""
        // Keyset pagination by id: each batch is one indexed range read.
        var last: String?
        let size = max(1, batchSize)
        while true {
            let chunk =
                try last.map {
                    try link.query(
                        "SELECT \(Self.shapeColumns) FROM parcels \(filter.isEmpty ? "WHERE" : filter + " AND") id > $1 ORDER BY id LIMIT \(size)",
                        [.text($0)])
                } ?? link.query("SELECT \(Self.shapeColumns) FROM parcels \(filter) ORDER BY id LIMIT \(size)")
            if chunk.isEmpty { return }
            try body(try chunk.map(shape))
            if chunk.count < size { return }
            last = try chunk.last?.string(0)
        }
    }

    func forEachParcelBatch(batchSize: Int, within boxes: [Envelope], _ body: ([StoredParcelShape]) throws -> Void) throws {
        var fids = Set<Int64>()
        for e in boxes {
            for r in try rows(
                "SELECT fid FROM parcels WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, \(srid))", .double(e.minX), .double(e.minY),
                .double(e.maxX), .double(e.maxY))
            {
                fids.insert(try r.int(0))
            }
        }
        let sorted = fids.sorted()
        try batches(batchSize, body) { offset, size in
            let keys = Array(sorted[min(offset, sorted.count)..<min(offset + size, sorted.count)])
            if keys.isEmpty { return [] }
            return try link.query("SELECT \(Self.shapeColumns) FROM parcels WHERE fid = ANY($1) ORDER BY fid", [.ints(keys)])
        }
    }

    func forEachParcelBatch(batchSize: Int, ids: [String], _ body: ([StoredParcelShape]) throws -> Void) throws {
        let sorted = Set(ids).sorted()
        try batches(batchSize, body) { offset, size in
            let keys = Array(sorted[min(offset, sorted.count)..<min(offset + size, sorted.count)])
            if keys.isEmpty { return [] }
            return try link.query("SELECT \(Self.shapeColumns) FROM parcels WHERE id = ANY($1) ORDER BY id", [.texts(keys)])
        }
    }

    func hasDirtyFeatures() throws -> Bool {
        try row(
            """
            SELECT EXISTS (SELECT 1 FROM parcels WHERE overlaps_dirty > $1) OR EXISTS (SELECT 1 FROM buildings WHERE overlaps_dirty > $1)
                OR EXISTS (SELECT 1 FROM utilities WHERE overlaps_dirty > $1)
            """, .int(coveredGeneration))?.bool(0) ?? false
    }

    func forEachParcel(_ body: (Parcel) throws -> Void) throws {
        for r in try rows("SELECT \(Self.parcelColumns) FROM parcels ORDER BY id") { try body(try parcel(r)) }
    }

    func forEachBuilding(onlyDirty: Bool, _ body: (Building) throws -> Void) throws {
        let filter = onlyDirty ? "WHERE overlaps_dirty > \(coveredGeneration)" : ""
        for r in try rows("SELECT \(Self.buildingColumns) FROM buildings \(filter) ORDER BY id") { try body(try building(r)) }
    }

    func forEachBuilding(within e: Envelope, _ body: (Building) throws -> Void) throws {
        for r in try rows(
            "SELECT \(Self.buildingColumns) FROM buildings WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, \(srid)) ORDER BY id",
            .double(e.minX), .double(e.minY), .double(e.maxX), .double(e.maxY))
        {
            try body(try building(r))
        }
    }

    func forEachUtility(onlyDirty: Bool, _ body: (Utility) throws -> Void) throws {
        let filter = onlyDirty ? "WHERE overlaps_dirty > \(coveredGeneration)" : ""
        for r in try rows("SELECT \(Self.utilityColumns) FROM utilities \(filter) ORDER BY id") { try body(try utility(r)) }
    }

    func markFeaturesClean() throws {
        try requireWritable()
        let latest = try generation("feature_generation")
        try setMetaValue("overlaps_generation", "\(latest)")
        coveredGeneration = latest
    }

    // MARK: Projects and zones

    static let projectColumns = "id, name, kind, due, closed_at, revision, items_revision"
    private func project(_ r: SQLRow) throws -> Project {
        let id = try r.string(0), kindText = try r.string(2)
        guard let kind = ProjectKind(rawValue: kindText) else { throw StoreError("project \(id) has unknown kind \(kindText)") }
        let closedAt = try r.optionalString(4).map { text in
            guard let d = Timestamps.instant(text) else {
                throw StoreError(.invalidData, "project \(id): stored closing time \"\(text)\" is not one LandKit knows")
            }
            return d
        }
        return Project(
            id: id, name: try r.string(1), kind: kind, due: try r.optionalString(3).flatMap(LocalDate.init), closedAt: closedAt,
            redLineRevision: Int(try r.int(5)), itemsRevision: try r.optionalInt(6).map { Int($0) })
    }

    func projects() throws -> [Project] {
        try rows("SELECT \(Self.projectColumns) FROM projects ORDER BY fid").map(project)
    }

    func project(id: String) throws -> Project? {
        try row("SELECT \(Self.projectColumns) FROM projects WHERE id = $1", .text(id)).map(project)
    }

    func add(_ p: Project) throws {
        try requireWritable()
        guard try project(id: p.id) == nil else { throw StoreError(.alreadyExists, "project \(p.id) already exists") }
        try exec(
            "INSERT INTO projects (id, name, kind, due, created_at) VALUES ($1, $2, $3, $4, $5)", .text(p.id), .text(p.name),
            .text(p.kind.rawValue), .text(p.due?.description), .text(Timestamps.nowUTC()))
    }

    func update(_ p: Project) throws {
        try requireWritable()
        guard try project(id: p.id) != nil else { throw StoreError(.unknownProject, "no project \(p.id)") }
        try exec(
            "UPDATE projects SET name = $1, kind = $2, due = $3, closed_at = $4 WHERE id = $5", .text(p.name), .text(p.kind.rawValue),
            .text(p.due?.description), .text(p.closedAt.map(Timestamps.utc)), .text(p.id))
    }

    static let zoneColumns = "id, project_id, name, ST_AsBinary(geom), source, centerline, width_m, repaired"
    private func zone(_ r: SQLRow) throws -> Zone {
        let source: ZoneSource
        if try r.string(4) == "centerline", let line = try r.bytes(5), let width = try r.optionalDouble(6) {
            source = .centerline(try Geometry(wkb: line), widthMetres: width)
        } else {
            source = .polygon
        }
        return Zone(
            id: try r.string(0), projectID: try r.string(1), name: try r.optionalString(2), geometry: try geometry(r, 3), source: source,
            repaired: try r.optionalString(7))
    }

    func zones(projectID: String?) throws -> [Zone] {
        try projectID.map { try rows("SELECT \(Self.zoneColumns) FROM zones WHERE project_id = $1 ORDER BY id", .text($0)) }
            .map { try $0.map(zone) }
            ?? rows("SELECT \(Self.zoneColumns) FROM zones ORDER BY project_id, id").map(zone)
    }

    private func zoneExists(_ projectID: String, _ zoneID: String) throws -> Bool {
        try row("SELECT 1 FROM zones WHERE project_id = $1 AND id = $2", .text(projectID), .text(zoneID)) != nil
    }

    private func sourceColumns(_ z: Zone) -> (String, [UInt8]?, Double?) {
        if case .centerline(let g, let w) = z.source { return ("centerline", g.wkb, w) }
        return ("polygon", nil, nil)
    }

    func add(_ z: Zone) throws {
        try requireWritable()
        guard try project(id: z.projectID) != nil else { throw StoreError(.unknownProject, "no project \(z.projectID)") }
        guard try !zoneExists(z.projectID, z.id) else {
            throw StoreError(.alreadyExists, "project \(z.projectID) already has a zone \(z.id)")
        }
        let (sourceName, line, width) = sourceColumns(z)
        try exec(
            """
            INSERT INTO zones (id, project_id, name, geom, source, centerline, width_m, area_m2, repaired, created_at)
            VALUES ($1, $2, $3, \(fromWKB(4, multi: true)), $5, $6, $7, $8, $9, $10)
            """, .text(z.id), .text(z.projectID), .text(z.name), wkb(multiPolygon(z.geometry)), .text(sourceName), .bytes(line),
            .double(width), .double(PlanarArea.of(z.geometry)), .text(z.repaired), .text(Timestamps.nowUTC()))
        try exec("UPDATE projects SET overlaps_dirty = true WHERE id = $1", .text(z.projectID))
    }

    func replace(_ z: Zone) throws {
        try requireWritable()
        guard try zoneExists(z.projectID, z.id) else { throw StoreError(.notFound, "project \(z.projectID) has no zone \(z.id)") }
        let (sourceName, line, width) = sourceColumns(z)
        try exec(
            """
            UPDATE zones SET name = $1, geom = \(fromWKB(2, multi: true)), source = $3, centerline = $4, width_m = $5, area_m2 = $6,
              repaired = $7 WHERE project_id = $8 AND id = $9
            """, .text(z.name), wkb(multiPolygon(z.geometry)), .text(sourceName), .bytes(line), .double(width),
            .double(PlanarArea.of(z.geometry)), .text(z.repaired), .text(z.projectID), .text(z.id))
        try exec("UPDATE projects SET overlaps_dirty = true WHERE id = $1", .text(z.projectID))
    }

    func removeZone(projectID: String, zoneID: String) throws {
        try requireWritable()
        guard try zoneExists(projectID, zoneID) else { throw StoreError(.notFound, "project \(projectID) has no zone \(zoneID)") }
        try exec("DELETE FROM zones WHERE project_id = $1 AND id = $2", .text(projectID), .text(zoneID))
        try exec("UPDATE projects SET overlaps_dirty = true WHERE id = $1", .text(projectID))
    }

    func beginRedLineRevision(projectID: String) throws {
        try requireWritable()
        guard let p = try project(id: projectID) else { throw StoreError(.unknownProject, "no project \(projectID)") }
        let r = Int64(p.redLineRevision)
        try exec(
            """
            INSERT INTO zone_revisions (project_id, revision, zone_id, name, geom, source, centerline, width_m, repaired)
            SELECT project_id, $1, id, name, geom, source, centerline, width_m, repaired FROM zones WHERE project_id = $2
            """, .int(r), .text(projectID))
        let keepItems = try p.itemsRevision == p.redLineRevision && !dirtyProjectIDs().contains(projectID)
        try exec(
            "INSERT INTO red_line_revisions (project_id, revision, items_kept) VALUES ($1, $2, $3)", .text(projectID), .int(r),
            .bool(keepItems))
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
                    SELECT project_id, $1, $2, \(k), \(columns), out_of_zone FROM \(t) WHERE project_id = $3
                    """, .int(r), .text(e.rawValue), .text(projectID))
            }
        }
        try exec("UPDATE projects SET revision = revision + 1 WHERE id = $1", .text(projectID))
    }

    func zones(projectID: String, revision: Int) throws -> [Zone] {
        guard let p = try project(id: projectID) else { throw StoreError(.unknownProject, "no project \(projectID)") }
        if revision >= p.redLineRevision { return try zones(projectID: projectID) }
        return try rows(
            """
            SELECT zone_id, project_id, name, ST_AsBinary(geom), source, centerline, width_m, repaired FROM zone_revisions
            WHERE project_id = $1 AND revision = $2 ORDER BY zone_id
            """, .text(projectID), .int(revision)
        ).map(zone)
    }

    func items(projectID: String, revision: Int) throws -> [ProjectItem]? {
        guard
            try row("SELECT items_kept FROM red_line_revisions WHERE project_id = $1 AND revision = $2", .text(projectID), .int(revision))?
                .bool(0) == true
        else { return nil }
        return try rows(
            """
            SELECT entity, item_id, overlap_m2, overlap_planar_m2, fraction, sliver, position, length_m, out_of_zone
            FROM item_revisions WHERE project_id = $1 AND revision = $2 ORDER BY entity, item_id
            """, .text(projectID), .int(revision)
        ).map { r in
            let entityText = try r.string(0), id = try r.string(1)
            func bad(_ what: String) -> StoreError {
                StoreError(
                    .invalidData, "kept revision \(revision) of project \(projectID), item \(id): stored \(what) is not one LandKit knows")
            }
            guard let entity = EntityKind(rawValue: entityText) else { throw bad("kind \"\(entityText)\"") }
            let overlap: ItemOverlap
            switch entity {
            case .parcel:
                overlap = .land(
                    LandOverlap(
                        squareMetres: try r.double(2), planarSquareMetres: try r.double(3), fraction: try r.double(4), sliver: try r.bool(5)
                    ))
            case .household:
                let code = try r.optionalString(6) ?? ""
                guard let position = BuildingPosition(rawValue: code) else { throw bad("position \"\(code)\"") }
                overlap = .household(position)
            case .utility:
                overlap = .utility(lengthMetres: try r.double(7))
            }
            return ProjectItem(id: id, projectID: projectID, overlap: overlap, outOfZone: try r.bool(8))
        }
    }

    func dirtyProjectIDs() throws -> Set<String> {
        Set(try rows("SELECT id FROM projects WHERE overlaps_dirty").map { try $0.string(0) })
    }

    func markProjectClean(_ id: String) throws {
        try requireWritable()
        try exec("UPDATE projects SET overlaps_dirty = false, items_revision = revision WHERE id = $1", .text(id))
    }

    // MARK: Teams, sections, assignments

    func add(_ t: Team) throws {
        try requireWritable()
        guard try row("SELECT 1 FROM teams WHERE id IN ($1, $2) OR name IN ($1, $2)", .text(t.id), .text(t.name)) == nil else {
            throw StoreError(.alreadyExists, "a team \(t.id) or named \(t.name) already exists")
        }
        try exec(
            "INSERT INTO teams (id, name, contact, created_at) VALUES ($1, $2, $3, $4)", .text(t.id), .text(t.name), .text(t.contact),
            .text(Timestamps.nowUTC()))
    }

    func teams() throws -> [Team] {
        try rows("SELECT id, name, contact FROM teams ORDER BY fid").map {
            Team(id: try $0.string(0), name: try $0.string(1), contact: try $0.optionalString(2))
        }
    }

    func add(_ section: Section) throws {
        try requireWritable()
        guard try project(id: section.projectID) != nil else { throw StoreError(.unknownProject, "no project \(section.projectID)") }
        guard try row("SELECT 1 FROM sections WHERE project_id = $1 AND id = $2", .text(section.projectID), .text(section.id)) == nil
        else { throw StoreError(.alreadyExists, "project \(section.projectID) already has a section \(section.id)") }
        var geom: [UInt8]?, parcels: String?
        switch section.extent {
        case .polygon(let g): geom = g.wkb
        case .parcels(let ids): parcels = String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
        }
        try exec(
            "INSERT INTO sections (project_id, id, name, geom, parcels, created_at) VALUES ($1, $2, $3, \(fromWKB(4)), $5, $6)",
            .text(section.projectID), .text(section.id), .text(section.name), .bytes(geom), .text(parcels), .text(Timestamps.nowUTC()))
    }

    func sections(projectID: String?) throws -> [Section] {
        let columns = "id, project_id, name, ST_AsBinary(geom), parcels"
        let found =
            try projectID.map { try rows("SELECT \(columns) FROM sections WHERE project_id = $1 ORDER BY id", .text($0)) }
            ?? rows("SELECT \(columns) FROM sections ORDER BY project_id, id")
        return try found.map { r in
            let extent: Section.Extent
            if let g = try r.bytes(3) {
                extent = .polygon(try Geometry(wkb: g))
            } else {
                extent = .parcels(try JSONDecoder().decode([String].self, from: Data((try r.optionalString(4) ?? "[]").utf8)))
            }
            return Section(id: try r.string(0), projectID: try r.string(1), name: try r.string(2), extent: extent)
        }
    }

    func assign(_ item: ItemKey, teamID: String, at: Date, by: String?) throws {
        try requireWritable()
        try exec(
            "INSERT INTO assignments (project_id, entity, item_id, team_id, at, by) VALUES ($1, $2, $3, $4, $5, $6)", .text(item.projectID),
            .text(item.entity.rawValue), .text(item.id), .text(teamID), .text(Timestamps.utc(at)), .text(by))
    }

    func assignments(projectID: String?) throws -> [ItemKey: String] {
        let sql = "SELECT project_id, entity, item_id, team_id FROM assignments"
        let found =
            try projectID.map { try rows(sql + " WHERE project_id = $1 ORDER BY fid", .text($0)) } ?? rows(sql + " ORDER BY fid")
        var out: [ItemKey: String] = [:]
        for r in found {
            guard let entity = EntityKind(rawValue: try r.string(1)) else { continue }
            out[ItemKey(entity: entity, id: try r.string(2), projectID: try r.string(0))] = try r.string(3)
        }
        return out
    }

    func team(of item: ItemKey) throws -> Team? {
        try row(
            """
            SELECT t.id, t.name, t.contact FROM assignments a JOIN teams t ON t.id = a.team_id
            WHERE a.project_id = $1 AND a.entity = $2 AND a.item_id = $3 ORDER BY a.fid DESC LIMIT 1
            """, .text(item.projectID), .text(item.entity.rawValue), .text(item.id)
        ).map { Team(id: try $0.string(0), name: try $0.string(1), contact: try $0.optionalString(2)) }
    }

    // MARK: Items

    static func table(_ e: EntityKind) -> (table: String, key: String) {
        switch e {
        case .parcel: ("land_items", "parcel_id")
        case .household: ("household_items", "building_id")
        case .utility: ("utility_items", "utility_id")
        }
    }

    static func itemColumns(_ e: EntityKind) -> String {
        let common =
            "\(table(e).key), project_id, stage, blocked_reason, blocked_note, blocked_since, deferred, deferred_note, out_of_zone, closed"
        switch e {
        case .parcel: return common + ", overlap_m2, overlap_planar_m2, fraction, sliver"
        case .household: return common + ", position"
        case .utility: return common + ", length_m"
        }
    }

    private func item(_ e: EntityKind, _ r: SQLRow) throws -> ProjectItem {
        let id = try r.string(0), project = try r.string(1), stageCode = try r.string(2)
        func bad(_ what: String) -> StoreError {
            StoreError(.invalidData, "\(e.rawValue) \(id) in project \(project): stored \(what) is not one LandKit knows")
        }
        guard let stage = Stage(e, parsing: stageCode) else { throw bad("stage \"\(stageCode)\"") }
        let reason = try r.optionalString(3).map { code in
            guard let b = BlockReason(rawValue: code) else { throw bad("blocked reason \"\(code)\"") }
            return b
        }
        let since = try r.optionalString(5).map { text in
            guard let d = Timestamps.instant(text) else { throw bad("time \"\(text)\"") }
            return d
        }
        let status = ItemStatus(
            stage: stage, blockedReason: reason, blockedNote: try r.optionalString(4), blockedSince: since, deferred: try r.bool(6),
            deferredNote: try r.optionalString(7), closed: try r.bool(9))
        let overlap: ItemOverlap
        switch e {
        case .parcel:
            overlap = .land(
                LandOverlap(
                    squareMetres: try r.double(10), planarSquareMetres: try r.double(11), fraction: try r.double(12), sliver: try r.bool(13)
                ))
        case .household:
            let code = try r.string(10)
            guard let position = BuildingPosition(rawValue: code) else { throw bad("position \"\(code)\"") }
            overlap = .household(position)
        case .utility:
            overlap = .utility(lengthMetres: try r.double(10))
        }
        return ProjectItem(id: id, projectID: project, overlap: overlap, outOfZone: try r.bool(8), status: status)
    }

    func items(projectID: String?, entity: EntityKind?) throws -> [ProjectItem] {
        var out: [ProjectItem] = []
        for e in entity.map({ [$0] }) ?? EntityKind.allCases {
            let (t, k) = Self.table(e)
            let columns = Self.itemColumns(e)
            let found =
                try projectID.map { try rows("SELECT \(columns) FROM \(t) WHERE project_id = $1 ORDER BY \(k)", .text($0)) }
                ?? rows("SELECT \(columns) FROM \(t) ORDER BY project_id, \(k)")
            out += try found.map { try item(e, $0) }
        }
        return out
    }

    func item(_ e: EntityKind, id: String, projectID: String) throws -> ProjectItem? {
        let (t, k) = Self.table(e)
        // FOR UPDATE in a write: the workflow's precondition (the item's stage) holds until commit.
        let lock = writable ? " FOR UPDATE" : ""
        return try row("SELECT \(Self.itemColumns(e)) FROM \(t) WHERE project_id = $1 AND \(k) = $2\(lock)", .text(projectID), .text(id))
            .map { try item(e, $0) }
    }

    func saveOverlap(_ i: ProjectItem) throws {
        try requireWritable()
        switch i.entity {
        case .parcel:
            try exec(
                """
                INSERT INTO land_items (project_id, parcel_id, overlap_m2, overlap_planar_m2, overlap_mu, fraction, sliver, out_of_zone, computed_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8)
                ON CONFLICT (project_id, parcel_id) DO UPDATE SET overlap_m2 = excluded.overlap_m2, overlap_planar_m2 = excluded.overlap_planar_m2,
                  overlap_mu = excluded.overlap_mu, fraction = excluded.fraction, sliver = excluded.sliver, out_of_zone = false,
                  computed_at = excluded.computed_at
                """, .text(i.projectID), .text(i.id), .double(i.overlapSquareMetres), .double(i.land?.planarSquareMetres ?? 0),
                .double(AreaUnit.mu(squareMetres: i.overlapSquareMetres)), .double(i.land?.fraction ?? 0), .bool(i.land?.sliver ?? false),
                .text(now))
        case .household:
            try exec(
                """
                INSERT INTO household_items (project_id, building_id, position, out_of_zone, computed_at) VALUES ($1, $2, $3, false, $4)
                ON CONFLICT (project_id, building_id) DO UPDATE SET position = excluded.position, out_of_zone = false,
                  computed_at = excluded.computed_at
                """, .text(i.projectID), .text(i.id), .text((i.position ?? .inside).rawValue), .text(now))
        case .utility:
            try exec(
                """
                INSERT INTO utility_items (project_id, utility_id, length_m, out_of_zone, computed_at) VALUES ($1, $2, $3, false, $4)
                ON CONFLICT (project_id, utility_id) DO UPDATE SET length_m = excluded.length_m, out_of_zone = false,
                  computed_at = excluded.computed_at
                """, .text(i.projectID), .text(i.id), .double(i.lengthMetres ?? 0), .text(now))
        }
    }

    func setOutOfZone(_ e: EntityKind, id: String, projectID: String, _ outOfZone: Bool) throws {
        try requireWritable()
        let (t, k) = Self.table(e)
        try exec("UPDATE \(t) SET out_of_zone = $1 WHERE project_id = $2 AND \(k) = $3", .bool(outOfZone), .text(projectID), .text(id))
    }

    func removeItem(_ e: EntityKind, id: String, projectID: String) throws {
        try requireWritable()
        let (t, k) = Self.table(e)
        try exec("DELETE FROM \(t) WHERE project_id = $1 AND \(k) = $2", .text(projectID), .text(id))
    }

    func updateCachedStatus(_ e: EntityKind, id: String, projectID: String, _ s: ItemStatus) throws {
        try requireWritable()
        let (t, k) = Self.table(e)
        let changed = try exec(
            """
            UPDATE \(t) SET stage = $1, blocked_reason = $2, blocked_note = $3, blocked_since = $4, deferred = $5, deferred_note = $6,
              closed = $7 WHERE project_id = $8 AND \(k) = $9
            """, .text(s.stage.code), .text(s.blockedReason?.rawValue), .text(s.blockedNote), .text(s.blockedSince.map(Timestamps.utc)),
            .bool(s.deferred), .text(s.deferredNote), .bool(s.closed), .text(projectID), .text(id))
        guard changed == 1 else { throw StoreError(.notFound, "\(e.rawValue) \(id) is not an item of project \(projectID)") }
    }

    func landByClass(projectID: String) throws -> [(code: String?, name: String?, squareMetres: Double)] {
        try rows(
            """
            SELECT p.land_class, p.land_class_name, sum(li.overlap_m2) AS m2
            FROM land_items li JOIN parcels p ON p.id = li.parcel_id
            WHERE li.project_id = $1 AND NOT li.out_of_zone
            GROUP BY p.land_class, p.land_class_name ORDER BY m2 DESC
            """, .text(projectID)
        ).map { (code: try $0.optionalString(0), name: try $0.optionalString(1), squareMetres: try $0.double(2)) }
    }

    // MARK: Meta

    func meta(_ key: String) throws -> String? {
        try row("SELECT value FROM landkit_meta WHERE key = $1", .text(key))?.string(0)
    }

    func setMetaValue(_ key: String, _ value: String) throws {
        try exec(
            "INSERT INTO landkit_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", .text(key),
            .text(value))
    }

    func setMeta(_ key: String, _ value: String?) throws {
        try requireWritable()
        if let value { try setMetaValue(key, value) } else { try exec("DELETE FROM landkit_meta WHERE key = $1", .text(key)) }
    }

    // MARK: Events

    private var head: EventChain.Head?
    private var headChanged = false

    /// The head of the log, read once per transaction with a row lock: appenders take turns, so the chain never forks.
    private func currentHead() throws -> EventChain.Head {
        if let head { return head }
        let h = try chainHead(table: "events", key: "events_head", recorded: recordedEventHead)
        head = h
        return h
    }

    /// The head of a chained table (events, money records) as an appender sees it: the meta row locked, then the
    /// recorded head, or the head computed from the rows when none is recorded.
    func chainHead(table: String, key: String, recorded: () throws -> EventChain.Head?) throws -> EventChain.Head {
        _ = try row("SELECT value FROM landkit_meta WHERE key = $1 FOR UPDATE", .text(key))
        if let h = try recorded() { return h }
        let count = Int(try row("SELECT count(*) FROM \(table)")?.int(0) ?? 0)
        guard let last = try row("SELECT id, hash FROM \(table) ORDER BY id DESC LIMIT 1") else {
            return EventChain.Head(count: 0, lastID: 0, hash: EventChain.genesis)
        }
        return EventChain.Head(count: count, lastID: try last.int(0), hash: try last.string(1))
    }

    func recordedEventHead() throws -> EventChain.Head? {
        try RecordedHead.parse(meta("events_head"), chain: "the event log")
    }

    private static let insertEvent = """
        INSERT INTO events (id, at, recorded_at, by, entity, entity_id, project_id, action, from_stage, to_stage, reason, note, forced, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        """

    @discardableResult
    func append(_ e: Event) throws -> Int64 {
        try requireWritable()
        let previous = try currentHead()
        var stored = e
        stored.seq = previous.lastID + 1
        let hash = EventChain.hash(EventChain.fields(stored, recordedAt: now), previous: previous.hash)
        try link.execute(
            Self.insertEvent,
            [
                .int(stored.seq), .text(Timestamps.utc(e.at)), .text(now), .text(e.by), .text(e.entity.rawValue), .text(e.entityID),
                .text(e.projectID), .text(e.action.rawValue), .text(e.from?.code), .text(e.to?.code), .text(e.reason?.rawValue),
                .text(e.note), .bool(e.forced), .text(hash),
            ])
        head = EventChain.Head(count: previous.count + 1, lastID: stored.seq, hash: hash)
        headChanged = true
        return stored.seq
    }

    @discardableResult
    func append(_ c: ProjectChange) throws -> Int64 {
        try requireWritable()
        let previous = try currentHead()
        var stored = c
        stored.seq = previous.lastID + 1
        let fields = EventChain.fields(stored, recordedAt: now)
        let hash = EventChain.hash(fields, previous: previous.hash)
        try link.execute(
            Self.insertEvent,
            [
                .int(stored.seq), .text(fields[1]), .text(now), .text(c.by), .text(c.subject), .text(fields[5]), .text(c.projectID),
                .text(c.action.rawValue), .null, .null, .null, .text(c.note), .bool(false), .text(hash),
            ])
        head = EventChain.Head(count: previous.count + 1, lastID: stored.seq, hash: hash)
        headChanged = true
        return stored.seq
    }

    static let eventColumns =
        "id, at, recorded_at, by, entity, entity_id, project_id, action, from_stage, to_stage, reason, note, forced, hash"

    private func event(_ r: SQLRow) throws -> Event {
        let seq = try r.int(0), entityText = try r.string(4), actionText = try r.string(7)
        guard let entity = EntityKind(rawValue: entityText), let action = EventAction(rawValue: actionText) else {
            throw StoreError(.invalidData, "event \(seq) has unknown entity/action \(entityText)/\(actionText)")
        }
        func bad(_ what: String) -> StoreError { StoreError(.invalidData, "event \(seq): stored \(what) is not one LandKit knows") }
        let atText = try r.string(1), recordedText = try r.string(2)
        guard let at = Timestamps.instant(atText) else { throw bad("time \"\(atText)\"") }
        guard let recorded = Timestamps.instant(recordedText) else { throw bad("time \"\(recordedText)\"") }
        func stage(_ i: Int) throws -> Stage? {
            guard let code = try r.optionalString(i) else { return nil }
            guard let s = Stage(entity, parsing: code) else { throw bad("stage \"\(code)\"") }
            return s
        }
        let reason = try r.optionalString(10).map { code in
            guard let b = BlockReason(rawValue: code) else { throw bad("reason \"\(code)\"") }
            return b
        }
        return Event(
            seq: seq, at: at, recordedAt: recorded, by: try r.optionalString(3), entity: entity, entityID: try r.string(5),
            projectID: try r.optionalString(6), action: action, from: try stage(8), to: try stage(9), reason: reason,
            note: try r.optionalString(11), forced: try r.bool(12))
    }

    func projectChanges(projectID: String?) throws -> [ProjectChange] {
        let sql = "SELECT \(Self.eventColumns) FROM events WHERE entity IN ('project', 'zone')"
        let found =
            try projectID.map { try rows(sql + " AND project_id = $1 ORDER BY at, id", .text($0)) } ?? rows(sql + " ORDER BY at, id")
        var revisions: [String: Int] = [:]
        return try found.map { r in
            let seq = try r.int(0), actionText = try r.string(7)
            guard let action = ProjectChangeAction(rawValue: actionText), let at = Timestamps.instant(try r.string(1)),
                let recordedAt = Timestamps.instant(try r.string(2)), let project = try r.optionalString(6)
            else { throw StoreError(.invalidData, "event \(seq): a project change LandKit does not know (\(actionText))") }
            if action.revisesRedLine { revisions[project, default: 0] += 1 }
            return ProjectChange(
                seq: seq, at: at, recordedAt: recordedAt, by: try r.optionalString(3), projectID: project,
                zoneID: try r.string(4) == "zone" ? try r.string(5) : nil, action: action, revision: revisions[project] ?? 0,
                note: try r.optionalString(11))
        }
    }

    func events(entity: EntityKind?, id: String?, projectID: String?) throws -> [Event] {
        var conditions: [String] = [], binds: [SQLValue] = []
        if let entity {
            binds.append(.text(entity.rawValue))
            conditions.append("entity = $\(binds.count)")
        } else {
            conditions.append(Self.itemEventsOnly)
        }
        if let id {
            binds.append(.text(id))
            conditions.append("entity_id = $\(binds.count)")
        }
        if let projectID {
            binds.append(.text(projectID))
            conditions.append("(project_id = $\(binds.count) OR project_id IS NULL)")
        }
        return try link.query(
            "SELECT \(Self.eventColumns) FROM events WHERE \(conditions.joined(separator: " AND ")) ORDER BY at, id", binds
        ).map(event)
    }

    func forEachEvent(_ body: (Event) throws -> Void) throws {
        for r in try rows("SELECT \(Self.eventColumns) FROM events WHERE \(Self.itemEventsOnly) ORDER BY at, id") { try body(try event(r)) }
    }

    func forEachStoredEvent(_ body: (Int64, [String?], String?) throws -> Void) throws {
        for r in try rows("SELECT \(Self.eventColumns) FROM events ORDER BY id") {
            let id = try r.int(0)
            var fields: [String?] = ["\(id)"]
            for i in 1..<12 { fields.append(try r.optionalString(i)) }
            fields.append(try r.bool(12) ? "1" : "0")
            try body(id, fields, try r.optionalString(13))
        }
    }

    static let itemEventsOnly = "entity IN ('parcel', 'household', 'utility')"

    func storeProblems() throws -> [String] {
        var problems: [String] = []
        let triggers = Set(try rows("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'").map { try $0.string(0) })
        for t in PostgresSchema.triggerNames where !triggers.contains(t) {
            problems.append("the trigger \(t) that keeps a log append-only is missing or disabled")
        }
        // LandKit's own rule, as on a GeoPackage (PostGIS's ST_IsValid and areas are not the official figures).
        for r in try rows("SELECT id, ST_AsBinary(geom), area_m2, planar_area_m2, area_mu FROM parcels ORDER BY id") {
            problems += try measures().parcelProblems(
                id: try r.string(0), geometry: try geometry(r, 1), areaSquareMetres: try r.double(2), planarSquareMetres: try r.double(3),
                mu: try r.double(4))
        }
        for r in try rows("SELECT id, ST_AsBinary(geom), length_m FROM utilities ORDER BY id") {
            if let problem = try measures().utilityProblem(id: try r.string(0), geometry: try geometry(r, 1), lengthMetres: try r.double(2))
            {
                problems.append(problem)
            }
        }
        return problems
    }
}
