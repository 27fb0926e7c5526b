import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LandKit
import LandKitServer
import LandKitStore
import Logging
import NIOCore
import Synchronization
import Testing

/// A small world served in-process: six 50 m parcels P1…P6 in a row (x 500000…500300, y 3320000…3320050, EPSG:4544
/// on its central meridian, so each is 2500 m² = 3.75 mu by hand) wholly inside the red line of project `ave`
/// (x 499990…500310, y 3319990…3320060), a house H1 inside it; team t1 (拆迁一组) has P1–P3 and H1, team t2
/// (拆迁二组) has P4–P5, P6 is nobody's. One account per role, password `password-<name>`.
final class ServerWorld: Sendable {
    let dir: URL
    let store: GeoPackageStore
    static let logger: Logger = {
        var l = Logger(label: "landkit.server.tests")
        l.logLevel = .warning
        return l
    }()
    static let hasher = BcryptHasher(cost: 4)
    static let accounts: [(String, Role, String?)] = [
        ("admin", .admin, nil), ("plan", .planner, nil), ("lead", .leader, nil), ("view", .viewer, nil), ("t1a", .team, "t1"),
        ("t2a", .team, "t2"), ("t3a", .team, "t3"),
    ]

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("landkit-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = try GeoPackageStore.create(at: dir.appendingPathComponent("w.gpkg").path, crs: .cm105)
        let calc = try AreaCalculator(crs: .cm105)
        try store.write { s in
            for i in 0..<6 {
                let g = Self.box(500000 + Double(i) * 50, 3_320_000, 500050 + Double(i) * 50, 3_320_050)
                _ = try s.upsert(
                    Parcel(
                        id: "P\(i + 1)", village: "西峰村", group: "3组", landClass: "0101", landClassName: "水田", owner: "西峰村3组集体",
                        geometry: g, areaSquareMetres: try calc.ellipsoidalArea(g), planarAreaSquareMetres: PlanarArea.of(g)))
            }
            _ = try s.upsert(
                Building(
                    id: "H1", head: "张德明", idCard: "510122199001011234", phone: "13812345678", village: "西峰村", group: "3组",
                    geometry: Self.box(500010, 3_320_010, 500020, 3_320_020)))
            try s.add(Project(id: "ave", name: "X大道", kind: .road))
        }
        try ProjectUseCases.revise(
            store: store, .add(Zone(id: "Z1", projectID: "ave", geometry: Self.box(499_990, 3_319_990, 500_310, 3_320_060))),
            at: Date().addingTimeInterval(-30 * 86_400), by: "规划组", note: nil, logger: Self.logger)
        _ = try OverlapUseCases.compute(
            store: store, projectID: nil, configuration: OverlapEngine.Configuration(threads: 1), logger: Self.logger)
        try TeamUseCases.addTeam(store: store, Team(id: "t1", name: "拆迁一组"))
        try TeamUseCases.addTeam(store: store, Team(id: "t2", name: "拆迁二组"))
        try TeamUseCases.addTeam(store: store, Team(id: "t3", name: "拆迁三组"))
        _ = try TeamUseCases.assign(store: store, .ids(.parcel, ["P1", "P2", "P3"]), projectID: "ave", team: "t1", by: nil)
        _ = try TeamUseCases.assign(store: store, .ids(.household, ["H1"]), projectID: "ave", team: "t1", by: nil)
        _ = try TeamUseCases.assign(store: store, .ids(.parcel, ["P4", "P5"]), projectID: "ave", team: "t2", by: nil)
        for (name, role, team) in Self.accounts {
            try AccountUseCases.add(
                store: store, name: name, role: role, team: team, password: "password-\(name)", hasher: Self.hasher, by: nil)
        }
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    static func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
        .polygon(Polygon(exterior: [Coordinate(x0, y0), Coordinate(x1, y0), Coordinate(x1, y1), Coordinate(x0, y1), Coordinate(x0, y0)]))
    }

    /// Every item event in the log.
    func eventCount() throws -> Int { try store.read { try $0.events(entity: nil, id: nil, projectID: nil).count } }

    /// Runs `body` against the app in-process.
    func test(
        _ configuration: ServerConfiguration = ServerConfiguration(),
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = buildApplication(store: store, configuration: configuration, hasher: Self.hasher, logger: Self.logger)
        try await app.test(.router) { client in try await body(client) }
    }
}

/// A clock that stands still unless a test moves it forward (so a slow machine does not expire a token early).
final class TestClock: Sendable {
    private let base = Date()
    private let offset = Mutex<TimeInterval>(0)
    func advance(_ seconds: TimeInterval) { offset.withLock { $0 += seconds } }
    var now: @Sendable () -> Date { { [self] in self.base.addingTimeInterval(self.offset.withLock { $0 }) } }
}

extension TestClientProtocol {
    /// Logs in and returns the token (the test fails when the login does).
    func token(_ name: String) async throws -> String {
        let r = try await call(.post, "/api/v1/session", json: ["name": name, "password": "password-\(name)"])
        #expect(r.status == .created, "login of \(name): \(r.text)")
        return try #require(r.object["token"] as? String)
    }

    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Any? = nil, headers: HTTPFields = [:]) async throws
        -> Reply
    {
        var h = headers
        if let token { h[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            h[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        }
        let r = try await execute(uri: uri, method: method, headers: h, body: body)
        return Reply(status: r.status, headers: r.headers, text: String(buffer: r.body))
    }
}

/// A response, with its body as text and parsed JSON.
struct Reply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String

    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    var errorMessage: String? { (object["error"] as? [String: Any])?["message"] as? String }
}
