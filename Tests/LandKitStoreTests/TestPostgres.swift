import Foundation
import LandKit
import LandKitPostgres
import LandKitStore

/// The PostgreSQL 15 cluster with PostGIS the store-conformance tests use: the throwaway cluster Scripts/test
/// starts before the suites and stops after them (`Scripts/pg-cluster`: initdb in a temporary folder, a free
/// port on 127.0.0.1, trust authentication), named by `$LANDKIT_TEST_PG` (its maintenance database). Every test
/// makes its own database in it. No test assumes a server is running: without `$LANDKIT_TEST_PG` ``shared`` is
/// nil, `StoreKind.all` holds the GeoPackage only, and the PostgreSQL suites are skipped.
///
/// (Starting the server from inside the test process was tried: Foundation's `Process` never reaped `pg_ctl`
/// once it had daemonised the server, and the suite hung; a shell script does it cleanly.)
final class TestPostgres: Sendable {
    let maintenance: String
    let host: String
    let port: Int
    let user: String

    static let shared: TestPostgres? = {
        guard let text = ProcessInfo.processInfo.environment["LANDKIT_TEST_PG"], !text.isEmpty,
            let a = try? PostgresAddress(parsing: text, environment: [:])
        else { return nil }
        return TestPostgres(maintenance: text, host: a.host, port: a.port, user: a.user)
    }()

    private init(maintenance: String, host: String, port: Int, user: String) {
        self.maintenance = maintenance
        self.host = host
        self.port = port
        self.user = user
    }

    /// A new, empty database of the cluster; its address.
    func newDatabase() throws -> String {
        let name = "t_\(UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: ""))"
        let (s, _, e) = try psql(maintenance, "CREATE DATABASE \(name)")
        guard s == 0 else { throw StoreError("CREATE DATABASE: \(e)") }
        return "postgresql://\(user)@\(host):\(port)/\(name)"
    }

    /// Runs SQL through psql against `address` (as another tool would, outside LandKit); returns (status, stdout, stderr).
    func psql(_ address: String, _ sql: String) throws -> (Int32, String, String) {
        try run("/usr/bin/psql", [address, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }
}

/// The stores the conformance tests run on.
enum StoreKind: String, CaseIterable, Sendable {
    case geopackage
    case postgres

    /// The kinds available here: the GeoPackage always, PostgreSQL when a test cluster could be started.
    static var all: [StoreKind] { TestPostgres.shared == nil ? [.geopackage] : [.geopackage, .postgres] }

    /// A new, empty store of this kind (in `dir` for a GeoPackage), and its location (path or address).
    func create(in dir: TempDir, file: String = "world.gpkg", crs: CRS = .cm105) throws -> (store: any LandStore, location: String) {
        switch self {
        case .geopackage:
            let path = dir.path(file)
            return (try GeoPackageStore.create(at: path, crs: crs), path)
        case .postgres:
            guard let pg = TestPostgres.shared else { throw StoreError("no PostgreSQL test cluster") }
            let address = try pg.newDatabase()
            return (try PostgresStore.create(at: address, crs: crs), address)
        }
    }

    /// Opens the store at `location` again (another connection, as another process would).
    func open(_ location: String) throws -> any LandStore {
        switch self {
        case .geopackage: try GeoPackageStore.open(at: location)
        case .postgres: try PostgresStore.open(at: location)
        }
    }
}

/// Every row of every LandKit table of a PostgreSQL database, geometries as hex WKB, in a stable order.
func postgresContentDump(_ address: String) throws -> String {
    guard let pg = TestPostgres.shared else { throw StoreError("no PostgreSQL test cluster") }
    let (s, tables, e) = try pg.psql(
        address, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
    guard s == 0 else { throw StoreError("listing tables: \(e)") }
    var out = ""
    for t in tables.split(separator: "\n") where t != "spatial_ref_sys" {
        let (status, rows, err) = try pg.psql(address, "SELECT t::text FROM \(t) t ORDER BY 1")
        guard status == 0 else { throw StoreError("dump of \(t): \(err)") }
        out += "\(t)\n\(rows)"
    }
    return out
}
