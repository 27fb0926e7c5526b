import Hummingbird
import LandKit
import NIOCore

/// The request context of `landkit serve`: Hummingbird's core storage, the account the request was made by
/// (set by ``AuthMiddleware``) and the address it came from.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The logged-in account, nil before authentication.
    public var account: Account?
    /// The client's IP address ("local" when unknown, as in in-process tests).
    public var remoteAddress: String
    /// The bearer token the request carried (to log out).
    public var token: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    public var maxUploadSize: Int { 1 << 20 }

    /// The account, or 401 when the route was reached without one (a route outside the auth group by mistake).
    public func requireAccount() throws -> Account {
        guard let account else { throw AccessError(.unauthenticated, "not logged in") }
        return account
    }
}
