import Foundation
import LandKit

/// LandKit's schema in PostgreSQL/PostGIS: the GeoPackage's tables with the same columns and meaning, geometry
/// columns of PostGIS in the storage CRS (GiST-indexed), and the same append-only rules enforced by triggers.
/// Times are stored as the same ISO 8601 UTC text as in the GeoPackage, so the event chain hashes the same bytes.
enum PostgresSchema {
    /// Migrations, oldest first; the schema version of a database is how many it has applied.
    static let identifiers = ["pg1-landkit"]
    static var currentVersion: Int { identifiers.count }

    /// Triggers that keep the logs append-only, by table (`info --verify` checks they are there).
    static let protectedTables = [
        "events", "red_line_revisions", "zone_revisions", "item_revisions", "assignments", "money_records", "documents", "attachments",
    ]

    /// The statements of migration `index` (0-based) for storage SRID `srid`.
    static func statements(_ index: Int, srid: Int) -> [String] {
        switch index {
        case 0: return v1(srid: srid)
        default: return []
        }
    }

    static func v1(srid: Int) -> [String] {
        let status = """
            stage TEXT NOT NULL DEFAULT 'pending',
            blocked_reason TEXT, blocked_note TEXT, blocked_since TEXT,
            deferred BOOLEAN NOT NULL DEFAULT false, deferred_note TEXT,
            out_of_zone BOOLEAN NOT NULL DEFAULT false, closed BOOLEAN NOT NULL DEFAULT false,
            computed_at TEXT
            """
        var s = [
            "CREATE EXTENSION IF NOT EXISTS postgis",
            "CREATE TABLE landkit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE parcels (
              fid BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, geom geometry(MultiPolygon, \(srid)),
              village TEXT, group_name TEXT, land_class TEXT, land_class_name TEXT, owner TEXT,
              area_m2 DOUBLE PRECISION NOT NULL, planar_area_m2 DOUBLE PRECISION NOT NULL, area_mu DOUBLE PRECISION NOT NULL,
              repaired TEXT, attributes TEXT, raw_coordinates TEXT, source_file TEXT,
              overlaps_dirty BIGINT NOT NULL DEFAULT 1, updated_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE buildings (
              fid BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, geom geometry(Geometry, \(srid)),
              head TEXT, id_card TEXT, phone TEXT, members BIGINT, floor_area_m2 DOUBLE PRECISION, structure TEXT,
              village TEXT, group_name TEXT, repaired TEXT, attributes TEXT, raw_coordinates TEXT, source_file TEXT,
              overlaps_dirty BIGINT NOT NULL DEFAULT 1, updated_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE utilities (
              fid BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, geom geometry(Geometry, \(srid)),
              kind TEXT, name TEXT, owner_company TEXT, length_m DOUBLE PRECISION NOT NULL,
              repaired TEXT, attributes TEXT, raw_coordinates TEXT, source_file TEXT,
              overlaps_dirty BIGINT NOT NULL DEFAULT 1, updated_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE projects (
              fid BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL, due TEXT,
              overlaps_dirty BOOLEAN NOT NULL DEFAULT true, created_at TEXT NOT NULL, closed_at TEXT,
              revision BIGINT NOT NULL DEFAULT 0, items_revision BIGINT)
            """,
            """
            CREATE TABLE zones (
              fid BIGSERIAL PRIMARY KEY, id TEXT NOT NULL, project_id TEXT NOT NULL REFERENCES projects(id),
              geom geometry(MultiPolygon, \(srid)), name TEXT, source TEXT NOT NULL, centerline BYTEA, width_m DOUBLE PRECISION,
              area_m2 DOUBLE PRECISION NOT NULL, repaired TEXT, created_at TEXT NOT NULL, UNIQUE (project_id, id))
            """,
            """
            CREATE TABLE land_items (
              fid BIGSERIAL PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id), parcel_id TEXT NOT NULL,
              overlap_m2 DOUBLE PRECISION NOT NULL, overlap_planar_m2 DOUBLE PRECISION NOT NULL, overlap_mu DOUBLE PRECISION NOT NULL,
              fraction DOUBLE PRECISION NOT NULL, sliver BOOLEAN NOT NULL DEFAULT false,
              \(status), UNIQUE (project_id, parcel_id))
            """,
            """
            CREATE TABLE household_items (
              fid BIGSERIAL PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id), building_id TEXT NOT NULL,
              position TEXT NOT NULL, \(status), UNIQUE (project_id, building_id))
            """,
            """
            CREATE TABLE utility_items (
              fid BIGSERIAL PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id), utility_id TEXT NOT NULL,
              length_m DOUBLE PRECISION NOT NULL, \(status), UNIQUE (project_id, utility_id))
            """,
            """
            CREATE TABLE events (
              id BIGINT PRIMARY KEY, at TEXT NOT NULL, recorded_at TEXT NOT NULL, by TEXT,
              entity TEXT NOT NULL, entity_id TEXT NOT NULL, project_id TEXT,
              action TEXT NOT NULL, from_stage TEXT, to_stage TEXT, reason TEXT, note TEXT,
              forced BOOLEAN NOT NULL DEFAULT false, hash TEXT NOT NULL)
            """,
            """
            CREATE TABLE red_line_revisions (
              fid BIGSERIAL PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id), revision BIGINT NOT NULL,
              items_kept BOOLEAN NOT NULL, UNIQUE (project_id, revision))
            """,
            """
            CREATE TABLE zone_revisions (
              fid BIGSERIAL PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id), revision BIGINT NOT NULL,
              zone_id TEXT NOT NULL, name TEXT, geom geometry(MultiPolygon, \(srid)) NOT NULL, source TEXT NOT NULL, centerline BYTEA,
              width_m DOUBLE PRECISION, repaired TEXT, UNIQUE (project_id, revision, zone_id))
            """,
            """
            CREATE TABLE item_revisions (
              fid BIGSERIAL PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id), revision BIGINT NOT NULL,
              entity TEXT NOT NULL, item_id TEXT NOT NULL,
              overlap_m2 DOUBLE PRECISION, overlap_planar_m2 DOUBLE PRECISION, fraction DOUBLE PRECISION, sliver BOOLEAN,
              position TEXT, length_m DOUBLE PRECISION, out_of_zone BOOLEAN NOT NULL,
              UNIQUE (project_id, revision, entity, item_id))
            """,
            """
            CREATE TABLE teams (
              fid BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE, contact TEXT, created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE sections (
              fid BIGSERIAL PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id), id TEXT NOT NULL, name TEXT NOT NULL,
              geom geometry(Geometry, \(srid)), parcels TEXT, created_at TEXT NOT NULL, UNIQUE (project_id, id))
            """,
            """
            CREATE TABLE assignments (
              fid BIGSERIAL PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(id), entity TEXT NOT NULL,
              item_id TEXT NOT NULL, team_id TEXT NOT NULL REFERENCES teams(id), at TEXT NOT NULL, by TEXT)
            """,
            """
            CREATE TABLE rate_tables (
              fid BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE, source TEXT NOT NULL, sha256 TEXT NOT NULL,
              valid_from TEXT, valid_to TEXT, rates BIGINT NOT NULL, imported_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE project_rates (
              fid BIGSERIAL PRIMARY KEY, project_id TEXT NOT NULL UNIQUE REFERENCES projects(id),
              rate_table TEXT NOT NULL REFERENCES rate_tables(name), set_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE inventory (
              fid BIGSERIAL PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL, project_id TEXT,
              item TEXT NOT NULL, quantity TEXT NOT NULL, unit TEXT NOT NULL, note TEXT, imported_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE money_records (
              id BIGINT PRIMARY KEY, kind TEXT NOT NULL, at TEXT NOT NULL, recorded_at TEXT NOT NULL, by TEXT,
              entity TEXT NOT NULL, entity_id TEXT NOT NULL, project_id TEXT NOT NULL, number TEXT NOT NULL,
              amount_fen BIGINT NOT NULL, note TEXT, hash TEXT NOT NULL)
            """,
            """
            CREATE TABLE documents (
              fid BIGSERIAL PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, size BIGINT NOT NULL, content BYTEA NOT NULL, stored_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE attachments (
              id BIGSERIAL PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL, project_id TEXT NOT NULL,
              kind TEXT NOT NULL, file_name TEXT NOT NULL, sha256 TEXT NOT NULL REFERENCES documents(sha256),
              agreement_no TEXT, at TEXT NOT NULL, by TEXT, note TEXT)
            """,
            """
            CREATE TABLE accounts (
              name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('admin', 'planner', 'team', 'leader', 'viewer')),
              team_id TEXT, password_hash TEXT NOT NULL, disabled BOOLEAN NOT NULL DEFAULT false,
              created_at TEXT NOT NULL, created_by TEXT, CHECK ((role = 'team') = (team_id IS NOT NULL)))
            """,
            """
            CREATE TABLE login_sessions (
              token_sha256 TEXT PRIMARY KEY, account TEXT NOT NULL REFERENCES accounts(name),
              created_at TEXT NOT NULL, expires_at TEXT NOT NULL)
            """,
            "CREATE INDEX inventory_item ON inventory (entity, entity_id)",
            "CREATE INDEX money_records_item ON money_records (project_id, entity, entity_id)",
            "CREATE INDEX money_records_number ON money_records (project_id, kind, number)",
            "CREATE INDEX attachments_item ON attachments (project_id, entity, entity_id)",
            "CREATE INDEX login_sessions_account ON login_sessions (account)",
            "CREATE INDEX parcels_geom ON parcels USING gist (geom)",
            "CREATE INDEX buildings_geom ON buildings USING gist (geom)",
            "CREATE INDEX utilities_geom ON utilities USING gist (geom)",
            "CREATE INDEX zones_geom ON zones USING gist (geom)",
            "CREATE INDEX parcels_generation ON parcels (overlaps_dirty)",
            "CREATE INDEX buildings_generation ON buildings (overlaps_dirty)",
            "CREATE INDEX utilities_generation ON utilities (overlaps_dirty)",
            "CREATE INDEX events_item ON events (entity, entity_id, project_id, at)",
            "CREATE INDEX events_at ON events (at, id)",
            "CREATE INDEX land_items_parcel ON land_items (parcel_id)",
            "CREATE INDEX household_items_building ON household_items (building_id)",
            "CREATE INDEX utility_items_utility ON utility_items (utility_id)",
            "CREATE INDEX assignments_item ON assignments (project_id, entity, item_id, fid)",
            // One function refuses every change to a kept row; its argument is the message.
            """
            CREATE FUNCTION landkit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'P0001'; END $$
            """,
        ]
        let messages = [
            "events": ("events are append-only: an event cannot be changed", "events are append-only: an event cannot be deleted"),
            "red_line_revisions": (
                "red-line revisions are kept: a revision cannot be changed", "red-line revisions are kept: a revision cannot be deleted"
            ),
            "zone_revisions": (
                "red-line revisions are kept: a revision cannot be changed", "red-line revisions are kept: a revision cannot be deleted"
            ),
            "item_revisions": (
                "red-line revisions are kept: a revision cannot be changed", "red-line revisions are kept: a revision cannot be deleted"
            ),
            "assignments": (
                "assignments are kept: reassign instead of changing one", "assignments are kept: reassign instead of deleting one"
            ),
            "money_records": (
                "payments are append-only: a record cannot be changed (reverse it by a correction)",
                "payments are append-only: a record cannot be deleted (reverse it by a correction)"
            ),
            "documents": ("documents are kept as stored: they cannot be changed", "documents are kept as stored: they cannot be deleted"),
            "attachments": (
                "attachments are append-only: attach a corrected document instead",
                "attachments are append-only: attach a corrected document instead"
            ),
        ]
        for t in protectedTables {
            guard let (changed, deleted) = messages[t] else { continue }
            s += [
                "CREATE TRIGGER \(t)_no_update BEFORE UPDATE ON \(t) FOR EACH ROW EXECUTE FUNCTION landkit_refuse('\(changed)')",
                "CREATE TRIGGER \(t)_no_delete BEFORE DELETE ON \(t) FOR EACH ROW EXECUTE FUNCTION landkit_refuse('\(deleted)')",
                "CREATE TRIGGER \(t)_no_truncate BEFORE TRUNCATE ON \(t) FOR EACH STATEMENT EXECUTE FUNCTION landkit_refuse('\(deleted)')",
            ]
        }
        s.append(
            "CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION landkit_refuse('accounts are kept (events name them): disable an account instead')"
        )
        return s
    }

    /// The triggers `info --verify` expects.
    static var triggerNames: [String] {
        protectedTables.flatMap { t in ["no_update", "no_delete", "no_truncate"].map { "\(t)_\($0)" } }
    }
}
