import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LandKit
import LandKitServer
import Testing

@Suite("landkit serve: recording progress")
struct StatusRouteTests {
    static func update(_ id: String, _ action: String, _ extra: [String: String] = [:]) -> [String: String] {
        ["entity": "parcel", "id": id, "project": "ave", "action": action].merging(extra) { _, b in b }
    }

    @Test("workflow rules answer 409, bad input 422, each with the message the CLI gives; nothing is written")
    func ruleAndInputErrors() async throws {
        let w = try ServerWorld()
        try await w.test { c in
            let t = try await c.token("t1a")
            let skip = try await c.call(.post, "/api/v1/status", token: t, json: Self.update("P1", "set", ["stage": "agreed"]))
            #expect(skip.status == .conflict)
            #expect(skip.errorCode == "correction-not-forced")
            #expect(
                try await c.call(.post, "/api/v1/status", token: t, json: Self.update("P2", "block", ["reason": "funding"])).status
                    == .created)
            let twice = try await c.call(.post, "/api/v1/status", token: t, json: Self.update("P2", "block", ["reason": "资金原因"]))
            #expect(twice.status == .conflict)
            #expect(twice.errorMessage == "parcel P2 is already blocked in ave (funding)")
            let stage = try await c.call(.post, "/api/v1/status", token: t, json: Self.update("P1", "set", ["stage": "flying"]))
            #expect(stage.status == .unprocessableContent && stage.errorCode == "unknown-stage")
            let note = try await c.call(.post, "/api/v1/status", token: t, json: Self.update("P3", "defer"))
            #expect(note.status == .unprocessableContent && note.errorCode == "note-required")
            let action = try await c.call(.post, "/api/v1/status", token: t, json: Self.update("P3", "out-of-zone"))
            #expect(action.status == .unprocessableContent)
            let missing = try await c.call(.post, "/api/v1/status", token: t, json: ["entity": "parcel", "id": "P1"])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.errorMessage?.contains("project") == true)
            let notJSON = try await c.execute(
                uri: "/api/v1/status", method: .post, headers: [.authorization: "Bearer \(t)", .contentType: "application/json"],
                body: ByteBuffer(string: "{\"entity\": "))
            #expect(notJSON.status == .unprocessableContent)
            #expect(try await c.call(.get, "/api/v1/items/parcel/NOPE?project=ave", token: t).status == .notFound)
        }
        #expect(try w.eventCount() == 1)
    }

    @Test("a batch with one bad update applies nothing and names it; a good batch applies all in order")
    func batchAllOrNothing() async throws {
        let w = try ServerWorld()
        try await w.test { c in
            let t = try await c.token("t1a")
            let bad = try await c.call(
                .post, "/api/v1/status/batch", token: t,
                json: ["updates": [Self.update("P1", "set", ["stage": "surveyed"]), Self.update("P2", "set", ["stage": "cleared"])]])
            #expect(bad.status == .conflict)
            #expect(
                bad.errorMessage
                    == "update 2: parcel P2: skipping from pending to cleared is a correction: it must be forced, with a note saying why")
            let foreign = try await c.call(
                .post, "/api/v1/status/batch", token: t,
                json: ["updates": [Self.update("P1", "set", ["stage": "surveyed"]), Self.update("P5", "set", ["stage": "surveyed"])]])
            #expect(foreign.status == .forbidden)
            #expect(try w.eventCount() == 0)
            let good = try await c.call(
                .post, "/api/v1/status/batch", token: t,
                json: ["updates": [Self.update("P1", "set", ["stage": "surveyed"]), Self.update("P1", "set", ["stage": "inventoried"])]])
            #expect(good.status == .created)
            #expect(good.object["written"] as? Int == 2)
        }
        let events = try w.store.read { try $0.events(entity: .parcel, id: "P1", projectID: "ave") }
        #expect(events.map { $0.to?.code } == ["surveyed", "inventoried"])
    }

    @Test("an update re-sent with the same time (a phone that lost the answer) is stored once")
    func resentOnce() async throws {
        let w = try ServerWorld()
        try await w.test { c in
            let t = try await c.token("t1a")
            let body = Self.update("P3", "set", ["stage": "surveyed", "at": "2026-11-30T09:15:00+08:00"])
            let first = try await c.call(.post, "/api/v1/status", token: t, json: body)
            let again = try await c.call(.post, "/api/v1/status", token: t, json: body)
            #expect(first.status == .created && again.status == .ok)
            #expect(again.object["already_recorded"] as? Bool == true)
            #expect(first.object["event_id"] as? Int == again.object["event_id"] as? Int)
            // The same stage at another time is a conflict, not a duplicate.
            let later = try await c.call(
                .post, "/api/v1/status", token: t, json: Self.update("P3", "set", ["stage": "surveyed", "at": "2026-11-30T10:00:00+08:00"]))
            #expect(later.status == .conflict)
        }
        #expect(try w.eventCount() == 1)
    }

    @Test("a body over 1 MiB is refused with 413 and a batch over 1000 updates with 422")
    func limits() async throws {
        let w = try ServerWorld()
        try await w.test { c in
            let t = try await c.token("t1a")
            let big = try await c.call(
                .post, "/api/v1/status", token: t,
                json: Self.update("P1", "set", ["stage": "surveyed", "note": String(repeating: "长", count: 400_000)]))
            #expect(big.status == .contentTooLarge)
            let many = try await c.call(
                .post, "/api/v1/status/batch", token: t, json: ["updates": Array(repeating: Self.update("P1", "unblock"), count: 1001)])
            #expect(many.status == .unprocessableContent)
        }
        #expect(try w.eventCount() == 0)
    }

    @Test("user text is escaped: a <script> note shows as text on the dashboard and in the map, never as markup")
    func escaping() async throws {
        let w = try ServerWorld()
        let payload = "<script>alert(1)</script>\"'&"
        try await w.test { c in
            let t = try await c.token("t1a")
            let r = try await c.call(
                .post, "/api/v1/status", token: t, json: Self.update("P2", "block", ["reason": "dispute", "note": payload]))
            #expect(r.status == .created)
            let login = try await c.call(.post, "/api/v1/session", json: ["name": "lead", "password": "password-lead"])
            let cookie = String(try #require(login.headers[.setCookie]).split(separator: ";")[0])
            let page = try await c.call(.get, "/", headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>alert"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            let lead = try await c.token("lead")
            let map = try await c.call(.get, "/api/v1/projects/ave/map.svg?highlight=parcel:P2", token: lead)
            #expect(map.status == .ok && !map.text.contains("<script"))
            #expect(map.text.contains("data-item=\"parcel P2\""))
        }
    }
}
