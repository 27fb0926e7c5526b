import Foundation
import LandKit

/// How `landkit serve` runs: where it listens and how long logins last.
public struct ServerConfiguration: Sendable {
    /// The address to bind: loopback unless told otherwise (put nginx in front for a LAN, see README).
    public var host: String
    public var port: Int
    /// How long a login lasts.
    public var sessionLifetime: TimeInterval
    /// Failed logins allowed per name and per address within `loginWindow` before logins are refused.
    public var maxFailedLogins: Int
    public var loginWindow: TimeInterval
    /// Largest request body accepted.
    public var maxBodyBytes: Int
    /// Most updates in one batch.
    public var maxBatchUpdates: Int
    /// The clock (tests move it to expire tokens).
    public var now: @Sendable () -> Date

    public init(
        host: String = "127.0.0.1", port: Int = 8080, sessionLifetime: TimeInterval = AccountUseCases.defaultSessionLifetime,
        maxFailedLogins: Int = 5, loginWindow: TimeInterval = 15 * 60, maxBodyBytes: Int = 1 << 20, maxBatchUpdates: Int = 1000,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.sessionLifetime = sessionLifetime
        self.maxFailedLogins = maxFailedLogins
        self.loginWindow = loginWindow
        self.maxBodyBytes = maxBodyBytes
        self.maxBatchUpdates = maxBatchUpdates
        self.now = now
    }
}
