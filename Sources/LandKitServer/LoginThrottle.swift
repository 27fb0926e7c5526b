import Foundation
import LandKit
import Synchronization

/// Counts failed logins per name and per address in a sliding window; past the limit, logins for that name or
/// from that address are refused until the window's oldest failure ages out, whatever the password.
final class LoginThrottle: Sendable {
    private let failures = Mutex<[String: [Date]]>([:])
    let limit: Int
    let window: TimeInterval

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    private static func keys(name: String, address: String) -> [String] { ["name:" + name, "addr:" + address] }

    /// Throws `AccessError.rateLimited` when the name or address has had `limit` failures within the window.
    func check(name: String, address: String, now: Date) throws {
        let wait = failures.withLock { f -> TimeInterval? in
            var longest: TimeInterval?
            for k in Self.keys(name: name, address: address) {
                let recent = (f[k] ?? []).filter { now.timeIntervalSince($0) < window }
                f[k] = recent.isEmpty ? nil : recent
                if recent.count >= limit, let oldest = recent.first {
                    longest = max(longest ?? 0, window - now.timeIntervalSince(oldest))
                }
            }
            return longest
        }
        if let wait {
            throw AccessError(.rateLimited, "too many failed logins: try again in \(Int(wait.rounded(.up))) s")
        }
    }

    func recordFailure(name: String, address: String, now: Date) {
        failures.withLock { f in
            for k in Self.keys(name: name, address: address) { f[k, default: []].append(now) }
        }
    }

    func recordSuccess(name: String) {
        _ = failures.withLock { $0.removeValue(forKey: "name:" + name) }
    }
}
