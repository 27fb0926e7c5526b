import Foundation
import GRDB
import LandKit

/// LandKit's schema, as GRDB migrations. Each migration bumps `schema_version` in landkit_meta;
/// a file whose version is above `currentVersion` was written by a newer LandKit and is refused.
enum Migrations {
    /// Identifiers in order; the schema version of a file is the number it has applied.
    static let identifiers = [
        "v1-geopackage-landkit", "v2-indexes", "v3-stale-generations", "v4-event-chain", "v5-qgis", "v6-red-line-revisions",
        "v7-feature-sources", "v8-compensation", "v9-documents",
        "v10-accounts",
    ]
    static var currentVersion: Int { identifiers.count }

    static func migrator(storage: CRS) -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration(identifiers[0]) { db in try v1(db, storage: storage) }
        m.registerMigration(identifiers[1]) { db in try v2(db) }
        m.registerMigration(identifiers[2]) { db in try v3(db) }
        m.registerMigration(identifiers[3]) { db in try v4(db) }
        m.registerMigration(identifiers[4]) { db in try v5(db, storage: storage) }
        m.registerMigration(identifiers[5]) { db in try v6(db) }
        m.registerMigration(identifiers[6]) { db in try v7(db) }
        m.registerMigration(identifiers[7]) { db in try v8Compensation(db) }
        m.registerMigration("v9-documents") { db in try v9Documents(db) }
        m.registerMigration("v10-accounts") { db in try v10Accounts(db) }
        return m
    }

    private static func setVersion(_ db: Database, _ v: Int) throws {
        try db.execute(
            sql:
                "INSERT INTO landkit_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: ["\(v)"])
        try db.execute(
            sql:
                "INSERT INTO landkit_meta (key, value) VALUES ('landkit_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [LandKitInfo.version])
    }

    /// The GeoPackage core, the feature tables, projects, items, the append-only event log and meta.
    static func v1(_ db: Database, storage: CRS) throws {
        try GeoPackageSchema.createCore(db, storage: storage)
        let srs = storage.epsg
        let status = """
            stage TEXT NOT NULL DEFAULT 'pending',
            blocked_reason TEXT, blocked_note TEXT, blocked_since TEXT,
            deferred INTEGER NOT NULL DEFAULT 0, deferred_note TEXT,
            out_of_zone INTEGER NOT NULL DEFAULT 0,
            computed_at TEXT
            """
        try db.execute(
            sql: """
                CREATE TABLE landkit_meta (fid INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, value TEXT NOT NULL);
                """)
        try GeoPackageSchema.registerAttributes(
            db, name: "landkit_meta", description: "LandKit database facts: schema version, storage CRS, time zone")
        try db.execute(
            sql: "INSERT INTO landkit_meta (key, value) VALUES ('storage_crs', ?), ('time_zone', 'Asia/Shanghai'), ('created_at', ?)",
            arguments: [storage.description, Timestamps.nowUTC()])

        try GeoPackageSchema.createFeatureTable(
            db, name: "parcels", identifier: "地块 parcels", description: "cadastral parcels (地块/宗地)",
            geometryType: "MULTIPOLYGON", srsID: srs,
            columns: """
                id TEXT NOT NULL UNIQUE, village TEXT, group_name TEXT, land_class TEXT, land_class_name TEXT, owner TEXT,
                area_m2 REAL NOT NULL, planar_area_m2 REAL NOT NULL, area_mu REAL NOT NULL,
                repaired TEXT, attributes TEXT, raw_coordinates TEXT,
                overlaps_dirty INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL
                """)
        try GeoPackageSchema.createFeatureTable(
            db, name: "buildings", identifier: "房屋 buildings", description: "houses and households (户/房屋)",
            geometryType: "GEOMETRY", srsID: srs,
            columns: """
                id TEXT NOT NULL UNIQUE, head TEXT, id_card TEXT, phone TEXT, members INTEGER, floor_area_m2 REAL, structure TEXT,
                village TEXT, group_name TEXT, repaired TEXT, attributes TEXT, raw_coordinates TEXT,
                overlaps_dirty INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL
                """)
        try GeoPackageSchema.createFeatureTable(
            db, name: "utilities", identifier: "杆线管线 utilities", description: "power lines, substations, telecom, pipelines",
            geometryType: "GEOMETRY", srsID: srs,
            columns: """
                id TEXT NOT NULL UNIQUE, kind TEXT, name TEXT, owner_company TEXT, length_m REAL NOT NULL,
                repaired TEXT, attributes TEXT, raw_coordinates TEXT,
                overlaps_dirty INTEGER NOT NULL DEFAULT 1, updated_at TEXT NOT NULL
                """)
        try GeoPackageSchema.createFeatureTable(
            db, name: "zones", identifier: "红线 zones", description: "project red lines (红线范围)",
            geometryType: "MULTIPOLYGON", srsID: srs,
            columns: """
                id TEXT NOT NULL, project_id TEXT NOT NULL REFERENCES projects(id), name TEXT,
                source TEXT NOT NULL, centerline BLOB, width_m REAL, area_m2 REAL NOT NULL, repaired TEXT, created_at TEXT NOT NULL,
                UNIQUE (project_id, id)
                """)

        try db.execute(
            sql: """
                CREATE TABLE projects (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL, due TEXT,
                  overlaps_dirty INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);
                CREATE TABLE land_items (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL REFERENCES projects(id), parcel_id TEXT NOT NULL,
                  overlap_m2 REAL NOT NULL, overlap_planar_m2 REAL NOT NULL, overlap_mu REAL NOT NULL, fraction REAL NOT NULL,
                  sliver INTEGER NOT NULL DEFAULT 0,
                  \(status),
                  UNIQUE (project_id, parcel_id));
                CREATE TABLE household_items (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL REFERENCES projects(id), building_id TEXT NOT NULL,
                  position TEXT NOT NULL,
                  \(status),
                  UNIQUE (project_id, building_id));
                CREATE TABLE utility_items (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL REFERENCES projects(id), utility_id TEXT NOT NULL,
                  length_m REAL NOT NULL,
                  \(status),
                  UNIQUE (project_id, utility_id));
                CREATE TABLE events (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  at TEXT NOT NULL, recorded_at TEXT NOT NULL, by TEXT,
                  entity TEXT NOT NULL, entity_id TEXT NOT NULL, project_id TEXT,
                  action TEXT NOT NULL, from_stage TEXT, to_stage TEXT, reason TEXT, note TEXT,
                  forced INTEGER NOT NULL DEFAULT 0);
                CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be changed'); END;
                CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be deleted'); END;
                """)
        for (name, text) in [
            ("projects", "projects (项目)"), ("land_items", "parcel × project: acquired area and land workflow"),
            ("household_items", "building × project: inside/edge and household workflow"),
            ("utility_items", "utility × project: length to relocate and utility workflow"),
            ("events", "append-only log of every change"),
        ] {
            try GeoPackageSchema.registerAttributes(db, name: name, description: text)
        }
        try setVersion(db, 1)
    }

    /// Indexes for the event log and item lookups by feature.
    static func v2(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX events_item ON events (entity, entity_id, project_id, at);
                CREATE INDEX events_at ON events (at);
                CREATE INDEX land_items_parcel ON land_items (parcel_id);
                CREATE INDEX household_items_building ON household_items (building_id);
                CREATE INDEX utility_items_utility ON utility_items (utility_id);
                CREATE INDEX parcels_dirty ON parcels (overlaps_dirty) WHERE overlaps_dirty = 1;
                """)
        try setVersion(db, 2)
    }

    /// Staleness by generation: `overlaps_dirty` holds the generation of a feature's last geometry
    /// change (0/1 before, which reads the same: 1 is stale while nothing was computed after it), and
    /// the last overlaps run records the generation it covered. Clearing no longer rewrites every row.
    static func v3(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX IF EXISTS parcels_dirty;
                CREATE INDEX parcels_generation ON parcels (overlaps_dirty);
                CREATE INDEX buildings_generation ON buildings (overlaps_dirty);
                CREATE INDEX utilities_generation ON utilities (overlaps_dirty);
                INSERT INTO landkit_meta (key, value) VALUES ('feature_generation', '1') ON CONFLICT (key) DO NOTHING;
                INSERT INTO landkit_meta (key, value) VALUES ('overlaps_generation', '0') ON CONFLICT (key) DO NOTHING;
                """)
        try setVersion(db, 3)
    }

    /// The triggers that keep the event log append-only; `info --verify` checks they are all there.
    static let eventTriggers = ["events_no_update", "events_no_delete", "events_no_replace", "events_chained"]

    /// The tamper-evident log: every event gets a SHA-256 hash chained to the one before
    /// (``EventChain``), computed here for the events already recorded. `INSERT OR REPLACE` no longer
    /// overwrites an event (it never fired the delete trigger), and an event without a hash is refused.
    static func v4(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE events ADD COLUMN hash TEXT; DROP TRIGGER events_no_update;")
        var previous = EventChain.genesis
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM events ORDER BY id")
        var hashes: [(Int64, String)] = []
        while let row = try rows.next() {
            let e = try GeoPackageSession.event(row)
            let h = EventChain.hash(EventChain.fields(e, recordedAt: row["recorded_at"]), previous: previous)
            hashes.append((e.seq, h))
            previous = h
        }
        for (id, h) in hashes { try db.execute(sql: "UPDATE events SET hash = ? WHERE id = ?", arguments: [h, id]) }
        try db.execute(
            sql: """
                CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be changed'); END;
                CREATE TRIGGER events_no_replace BEFORE INSERT ON events WHEN EXISTS (SELECT 1 FROM events WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'events are append-only: an event cannot be replaced'); END;
                CREATE TRIGGER events_chained BEFORE INSERT ON events WHEN NEW.hash IS NULL
                BEGIN SELECT RAISE(ABORT, 'events are chained: an event needs its hash'); END;
                """)
        try GeoPackageSession.writeHead(db, try GeoPackageSession.computedHead(db))
        try setVersion(db, 4)
    }

    /// The GeoPackage as a QGIS project: feature tables QGIS can edit safely (triggers mark outside
    /// edits stale, see ``ExternalEdits``), the progress views with their code table, default styles.
    static func v5(_ db: Database, storage: CRS) throws {
        try ExternalEdits.rebuildTables(db)
        try ExternalEdits.createTriggers(db)
        try QGISLayers.create(db, srsID: storage.epsg)
        try setVersion(db, 5)
    }

    /// Red-line revisions. A project counts its red-line changes (`revision`); before a change, the
    /// zones and the items computed against them are kept in `zone_revisions` and `item_revisions`
    /// (never changed afterwards), so a report or map as of an earlier date uses the red line of that
    /// date and the figures computed against it. `items_revision` says which revision the current items
    /// were computed at. `closed_at`: a closed project leaves current reports. `closed` on items: an
    /// item that left the red line after it had progressed was closed with a note. Teams, sections (标段)
    /// and the assignment of items to teams (kept: the latest row per item is current).
    static func v6(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE projects ADD COLUMN closed_at TEXT;
                ALTER TABLE projects ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE projects ADD COLUMN items_revision INTEGER;
                UPDATE projects SET items_revision = 0
                  WHERE EXISTS (SELECT 1 FROM land_items WHERE project_id = projects.id)
                     OR EXISTS (SELECT 1 FROM household_items WHERE project_id = projects.id)
                     OR EXISTS (SELECT 1 FROM utility_items WHERE project_id = projects.id)
                     OR overlaps_dirty = 0;
                ALTER TABLE land_items ADD COLUMN closed INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE household_items ADD COLUMN closed INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE utility_items ADD COLUMN closed INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE red_line_revisions (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL REFERENCES projects(id), revision INTEGER NOT NULL,
                  items_kept INTEGER NOT NULL, UNIQUE (project_id, revision));
                CREATE TABLE zone_revisions (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL REFERENCES projects(id), revision INTEGER NOT NULL,
                  zone_id TEXT NOT NULL, name TEXT, geom BLOB NOT NULL, source TEXT NOT NULL, centerline BLOB, width_m REAL, repaired TEXT,
                  UNIQUE (project_id, revision, zone_id));
                CREATE TABLE item_revisions (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL REFERENCES projects(id), revision INTEGER NOT NULL,
                  entity TEXT NOT NULL, item_id TEXT NOT NULL,
                  overlap_m2 REAL, overlap_planar_m2 REAL, fraction REAL, sliver INTEGER, position TEXT, length_m REAL,
                  out_of_zone INTEGER NOT NULL,
                  UNIQUE (project_id, revision, entity, item_id));
                CREATE TRIGGER red_line_revisions_kept_update BEFORE UPDATE ON red_line_revisions
                BEGIN SELECT RAISE(ABORT, 'red-line revisions are kept: a revision cannot be changed'); END;
                CREATE TRIGGER red_line_revisions_kept_delete BEFORE DELETE ON red_line_revisions
                BEGIN SELECT RAISE(ABORT, 'red-line revisions are kept: a revision cannot be deleted'); END;
                CREATE TRIGGER zone_revisions_kept_update BEFORE UPDATE ON zone_revisions
                BEGIN SELECT RAISE(ABORT, 'red-line revisions are kept: a revision cannot be changed'); END;
                CREATE TRIGGER zone_revisions_kept_delete BEFORE DELETE ON zone_revisions
                BEGIN SELECT RAISE(ABORT, 'red-line revisions are kept: a revision cannot be deleted'); END;
                CREATE TRIGGER item_revisions_kept_update BEFORE UPDATE ON item_revisions
                BEGIN SELECT RAISE(ABORT, 'red-line revisions are kept: a revision cannot be changed'); END;
                CREATE TRIGGER item_revisions_kept_delete BEFORE DELETE ON item_revisions
                BEGIN SELECT RAISE(ABORT, 'red-line revisions are kept: a revision cannot be deleted'); END;
                CREATE INDEX events_subject ON events (project_id, entity) WHERE entity IN ('project', 'zone');
                CREATE TABLE teams (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE, contact TEXT,
                  created_at TEXT NOT NULL);
                CREATE TABLE sections (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL REFERENCES projects(id), id TEXT NOT NULL,
                  name TEXT NOT NULL, geom BLOB, parcels TEXT, created_at TEXT NOT NULL, UNIQUE (project_id, id));
                CREATE TABLE assignments (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL REFERENCES projects(id), entity TEXT NOT NULL,
                  item_id TEXT NOT NULL, team_id TEXT NOT NULL REFERENCES teams(id), at TEXT NOT NULL, by TEXT);
                CREATE INDEX assignments_item ON assignments (project_id, entity, item_id, fid);
                CREATE TRIGGER assignments_kept_update BEFORE UPDATE ON assignments
                BEGIN SELECT RAISE(ABORT, 'assignments are kept: reassign instead of changing one'); END;
                CREATE TRIGGER assignments_kept_delete BEFORE DELETE ON assignments
                BEGIN SELECT RAISE(ABORT, 'assignments are kept: reassign instead of deleting one'); END;
                """)
        for (name, text) in [
            ("red_line_revisions", "earlier red-line revisions (红线调整) and whether their items were kept"),
            ("zone_revisions", "the zones of each earlier red-line revision, kept"),
            ("item_revisions", "the items computed against each earlier red-line revision, kept"),
            ("teams", "field teams (拆迁组, 包村干部)"), ("sections", "project sections (标段)"),
            ("assignments", "which team works which item; the latest row per item is current"),
        ] {
            try GeoPackageSchema.registerAttributes(db, name: name, description: text)
        }
        try setVersion(db, 6)
    }

    /// The file each feature was imported from (its name), so that an id arriving from another file is refused
    /// instead of silently replacing a different parcel. Features imported before stay NULL: unknown.
    static func v7(_ db: Database) throws {
        for table in ["parcels", "buildings", "utilities"] {
            try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN source_file TEXT")
        }
        try setVersion(db, 7)
    }

    /// The triggers that keep the money records append-only and chained; `info --verify` checks them.
    static let moneyTriggers = ["money_records_no_update", "money_records_no_delete", "money_records_no_replace", "money_records_chained"]

    /// Compensation: rate tables (kept as the file text they were read from), the table each project uses,
    /// the survey inventory, and agreements and payments as append-only, hash-chained records
    /// (``MoneyChain``; amounts in integer fen). Its version is its position in `identifiers`.
    static func v8Compensation(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE rate_tables (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, source TEXT NOT NULL, sha256 TEXT NOT NULL,
                  valid_from TEXT, valid_to TEXT, rates INTEGER NOT NULL, imported_at TEXT NOT NULL);
                CREATE TABLE project_rates (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL UNIQUE REFERENCES projects(id),
                  rate_table TEXT NOT NULL REFERENCES rate_tables(name), set_at TEXT NOT NULL);
                CREATE TABLE inventory (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, entity_id TEXT NOT NULL, project_id TEXT,
                  item TEXT NOT NULL, quantity TEXT NOT NULL, unit TEXT NOT NULL, note TEXT, imported_at TEXT NOT NULL);
                CREATE INDEX inventory_item ON inventory (entity, entity_id);
                CREATE TABLE money_records (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, at TEXT NOT NULL, recorded_at TEXT NOT NULL, by TEXT,
                  entity TEXT NOT NULL, entity_id TEXT NOT NULL, project_id TEXT NOT NULL, number TEXT NOT NULL,
                  amount_fen INTEGER NOT NULL, note TEXT, hash TEXT);
                CREATE INDEX money_records_item ON money_records (project_id, entity, entity_id);
                CREATE TRIGGER money_records_no_update BEFORE UPDATE ON money_records
                BEGIN SELECT RAISE(ABORT, 'payments are append-only: a record cannot be changed (reverse it by a correction)'); END;
                CREATE TRIGGER money_records_no_delete BEFORE DELETE ON money_records
                BEGIN SELECT RAISE(ABORT, 'payments are append-only: a record cannot be deleted (reverse it by a correction)'); END;
                CREATE TRIGGER money_records_no_replace BEFORE INSERT ON money_records
                WHEN EXISTS (SELECT 1 FROM money_records WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'payments are append-only: a record cannot be replaced'); END;
                CREATE TRIGGER money_records_chained BEFORE INSERT ON money_records WHEN NEW.hash IS NULL
                BEGIN SELECT RAISE(ABORT, 'payments are chained: a record needs its hash'); END;
                """)
        for (name, text) in [
            ("rate_tables", "compensation rate tables (补偿标准)"), ("project_rates", "the rate table each project uses"),
            ("inventory", "survey inventory (摸底): attachments per parcel or household"),
            ("money_records", "append-only, chained agreements and payments (协议, 兑付)"),
        ] {
            try GeoPackageSchema.registerAttributes(db, name: name, description: text)
        }
        try setVersion(db, identifiers.firstIndex(of: "v8-compensation").map { $0 + 1 } ?? identifiers.count)
    }

    /// The triggers that keep documents and their attachments append-only.
    static let documentTriggers = [
        "documents_no_update", "documents_no_delete", "attachments_no_update", "attachments_no_delete",
    ]

    /// Documents (agreements, photos, survey sheets, notices) stored in the file, content-addressed by
    /// SHA-256 (the same bytes are stored once), and which item each is attached to. Both append-only.
    static func v9Documents(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE documents (
                  fid INTEGER PRIMARY KEY AUTOINCREMENT, sha256 TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, content BLOB NOT NULL,
                  stored_at TEXT NOT NULL);
                CREATE TABLE attachments (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, entity_id TEXT NOT NULL, project_id TEXT NOT NULL,
                  kind TEXT NOT NULL, file_name TEXT NOT NULL, sha256 TEXT NOT NULL REFERENCES documents(sha256),
                  agreement_no TEXT, at TEXT NOT NULL, by TEXT, note TEXT);
                CREATE INDEX attachments_item ON attachments (project_id, entity, entity_id);
                CREATE INDEX money_records_number ON money_records (project_id, kind, number);
                CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
                BEGIN SELECT RAISE(ABORT, 'documents are kept as stored: they cannot be changed'); END;
                CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
                BEGIN SELECT RAISE(ABORT, 'documents are kept as stored: they cannot be deleted'); END;
                CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
                BEGIN SELECT RAISE(ABORT, 'attachments are append-only: attach a corrected document instead'); END;
                CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
                BEGIN SELECT RAISE(ABORT, 'attachments are append-only: attach a corrected document instead'); END;
                """)
        for (name, text) in [
            ("documents", "stored documents, content-addressed by SHA-256 (协议, 照片, 调查表, 公告)"),
            ("attachments", "which parcel or household each document belongs to"),
        ] {
            try GeoPackageSchema.registerAttributes(db, name: name, description: text)
        }
        try setVersion(db, identifiers.firstIndex(of: "v9-documents").map { $0 + 1 } ?? identifiers.count)
    }

    /// Accounts of `landkit serve` (bcrypt hashes, never passwords) and their login sessions (SHA-256 of each
    /// token, never the token). Not registered in gpkg_contents: GIS tools have no business showing them.
    static func v10Accounts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE accounts (
                  name TEXT PRIMARY KEY NOT NULL,
                  role TEXT NOT NULL CHECK (role IN ('admin', 'planner', 'team', 'leader', 'viewer')),
                  team_id TEXT, password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
                  created_at TEXT NOT NULL, created_by TEXT,
                  CHECK ((role = 'team') = (team_id IS NOT NULL)));
                CREATE TABLE login_sessions (
                  token_sha256 TEXT PRIMARY KEY NOT NULL, account TEXT NOT NULL REFERENCES accounts(name),
                  created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
                CREATE INDEX login_sessions_account ON login_sessions (account);
                CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
                BEGIN SELECT RAISE(ABORT, 'accounts are kept (events name them): disable an account instead'); END;
                """)
        try setVersion(db, identifiers.firstIndex(of: "v10-accounts").map { $0 + 1 } ?? identifiers.count)
    }
}
