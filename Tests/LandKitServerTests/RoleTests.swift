import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LandKit
import LandKitServer
import Testing

@Suite("landkit serve: who reads and writes what")
struct RoleTests {
    static func ids(_ r: Reply) -> Set<String> { Set(r.array.map { "\($0["entity"] ?? "") \($0["id"] ?? "")" }) }
    static let t1Items: Set<String> = ["parcel P1", "parcel P2", "parcel P3", "household H1"]

    @Test("a team sees only its project and its 4 items; another team's filter, item or map is 403")
    func teamReadsItsOwn() async throws {
        let w = try ServerWorld()
        try await w.test { c in
            let t = try await c.token("t1a")
            let projects = try await c.call(.get, "/api/v1/projects", token: t)
            #expect(projects.array.map { $0["id"] as? String } == ["ave"])
            #expect(projects.array.first?["items"] as? Int == 4)
            let items = try await c.call(.get, "/api/v1/projects/ave/items", token: t)
            #expect(items.status == .ok)
            #expect(Self.ids(items) == Self.t1Items)
            #expect(try await c.call(.get, "/api/v1/projects/ave/items?team=t2", token: t).status == .forbidden)
            #expect(try await c.call(.get, "/api/v1/items/parcel/P4?project=ave", token: t).status == .forbidden)
            #expect(try await c.call(.get, "/api/v1/items/parcel/P6?project=ave", token: t).status == .forbidden)
            #expect(try await c.call(.get, "/api/v1/items/parcel/P1?project=ave", token: t).status == .ok)
            #expect(try await c.call(.get, "/api/v1/report", token: t).status == .forbidden)
            #expect(try await c.call(.get, "/api/v1/projects/ave/map.svg", token: t).status == .ok)
            let t3 = try await c.token("t3a")
            #expect(try await c.call(.get, "/api/v1/projects", token: t3).array.isEmpty)
            #expect(try await c.call(.get, "/api/v1/projects/ave/map.svg", token: t3).status == .forbidden)
        }
    }

    @Test("a team writes only its items, and the event names its team and login whatever the client sends")
    func teamWritesItsOwn() async throws {
        let w = try ServerWorld()
        try await w.test { c in
            let t = try await c.token("t1a")
            let other = try await c.call(
                .post, "/api/v1/status", token: t,
                json: ["entity": "parcel", "id": "P4", "project": "ave", "action": "set", "stage": "surveyed"])
            #expect(other.status == .forbidden)
            let spoof = try await c.call(
                .post, "/api/v1/status", token: t,
                json: ["entity": "parcel", "id": "P1", "project": "ave", "action": "set", "stage": "surveyed", "by": "领导"])
            #expect(spoof.status == .unprocessableContent)
            let ok = try await c.call(
                .post, "/api/v1/status", token: t,
                json: ["entity": "parcel", "id": "P1", "project": "ave", "action": "set", "stage": "已勘测定界", "note": "现场核实"])
            #expect(ok.status == .created, "\(ok.text)")
            #expect((ok.object["event"] as? [String: Any])?["by"] as? String == "拆迁一组/t1a")
        }
        let events = try w.store.read { try $0.events(entity: .parcel, id: nil, projectID: "ave") }
        #expect(events.map(\.entityID) == ["P1"])
        #expect(events.first?.by == "拆迁一组/t1a")
        #expect(events.first?.to == .land(.surveyed))
    }

    @Test("leader and viewer read all 7 items and the report and write nothing; planner and admin write any item")
    func readersAndWriters() async throws {
        let w = try ServerWorld()
        try await w.test { c in
            let all = Self.t1Items.union(["parcel P4", "parcel P5", "parcel P6"])
            for name in ["lead", "view"] {
                let t = try await c.token(name)
                #expect(Self.ids(try await c.call(.get, "/api/v1/projects/ave/items", token: t)) == all)
                let report = try await c.call(.get, "/api/v1/report", token: t)
                #expect(report.status == .ok)
                let land = ((report.object["projects"] as? [[String: Any]])?.first?["land"] as? [String: Any])
                // Six parcels of 2500 m² wholly inside: 15000 m² = 22.5 mu.
                #expect(abs((land?["required_mu"] as? Double ?? 0) - 22.5) < 0.01)
                let post = try await c.call(
                    .post, "/api/v1/status", token: t,
                    json: ["entity": "parcel", "id": "P6", "project": "ave", "action": "set", "stage": "surveyed"])
                #expect(post.status == .forbidden)
            }
            for (name, id) in [("plan", "P6"), ("admin", "P4")] {
                let t = try await c.token(name)
                let post = try await c.call(
                    .post, "/api/v1/status", token: t,
                    json: ["entity": "parcel", "id": id, "project": "ave", "action": "set", "stage": "surveyed"])
                #expect(post.status == .created)
            }
        }
        let events = try w.store.read { try $0.events(entity: nil, id: nil, projectID: nil) }
        // P4 is t2's: an admin's event for it names the item's team and the admin.
        #expect(events.map { "\($0.entityID) \($0.by ?? "")" } == ["P6 plan", "P4 拆迁二组/admin"])
    }

    @Test("personal data: a household's phone in a note is masked; a planner may ask for it in full, a leader may not")
    func personalData() async throws {
        let w = try ServerWorld()
        try await w.test { c in
            let t = try await c.token("t1a")
            let block = try await c.call(
                .post, "/api/v1/status", token: t,
                json: [
                    "entity": "household", "id": "H1", "project": "ave", "action": "block", "reason": "dispute", "note": "户主电话13812345678",
                ])
            #expect(block.status == .created)
            #expect(!block.text.contains("13812345678"))
            let lead = try await c.token("lead")
            let masked = try await c.call(.get, "/api/v1/items/household/H1?project=ave", token: lead)
            #expect(masked.text.contains("138****5678") && !masked.text.contains("13812345678"))
            #expect(try await c.call(.get, "/api/v1/items/household/H1?project=ave&unmasked=true", token: lead).status == .forbidden)
            let plan = try await c.token("plan")
            let full = try await c.call(.get, "/api/v1/items/household/H1?project=ave&unmasked=true", token: plan)
            #expect(full.text.contains("13812345678"))
            let report = try await c.call(.get, "/api/v1/report", token: lead)
            #expect(!report.text.contains("13812345678") && !report.text.contains("张德明"))
        }
    }
}
