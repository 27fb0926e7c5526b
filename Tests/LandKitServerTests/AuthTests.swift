import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LandKit
import LandKitServer
import Synchronization
import Testing

@Suite("landkit serve: logins and tokens")
struct AuthTests {
    @Test("a login gives a 256-bit token; the database keeps only its SHA-256 and a bcrypt hash of the password")
    func loginStoresHashesOnly() async throws {
        let w = try ServerWorld()
        let token = try await withToken(w, "t1a")
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))
        let digest = SHA256.hash(data: Array(token.utf8)).map { String(format: "%02x", $0) }.joined()
        let session = try w.store.read { try $0.loginSession(tokenSHA256: digest) }
        #expect(session?.accountName == "t1a")
        #expect(try w.store.read { try $0.loginSession(tokenSHA256: token) } == nil)
        let stored = try #require(try w.store.read { try $0.storedAccount(name: "t1a") })
        #expect(stored.passwordHash.hasPrefix("$2b$04$"))
        #expect(!stored.passwordHash.contains("password-t1a"))
    }

    func withToken(_ w: ServerWorld, _ name: String) async throws -> String {
        let box = TokenBox()
        try await w.test { client in box.set(try await client.token(name)) }
        return box.value
    }

    @Test("a wrong password and an unknown name get the same 401; no token, every protected route 401; the spec is public")
    func unauthenticated() async throws {
        let w = try ServerWorld()
        try await w.test { c in
            let wrong = try await c.call(.post, "/api/v1/session", json: ["name": "t1a", "password": "nope-nope"])
            let unknown = try await c.call(.post, "/api/v1/session", json: ["name": "nobody", "password": "nope-nope"])
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            #expect(wrong.errorMessage == unknown.errorMessage)
            for (method, path) in [
                (HTTPRequest.Method.get, "/api/v1/projects"), (.get, "/api/v1/projects/ave/items"),
                (.get, "/api/v1/items/parcel/P1?project=ave"),
                (.post, "/api/v1/status"), (.post, "/api/v1/status/batch"), (.get, "/api/v1/report"),
                (.get, "/api/v1/projects/ave/map.svg"),
                (.get, "/api/v1/me"), (.delete, "/api/v1/session"),
            ] {
                let r = try await c.call(method, path)
                #expect(r.status == .unauthorized, "\(method) \(path)")
                #expect(r.headers[.wwwAuthenticate] == "Bearer")
            }
            let bogus = try await c.call(.get, "/api/v1/projects", token: String(repeating: "a", count: 64))
            #expect(bogus.status == .unauthorized)
            #expect(try await c.call(.get, "/api/v1/openapi.json").status == .ok)
            #expect(try await c.call(.get, "/app").status == .ok)
            let root = try await c.call(.get, "/")
            #expect(root.status == .seeOther && root.headers[.location] == "/app")
        }
    }

    @Test("a token expires after the session lifetime; logging out or disabling the account ends it at once")
    func expiry() async throws {
        let w = try ServerWorld()
        let clock = TestClock()
        try await w.test(ServerConfiguration(sessionLifetime: 3600, now: clock.now)) { c in
            let t = try await c.token("lead")
            #expect(try await c.call(.get, "/api/v1/me", token: t).status == .ok)
            clock.advance(3599)
            #expect(try await c.call(.get, "/api/v1/me", token: t).status == .ok)
            clock.advance(2)
            let r = try await c.call(.get, "/api/v1/me", token: t)
            #expect(r.status == .unauthorized)
            #expect(r.errorMessage?.contains("expired") == true)

            let t2 = try await c.token("view")
            #expect(try await c.call(.delete, "/api/v1/session", token: t2).status == .noContent)
            #expect(try await c.call(.get, "/api/v1/me", token: t2).status == .unauthorized)

            let t3 = try await c.token("plan")
            try AccountUseCases.disable(store: w.store, name: "plan")
            #expect(try await c.call(.get, "/api/v1/me", token: t3).status == .unauthorized)
            let again = try await c.call(.post, "/api/v1/session", json: ["name": "plan", "password": "password-plan"])
            #expect(again.status == .unauthorized)
        }
    }

    @Test("after 5 failed logins in the window the 6th is refused with 429 even with the right password; the window passes")
    func rateLimit() async throws {
        let w = try ServerWorld()
        let clock = TestClock()
        try await w.test(ServerConfiguration(maxFailedLogins: 5, loginWindow: 900, now: clock.now)) { c in
            for _ in 0..<5 {
                #expect(try await c.call(.post, "/api/v1/session", json: ["name": "t1a", "password": "wrong-one"]).status == .unauthorized)
            }
            let limited = try await c.call(.post, "/api/v1/session", json: ["name": "t1a", "password": "password-t1a"])
            #expect(limited.status == .tooManyRequests)
            // The same address is limited for another name too.
            #expect(
                try await c.call(.post, "/api/v1/session", json: ["name": "lead", "password": "password-lead"]).status == .tooManyRequests)
            clock.advance(901)
            #expect(try await c.call(.post, "/api/v1/session", json: ["name": "t1a", "password": "password-t1a"]).status == .created)
        }
    }

    @Test("the session cookie reads pages and GET routes but never writes: a POST needs the Authorization header")
    func cookieIsReadOnly() async throws {
        let w = try ServerWorld()
        try await w.test { c in
            let login = try await c.call(.post, "/api/v1/session", json: ["name": "lead", "password": "password-lead"])
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let pair = String(cookie.split(separator: ";")[0])
            let page = try await c.call(.get, "/", headers: [.cookie: pair])
            #expect(page.status == .ok)
            #expect(page.text.contains("街道征地拆迁工作进度"))
            let t1 = try await c.call(.post, "/api/v1/session", json: ["name": "t1a", "password": "password-t1a"])
            let teamCookie = String(try #require(t1.headers[.setCookie]).split(separator: ";")[0])
            let post = try await c.call(
                .post, "/api/v1/status", json: ["entity": "parcel", "id": "P1", "project": "ave", "action": "set", "stage": "surveyed"],
                headers: [.cookie: teamCookie])
            #expect(post.status == .unauthorized)
        }
        #expect(try w.eventCount() == 0)
    }
}

/// Carries a value out of a test client closure.
final class TokenBox: Sendable {
    private let stored = Mutex<String>("")
    func set(_ v: String) { stored.withLock { $0 = v } }
    var value: String { stored.withLock { $0 } }
}
