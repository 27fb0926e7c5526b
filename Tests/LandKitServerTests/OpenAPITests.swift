import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LandKit
import Testing

@testable import LandKitServer

@Suite("landkit serve: the OpenAPI document")
struct OpenAPITests {
    @Test("the served OpenAPI 3.1 document lists exactly the routes the server registers, each guarded one with 401")
    func specMatchesRoutes() async throws {
        let w = try ServerWorld()
        try await w.test { c in
            let r = try await c.call(.get, "/api/v1/openapi.json")
            #expect(r.status == .ok)
            #expect(r.object["openapi"] as? String == "3.1.0")
            let paths = try #require(r.object["paths"] as? [String: [String: Any]])
            var documented: Set<String> = []
            for (path, methods) in paths { for m in methods.keys { documented.insert("\(m) /api/v1\(path)") } }
            let api = API(store: w.store, configuration: ServerConfiguration(), hasher: ServerWorld.hasher, logger: ServerWorld.logger)
            #expect(documented == Set(api.routes.map { "\($0.method.rawValue.lowercased()) /api/v1/\($0.path)" }))
            // Every route a token guards documents 401.
            for (path, methods) in paths {
                for (m, op) in methods {
                    guard let op = op as? [String: Any], let responses = op["responses"] as? [String: Any] else { continue }
                    if (op["security"] as? [Any])?.isEmpty != true { #expect(responses["401"] != nil, "\(m) \(path)") }
                }
            }
        }
    }
}
