import GRDB
import LandKit

/// What makes the GeoPackage a QGIS project on its own: the progress views (registered as feature
/// tables, which GeoPackage allows), the code table they join for Chinese names, and default styles
/// in `layer_styles`.
///
/// The views carry no personal data: no owner or household-head names, ID numbers, phones, free
/// notes or free attributes (QGIS opens the file without LandKit's masking).
enum QGISLayers {
    /// A progress view: one row per item of a project, with the feature's geometry.
    struct View {
        var name: String
        var entity: EntityKind
        var base: String
        var identifier: String
        var sql: String
    }

    static let status = """
        i.stage AS stage, st.zh AS stage_zh, st.ord AS stage_order,
          i.blocked_reason AS blocked_reason, br.zh AS blocked_reason_zh, i.blocked_since AS blocked_since,
          i.deferred AS deferred, i.out_of_zone AS out_of_zone
        """

    static func joins(_ entity: EntityKind) -> String {
        """
        JOIN projects pr ON pr.id = i.project_id
        LEFT JOIN landkit_codes st ON st.kind = 'stage' AND st.entity = '\(entity.rawValue)' AND st.code = i.stage
        LEFT JOIN landkit_codes br ON br.kind = 'block-reason' AND br.code = i.blocked_reason
        """
    }

    static let views = [
        View(
            name: "land_progress", entity: .parcel, base: "parcels", identifier: "征地进度 land progress",
            sql: """
                SELECT i.fid AS fid, f.geom AS geom, i.project_id AS project, pr.name AS project_name, i.parcel_id AS parcel_id,
                  f.village AS village, f.group_name AS group_name, f.land_class AS land_class, f.land_class_name AS land_class_name,
                  \(status),
                  i.overlap_m2 AS overlap_m2, i.overlap_mu AS overlap_mu, i.fraction AS fraction, i.sliver AS sliver
                FROM land_items i JOIN parcels f ON f.id = i.parcel_id
                \(joins(.parcel))
                """),
        View(
            name: "household_progress", entity: .household, base: "buildings", identifier: "拆迁进度 household progress",
            sql: """
                SELECT i.fid AS fid, f.geom AS geom, i.project_id AS project, pr.name AS project_name, i.building_id AS building_id,
                  f.village AS village, f.group_name AS group_name, f.structure AS structure, f.floor_area_m2 AS floor_area_m2,
                  f.members AS members, i.position AS position, po.zh AS position_zh,
                  \(status)
                FROM household_items i JOIN buildings f ON f.id = i.building_id
                \(joins(.household))
                LEFT JOIN landkit_codes po ON po.kind = 'position' AND po.code = i.position
                """),
        View(
            name: "utility_progress", entity: .utility, base: "utilities", identifier: "杆线迁改进度 utility progress",
            sql: """
                SELECT i.fid AS fid, f.geom AS geom, i.project_id AS project, pr.name AS project_name, i.utility_id AS utility_id,
                  f.kind AS kind, f.name AS name, f.owner_company AS owner_company,
                  \(status),
                  i.length_m AS length_m, f.length_m AS total_length_m
                FROM utility_items i JOIN utilities f ON f.id = i.utility_id
                \(joins(.utility))
                """),
    ]

    /// The codes and names the views join, from LandKit's own types: (kind, entity, code, zh, en, order).
    static var codes: [(String, String?, String, String, String, Int)] {
        var rows: [(String, String?, String, String, String, Int)] = []
        for e in EntityKind.allCases {
            rows += e.stages.map { ("stage", e.rawValue, $0.code, $0.zh, $0.en, $0.order) }
        }
        rows += BlockReason.allCases.enumerated().map { ("block-reason", nil, $1.rawValue, $1.zh, $1.en, $0) }
        rows += BuildingPosition.allCases.enumerated().map { ("position", nil, $1.rawValue, $1.zh, $1.rawValue, $0) }
        return rows
    }

    /// Migration v5: the code table, the views, the styles.
    static func create(_ db: Database, srsID: Int) throws {
        try db.execute(
            sql: """
                CREATE TABLE landkit_codes (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, entity TEXT, code TEXT NOT NULL,
                  zh TEXT NOT NULL, en TEXT NOT NULL, ord INTEGER NOT NULL, UNIQUE (kind, entity, code));
                CREATE TABLE layer_styles (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256), f_table_name TEXT(256),
                  f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN,
                  description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
                """)
        try GeoPackageSchema.registerAttributes(
            db, name: "landkit_codes", description: "stage, blocked-reason and position codes with their Chinese names (from LandKit)")
        try GeoPackageSchema.registerAttributes(db, name: "layer_styles", description: "default QGIS styles of LandKit's layers")
        for v in views {
            try db.execute(sql: "CREATE VIEW \(v.name) AS \(v.sql)")
            let type = try declaredType(db, v.base) ?? "GEOMETRY"
            try db.execute(
                sql: "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, ?)",
                arguments: [v.name, v.identifier, "one row per \(v.entity.rawValue) item of a project, with its stage", srsID])
            try db.execute(
                sql:
                    "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, 'geom', ?, ?, 0, 0)",
                arguments: [v.name, type, srsID])
        }
        try refresh(db)
    }

    /// Tables whose declared geometry type follows their data (parcels and zones are always MULTIPOLYGON).
    static let typedByData = ["buildings", "utilities"]

    /// Declares the geometry type of those of `tables` typed by data as narrowly as their rows allow
    /// (POINT, POLYGON, LINESTRING, MULTI…; GEOMETRY when empty or mixed, e.g. after a later import
    /// adds points to a layer of polygons), the views the same as their tables, and the default
    /// styles' symbols to match.
    static func declareGeometryTypes(_ db: Database, touched tables: Set<String>) throws {
        let typed = typedByData.filter(tables.contains)
        guard !typed.isEmpty, try GeoPackageSchema.declareGeometryType(db, tables: typed) else { return }
        for v in views where typed.contains(v.base) {
            try db.execute(
                sql: "UPDATE gpkg_geometry_columns SET geometry_type_name = ? WHERE table_name = ?",
                arguments: [try declaredType(db, v.base) ?? "GEOMETRY", v.name])
        }
        try refresh(db)
    }

    static func declaredType(_ db: Database, _ table: String) throws -> String? {
        try String.fetchOne(
            db, sql: "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ? AND column_name = 'geom'",
            arguments: [table])
    }

    /// Rewrites the codes and LandKit's styles when they differ from what this LandKit would write
    /// (a LandKit with a new stage opening an older file). Styles a user saved under other names stay.
    static func refresh(_ db: Database) throws {
        guard try !isCurrent(db) else { return }
        try rewrite(db)
    }

    /// True when the codes and LandKit's styles are what this LandKit would write.
    static func isCurrent(_ db: Database) throws -> Bool {
        let stored = try Row.fetchAll(db, sql: "SELECT kind, entity, code, zh, en, ord FROM landkit_codes ORDER BY fid").map {
            "\($0["kind"] as String)|\($0["entity"] as String? ?? "")|\($0["code"] as String)|\($0["zh"] as String)|\($0["en"] as String)|\($0["ord"] as Int)"
        }
        let wanted = codes.map { "\($0.0)|\($0.1 ?? "")|\($0.2)|\($0.3)|\($0.4)|\($0.5)" }
        let storedStyles = try Row.fetchAll(
            db, sql: "SELECT f_table_name, styleQML FROM layer_styles WHERE styleName = ? ORDER BY f_table_name", arguments: [styleName]
        ).map { "\($0["f_table_name"] as String)|\($0["styleQML"] as String? ?? "")" }
        let wantedStyleKeys = try wantedStyles(db).sorted { $0.table < $1.table }.map { "\($0.table)|\($0.qml)" }
        return stored == wanted && storedStyles == wantedStyleKeys
    }

    private static func rewrite(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM landkit_codes")
        for c in codes {
            try db.execute(
                sql: "INSERT INTO landkit_codes (kind, entity, code, zh, en, ord) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [c.0, c.1, c.2, c.3, c.4, c.5])
        }
        try db.execute(sql: "DELETE FROM layer_styles WHERE styleName = ?", arguments: [styleName])
        for s in try wantedStyles(db) {
            try db.execute(
                sql: """
                    INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD,
                      useAsDefault, description, owner)
                    VALUES ('', '', ?, 'geom', ?, ?, '', 1, ?, 'LandKit')
                    """, arguments: [s.table, styleName, s.qml, s.description])
        }
    }

    /// The name LandKit's own styles have in layer_styles.
    static let styleName = "LandKit"

    private static func wantedStyles(_ db: Database) throws -> [(table: String, qml: String, description: String)] {
        var out: [(table: String, qml: String, description: String)] = []
        for v in views {
            let shape = QGISStyle.Shape(geometryTypeName: try declaredType(db, v.name) ?? "GEOMETRY")
            out.append((v.name, QGISStyle.progressLayer(v.entity, shape: shape), "stages of \(v.entity.rawValue) items (viridis)"))
        }
        out.append(("zones", QGISStyle.redLines(), "red lines (红线)"))
        return out
    }
}
