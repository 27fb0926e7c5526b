import Foundation

/// Runs synchronous store work (SQLite through GRDB) off the server's event loops, so one slow transaction
/// does not stall every connection.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
        DispatchQueue.global().async { c.resume(with: Result { try body() }) }
    }
}
