import LandKit

/// How a store keeps the head of a hash chain (the event log, the money records) in its meta table:
/// "COUNT:LASTID:HASH", one rule for every store.
public enum RecordedHead {
    /// The stored text of `head`.
    public static func text(_ head: EventChain.Head) -> String { "\(head.count):\(head.lastID):\(head.hash)" }

    /// The head stored as `text` (nil when none is stored).
    /// - Parameter chain: what the chain is, for the message ("the event log", "the money records").
    /// - Throws: `StoreError.corrupt` for text LandKit did not write.
    public static func parse(_ text: String?, chain: String) throws -> EventChain.Head? {
        guard let text else { return nil }
        let parts = text.split(separator: ":").map(String.init)
        guard parts.count == 3, let count = Int(parts[0]), let last = Int64(parts[1]) else {
            throw StoreError(.corrupt, "the recorded end of \(chain) (\"\(text)\") is not one LandKit wrote")
        }
        return EventChain.Head(count: count, lastID: last, hash: parts[2])
    }
}
