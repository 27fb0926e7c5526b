import Foundation
import Hummingbird
import LandKit

/// The one door every request passes: it authenticates (bearer token, or for GET requests the session cookie the
/// web app's login sets), turns every error a route throws into the API's JSON error, and writes one access-log
/// line per request naming the account.
///
/// Public without a login: the login itself, the OpenAPI document, the web app's page and a health check.
/// The cookie is accepted for GET only, so a page on another site cannot make a logged-in browser write
/// (every write needs the `Authorization` header, which only the app's own script sets).
struct GateMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let store: any LandStore
    let now: @Sendable () -> Date

    static let cookieName = "landkit_session"

    static func isPublic(_ request: Request) -> Bool {
        let path = request.uri.path
        switch (request.method, path) {
        case (.post, "/api/v1/session"), (.get, "/api/v1/openapi.json"), (.get, "/healthz"): return true
        case (.get, _): return path == "/app" || path.hasPrefix("/app/")
        default: return false
        }
    }

    /// The token a request carries: the bearer header, else (GET only) the session cookie.
    static func token(_ request: Request) -> String? {
        if let auth = request.headers[.authorization], auth.hasPrefix("Bearer ") { return String(auth.dropFirst(7)) }
        guard request.method == .get, let cookies = request.headers[.cookie] else { return nil }
        for part in cookies.split(separator: ";") {
            let kv = part.trimmingCharacters(in: .whitespaces)
            if kv.hasPrefix(cookieName + "=") { return String(kv.dropFirst(cookieName.count + 1)) }
        }
        return nil
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        var response: Response
        do {
            if let token = Self.token(request) {
                let store = store, at = now()
                do {
                    context.account = try await blocking { try AccountUseCases.authenticate(store: store, token: token, now: at) }
                    context.token = token
                } catch is AccessError where Self.isPublic(request) {
                    // A stale cookie does not keep anyone from the login page.
                }
            }
            if context.account == nil && !Self.isPublic(request) {
                if request.method == .get && request.uri.path == "/" {
                    response = Response(status: .seeOther, headers: [.location: "/app"])
                } else {
                    throw AccessError(.unauthenticated, "not logged in: POST /api/v1/session first")
                }
            } else {
                response = try await next(request, context)
            }
        } catch {
            let e = APIError(error, lookup: request.method == .get)
            if e.status == .internalServerError { context.logger.error("\(request.method) \(request.uri.path): \(error)") }
            response = e.response
        }
        let d = (ContinuousClock.now - started).components
        let ms = Double(d.seconds) * 1000 + Double(d.attoseconds) / 1e15
        context.logger.info(
            "\(request.method) \(request.uri.path) \(response.status.code)",
            metadata: [
                "user": .string(context.account?.name ?? "-"), "addr": .string(context.remoteAddress),
                "ms": .string(String(format: "%.1f", ms)),
            ])
        return response
    }
}
