import Foundation
import Hummingbird
import LandKit
import Logging

/// Builds `landkit serve`: the HTTP API under `/api/v1`, the web app under `/app` and the leaders' dashboard at
/// `/`, all over one store. Tests call this and drive the result in-process (HummingbirdTesting).
/// - Parameters:
///   - store: the database every route reads and writes through LandKit's use cases.
///   - hasher: checks passwords at login (bcrypt).
///   - logger: the access log and the use cases' log lines.
public func buildApplication(
    store: any LandStore, configuration: ServerConfiguration, hasher: any PasswordHashing = BcryptHasher(), logger: Logger
) -> some ApplicationProtocol {
    let router = buildRouter(store: store, configuration: configuration, hasher: hasher, logger: logger)
    return Application(
        router: router,
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "LandKit/\(LandKitInfo.version)"),
        logger: logger)
}

/// The routes, behind the one gate (``GateMiddleware``) that authenticates and answers errors.
func buildRouter(store: any LandStore, configuration: ServerConfiguration, hasher: any PasswordHashing, logger: Logger) -> Router<
    ServerContext
> {
    let router = Router(context: ServerContext.self)
    router.add(middleware: GateMiddleware(store: store, now: configuration.now))
    let api = API(store: store, configuration: configuration, hasher: hasher, logger: logger)
    api.register(router.group("api/v1"))
    WebRoutes(store: store, configuration: configuration, logger: logger).register(router)
    router.get("healthz") { _, _ in "ok\n" }
    return router
}
