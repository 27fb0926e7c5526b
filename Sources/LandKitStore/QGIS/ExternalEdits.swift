import GRDB
import LandKit

/// Edits made outside LandKit (QGIS, ogr2ogr, ogrinfo -sql) to the feature tables.
///
/// Triggers in the file itself catch them, since QGIS opens the GeoPackage without LandKit's code:
/// an inserted, moved or deleted feature (or one whose id or stored areas were typed over) is marked
/// stale with a new geometry generation, its derived values (areas, length) are cleared, projects
/// that held a deleted or renamed feature are marked for a full recompute, and the edit is queued in
/// `landkit_external_edits`. The next LandKit write recomputes the cleared values and records each
/// queued edit as a `geometry-changed` event by ``ExternalEdits/author``, after repairing an invalid
/// geometry the way an import does (``FeatureMeasures/validated(_:layer:)``; the event says so) (the log is LandKit's:
/// a trigger cannot hash the chain). LandKit's own writes put a row in `landkit_writer` for their
/// transaction, which the triggers skip; the row is removed before commit, so no other connection
/// ever sees it (and, without AUTOINCREMENT, it leaves no trace).
enum ExternalEdits {
    /// Who the event log names for an edit made outside LandKit.
    static let author = "external edit (QGIS/GDAL)"
    /// The table that holds a row only inside LandKit's own write transactions.
    static let writerTable = "landkit_writer"

    /// One feature table: its entity, the derived columns the triggers clear, and what else an edit may touch.
    struct Table {
        var name: String
        var entity: EntityKind
        /// The import layer whose validity rule its geometries follow.
        var layer: FeatureLayer
        /// Derived from the geometry: cleared by an outside edit, recomputed by LandKit.
        var derived: [String]
        /// The items table and its key column.
        var items: (table: String, key: String)
    }

    static let tables = [
        Table(
            name: "parcels", entity: .parcel, layer: .parcels, derived: ["area_m2", "planar_area_m2", "area_mu"],
            items: ("land_items", "parcel_id")),
        Table(name: "buildings", entity: .household, layer: .buildings, derived: [], items: ("household_items", "building_id")),
        Table(name: "utilities", entity: .utility, layer: .utilities, derived: ["length_m"], items: ("utility_items", "utility_id")),
    ]

    /// The names of the triggers, for `info --verify`.
    static var triggerNames: [String] {
        tables.flatMap { t in ["insert", "update", "delete"].map { "landkit_\(t.name)_edited_\($0)" } }
    }

    /// Rebuilds the feature tables so a feature can be added without LandKit's derived values
    /// (SQLite cannot drop NOT NULL or add a default in place): derived columns become nullable
    /// (NULL = to be recomputed) and `updated_at` defaults to now. Rows, fids, indexes and the
    /// R-tree triggers are kept.
    static func rebuildTables(_ db: Database) throws {
        for t in tables {
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(t.name))")
            let definitions = columns.map { c -> String in
                let name: String = c["name"], type: String = c["type"], notNull: Bool = c["notnull"], pk: Bool = c["pk"]
                let fallback: String? = c["dflt_value"]
                if pk { return "\(name) INTEGER PRIMARY KEY AUTOINCREMENT" }
                var d = "\(name) \(type)"
                if notNull && !t.derived.contains(name) { d += " NOT NULL" }
                if name == "id" { d += " UNIQUE" }
                if name == "updated_at" {
                    d += " DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
                } else if let fallback {
                    d += " DEFAULT \(fallback)"
                }
                return d
            }
            let names = columns.map { $0["name"] as String }.joined(separator: ", ")
            let kept = try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
                arguments: [t.name])
            try db.execute(
                sql: """
                    CREATE TABLE \(t.name)_v5 (\(definitions.joined(separator: ", ")));
                    INSERT INTO \(t.name)_v5 (\(names)) SELECT \(names) FROM \(t.name);
                    DROP TABLE \(t.name);
                    ALTER TABLE \(t.name)_v5 RENAME TO \(t.name);
                    """)
            for sql in kept { try db.execute(sql: sql) }
        }
    }

    /// The queue of outside edits and the triggers that fill it.
    static func createTriggers(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE landkit_external_edits (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, feature_id TEXT, action TEXT NOT NULL,
                  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
                """)
        try GeoPackageSchema.registerAttributes(
            db, name: "landkit_external_edits",
            description: "edits made outside LandKit (QGIS, GDAL), recorded as events by the next LandKit write")
        try db.execute(sql: "CREATE TABLE \(writerTable) (flag INTEGER PRIMARY KEY)")
        try GeoPackageSchema.registerAttributes(
            db, name: writerTable, description: "not empty only inside a LandKit write: edits then are LandKit's own")
        let outside = "NOT EXISTS (SELECT 1 FROM \(writerTable))"
        let bump = "UPDATE landkit_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'feature_generation';"
        let generation = "(SELECT CAST(value AS INTEGER) FROM landkit_meta WHERE key = 'feature_generation')"
        for t in tables {
            let stale =
                (["overlaps_dirty = \(generation)", "updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')"] + t.derived.map { "\($0) = NULL" })
                .joined(separator: ", ")
            let projectsOf = "SELECT project_id FROM \(t.items.table) WHERE \(t.items.key) = OLD.id"
            func queue(_ id: String, _ action: String) -> String {
                "INSERT INTO landkit_external_edits (entity, feature_id, action) VALUES ('\(t.entity.rawValue)', \(id), '\(action)');"
            }
            let watched = (["geom", "id"] + t.derived).joined(separator: ", ")
            // Only a real change counts: the trigger's own UPDATE (derived values cleared) must not
            // fire it again, as GDAL turns recursive triggers on.
            let changed =
                (["NEW.geom IS NOT OLD.geom", "NEW.id IS NOT OLD.id"]
                + t.derived.map { "(NEW.\($0) IS NOT NULL AND NEW.\($0) IS NOT OLD.\($0))" }).joined(separator: " OR ")
            try db.execute(
                sql: """
                    CREATE TRIGGER landkit_\(t.name)_edited_insert AFTER INSERT ON \(t.name) WHEN \(outside)
                    BEGIN
                      \(bump)
                      UPDATE \(t.name) SET \(stale) WHERE fid = NEW.fid;
                      \(queue("NEW.id", "inserted"))
                    END;
                    CREATE TRIGGER landkit_\(t.name)_edited_update AFTER UPDATE OF \(watched) ON \(t.name) WHEN \(outside) AND (\(changed))
                    BEGIN
                      \(bump)
                      UPDATE \(t.name) SET \(stale) WHERE fid = NEW.fid;
                      UPDATE projects SET overlaps_dirty = 1 WHERE OLD.id IS NOT NEW.id AND id IN (\(projectsOf));
                      \(queue("NEW.id", "changed"))
                    END;
                    CREATE TRIGGER landkit_\(t.name)_edited_delete AFTER DELETE ON \(t.name) WHEN \(outside)
                    BEGIN
                      UPDATE projects SET overlaps_dirty = 1 WHERE id IN (\(projectsOf));
                      \(queue("OLD.id", "deleted"))
                    END;
                    """)
        }
    }
}
