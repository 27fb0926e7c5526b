import Foundation
import GRDB
import LandKit

/// GeoPackage 1.2 core tables and the feature-table helpers (R-tree extension with the 1.2 triggers).
enum GeoPackageSchema {
    static let applicationID: Int32 = 0x4750_4B47  // "GPKG"
    static let userVersion: Int32 = 10200

    static func createCore(_ db: Database, storage: CRS) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(userVersion)")
        try db.execute(
            sql: """
                CREATE TABLE gpkg_spatial_ref_sys (
                  srs_name TEXT NOT NULL,
                  srs_id INTEGER NOT NULL PRIMARY KEY,
                  organization TEXT NOT NULL,
                  organization_coordsys_id INTEGER NOT NULL,
                  definition TEXT NOT NULL,
                  description TEXT);
                CREATE TABLE gpkg_contents (
                  table_name TEXT NOT NULL PRIMARY KEY,
                  data_type TEXT NOT NULL,
                  identifier TEXT UNIQUE,
                  description TEXT DEFAULT '',
                  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
                  srs_id INTEGER,
                  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
                CREATE TABLE gpkg_geometry_columns (
                  table_name TEXT NOT NULL,
                  column_name TEXT NOT NULL,
                  geometry_type_name TEXT NOT NULL,
                  srs_id INTEGER NOT NULL,
                  z TINYINT NOT NULL,
                  m TINYINT NOT NULL,
                  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
                  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
                  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
                  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
                CREATE TABLE gpkg_extensions (
                  table_name TEXT,
                  column_name TEXT,
                  extension_name TEXT NOT NULL,
                  definition TEXT NOT NULL,
                  scope TEXT NOT NULL,
                  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
                """)
        let srs =
            "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)"
        try db.execute(
            sql: srs,
            arguments: ["Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"])
        try db.execute(
            sql: srs,
            arguments: ["Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"])
        for crs in Set([CRS.wgs84, CRS.cgcs2000, storage]).sorted(by: { $0.epsg < $1.epsg }) {
            try db.execute(sql: srs, arguments: [try crs.name(), crs.epsg, "EPSG", crs.epsg, try crs.wkt(), nil])
        }
    }

    /// Creates a feature table `name` with `fid` and `geom` plus `columns`, registers it and adds
    /// its R-tree index with the GeoPackage 1.2 triggers.
    static func createFeatureTable(
        _ db: Database, name: String, identifier: String, description: String, geometryType: String,
        srsID: Int, columns: String
    ) throws {
        try db.execute(sql: "CREATE TABLE \(name) (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom \(geometryType), \(columns))")
        try db.execute(
            sql: "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, ?)",
            arguments: [name, identifier, description, srsID])
        try db.execute(
            sql:
                "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?, 'geom', ?, ?, 0, 0)",
            arguments: [name, geometryType, srsID])
        try createRTree(db, table: name, column: "geom", id: "fid")
    }

    /// Registers a non-spatial table as GeoPackage 'attributes'.
    static func registerAttributes(_ db: Database, name: String, description: String) throws {
        try db.execute(
            sql: "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES (?, 'attributes', ?, ?)",
            arguments: [name, name, description])
    }

    static func createRTree(_ db: Database, table t: String, column c: String, id i: String) throws {
        let r = "rtree_\(t)_\(c)"
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE \(r) USING rtree(id, minx, maxx, miny, maxy);
                INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
                  VALUES ('\(t)', '\(c)', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');
                \(insertTriggerSQL(table: t, column: c, id: i))
                CREATE TRIGGER \(r)_update1 AFTER UPDATE OF \(c) ON \(t)
                  WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
                BEGIN
                  INSERT OR REPLACE INTO \(r) VALUES (NEW.\(i), ST_MinX(NEW.\(c)), ST_MaxX(NEW.\(c)), ST_MinY(NEW.\(c)), ST_MaxY(NEW.\(c)));
                END;
                CREATE TRIGGER \(r)_update2 AFTER UPDATE OF \(c) ON \(t)
                  WHEN OLD.\(i) = NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
                BEGIN
                  DELETE FROM \(r) WHERE id = OLD.\(i);
                END;
                CREATE TRIGGER \(r)_update3 AFTER UPDATE ON \(t)
                  WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) NOTNULL AND NOT ST_IsEmpty(NEW.\(c)))
                BEGIN
                  DELETE FROM \(r) WHERE id = OLD.\(i);
                  INSERT OR REPLACE INTO \(r) VALUES (NEW.\(i), ST_MinX(NEW.\(c)), ST_MaxX(NEW.\(c)), ST_MinY(NEW.\(c)), ST_MaxY(NEW.\(c)));
                END;
                CREATE TRIGGER \(r)_update4 AFTER UPDATE ON \(t)
                  WHEN OLD.\(i) != NEW.\(i) AND (NEW.\(c) ISNULL OR ST_IsEmpty(NEW.\(c)))
                BEGIN
                  DELETE FROM \(r) WHERE id IN (OLD.\(i), NEW.\(i));
                END;
                CREATE TRIGGER \(r)_delete AFTER DELETE ON \(t)
                  WHEN old.\(c) NOT NULL
                BEGIN
                  DELETE FROM \(r) WHERE id = OLD.\(i);
                END;
                """)
    }

    /// The GeoPackage 1.2 R-tree insert trigger. Bulk writers drop it, fill the R-tree from their own
    /// envelopes, and create it again before commit (geo.md: "Bulk load").
    static func insertTriggerSQL(table t: String, column c: String = "geom", id i: String = "fid") -> String {
        let r = "rtree_\(t)_\(c)"
        return """
            CREATE TRIGGER \(r)_insert AFTER INSERT ON \(t)
              WHEN (new.\(c) NOT NULL AND NOT ST_IsEmpty(NEW.\(c)))
            BEGIN
              INSERT OR REPLACE INTO \(r) VALUES (NEW.\(i), ST_MinX(NEW.\(c)), ST_MaxX(NEW.\(c)), ST_MinY(NEW.\(c)), ST_MaxY(NEW.\(c)));
            END;
            """
    }

    /// Recomputes a feature table's bounding box in gpkg_contents from its R-tree.
    static func refreshExtent(_ db: Database, table: String) throws {
        try db.execute(
            sql: """
                UPDATE gpkg_contents SET
                  min_x = (SELECT min(minx) FROM rtree_\(table)_geom), max_x = (SELECT max(maxx) FROM rtree_\(table)_geom),
                  min_y = (SELECT min(miny) FROM rtree_\(table)_geom), max_y = (SELECT max(maxy) FROM rtree_\(table)_geom),
                  last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now')
                WHERE table_name = ?
                """, arguments: [table])
    }

    /// GeoPackage geometry type names by WKB type code.
    static let geometryTypeNames: [UInt32: String] = [
        1: "POINT", 2: "LINESTRING", 3: "POLYGON", 4: "MULTIPOINT", 5: "MULTILINESTRING", 6: "MULTIPOLYGON", 7: "GEOMETRYCOLLECTION",
    ]

    /// The type every geometry of `table` has (POINT, POLYGON, MULTILINESTRING …), or GEOMETRY for a
    /// table that is empty or mixes types.
    static func commonGeometryType(_ db: Database, table: String) throws -> String {
        var types = Set<UInt32>()
        let blobs = try Data.fetchCursor(db, sql: "SELECT geom FROM \(table) WHERE geom IS NOT NULL")
        while let blob = try blobs.next() {
            types.insert(try GeoPackageBinary.wkbType(blob))
            if types.count > 1 { return "GEOMETRY" }
        }
        return types.first.flatMap { geometryTypeNames[$0] } ?? "GEOMETRY"
    }

    /// Declares `tables`' geometry type in gpkg_geometry_columns as narrowly as their data allows.
    /// - Returns: true when a declaration changed.
    @discardableResult
    static func declareGeometryType(_ db: Database, tables: [String]) throws -> Bool {
        var changed = false
        for t in tables {
            let type = try commonGeometryType(db, table: t)
            try db.execute(
                sql: "UPDATE gpkg_geometry_columns SET geometry_type_name = ? WHERE table_name = ? AND geometry_type_name != ?",
                arguments: [type, t, type])
            guard db.changesCount > 0 else { continue }
            try setColumnType(db, table: t, type: type)
            changed = true
        }
        return changed
    }

    /// Sets the declared SQL type of `table`'s geom column, which GeoPackage requires to equal
    /// gpkg_geometry_columns' type (Req 31). SQLite cannot alter a column's type in place. Its
    /// documented way for a schema change that leaves the stored rows as they are ("Making Other Kinds
    /// Of Table Schema Changes" in its ALTER TABLE page) is to edit the schema text under
    /// `writable_schema` and bump `schema_version`, in the caller's transaction. It is safe here because nothing on disk depends on the type name: geom
    /// holds BLOBs (or NULL), which no column affinity converts, and no index covers it. The edit is
    /// checked before the transaction goes on: the schema is read back and the column has the new
    /// type, else the whole write rolls back.
    static func setColumnType(_ db: Database, table: String, type: String) throws {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]),
            let range = geomColumnTypeRange(in: sql)
        else { throw StoreError(.invalidData, "the table \(table) has no geom column LandKit can retype") }
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        try db.execute(
            sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
            arguments: [sql.replacingCharacters(in: range, with: type), table])
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        try db.execute(sql: "PRAGMA writable_schema = OFF")
        // The schema is parsed again here: a bad edit fails now, inside the transaction, not in a later connection.
        let declared =
            try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").first { ($0["name"] as String?) == "geom" }?["type"] as String?
        guard declared == type else {
            throw StoreError(.invalidData, "retyping \(table).geom to \(type) did not take (declared: \(declared ?? "none"))")
        }
    }

    /// The range of the geom column's type name in a CREATE TABLE text: the word after `geom` where
    /// a column definition starts (after "(" or ","), so a column such as `old_geom TEXT` added later is never taken.
    static func geomColumnTypeRange(in sql: String) -> Range<String.Index>? {
        guard let column = sql.range(of: #"[(,]\s*"?geom"?\s+[A-Za-z_]+"#, options: .regularExpression) else { return nil }
        return sql[column].range(of: #"[A-Za-z_]+$"#, options: .regularExpression)
    }
}
