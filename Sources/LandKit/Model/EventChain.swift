import Crypto
import Foundation

/// The event log is tamper-evident: every event stores a SHA-256 hash over a canonical encoding
/// of itself and the hash of the event before it. Editing, deleting or inserting an event in the
/// middle breaks every hash after it; cutting the end changes the head, which the store records
/// and an office can write down (`info --verify --anchor`).
public enum EventChain {
    /// The "previous hash" of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// The fields of an item event as the store writes them, in the chain's order: id, at, recorded
    /// at (UTC text to the millisecond), by, entity, entity id, project, action, from, to, reason, note, forced.
    public static func fields(_ e: Event, recordedAt: String) -> [String?] {
        [
            "\(e.seq)", Timestamps.utc(e.at), recordedAt, e.by, e.entity.rawValue, e.entityID, e.projectID, e.action.rawValue,
            e.from?.code, e.to?.code, e.reason?.rawValue, e.note, e.forced ? "1" : "0",
        ]
    }

    /// The same fields for a change to a project or its red line (entity "project" or "zone").
    public static func fields(_ c: ProjectChange, recordedAt: String) -> [String?] {
        [
            "\(c.seq)", Timestamps.utc(c.at), recordedAt, c.by, c.subject, c.zoneID ?? c.projectID, c.projectID, c.action.rawValue, nil,
            nil, nil, c.note, "0",
        ]
    }

    /// The canonical encoding: every field as stored (times as UTC text to the millisecond, stages
    /// and reasons as codes), each prefixed by its UTF-8 length so no value can shift into another.
    public static func canonical(_ fields: [String?]) -> [UInt8] {
        var out: [UInt8] = Array("landkit-event-v1".utf8)
        for f in fields {
            guard let f else {
                out += Array("-;".utf8)
                continue
            }
            let bytes = Array(f.utf8)
            out += Array("\(bytes.count):".utf8) + bytes + [0x3B]
        }
        return out
    }

    /// The hash of an entry's stored fields chained to `previous`.
    public static func hash(_ fields: [String?], previous: String) -> String {
        var h = SHA256()
        h.update(data: Array(previous.utf8))
        h.update(data: canonical(fields))
        return h.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The hash of `e` (with its final `seq` and the `recordedAt` text the store writes) chained to `previous`.
    public static func hash(_ e: Event, recordedAt: String, previous: String) -> String {
        hash(fields(e, recordedAt: recordedAt), previous: previous)
    }

    /// The head of a chain: how many events, the last id and its hash.
    public struct Head: Sendable, Equatable, CustomStringConvertible {
        public var count: Int
        public var lastID: Int64
        public var hash: String

        public init(count: Int, lastID: Int64, hash: String) {
            self.count = count
            self.lastID = lastID
            self.hash = hash
        }

        /// "14903:5f0c…" — what an office writes down and later checks against.
        public var description: String { "\(lastID):\(hash)" }
    }

    /// What checking the whole log found.
    public struct Report: Sendable {
        public var head: Head
        /// Every problem, first broken event first.
        public var problems: [String]
        public var isIntact: Bool { problems.isEmpty }
    }

    /// Re-checks every event's hash, the chain, id continuity, and the head the store recorded.
    /// - Parameters:
    ///   - recordedHead: the head the store wrote with the last append (nil when it has none).
    ///   - anchor: a head written down earlier ("id:hash"); the chain must still contain it.
    public static func verify(_ session: any StoreSession, recordedHead: Head?, anchor: Head? = nil) throws -> Report {
        var problems: [String] = []
        var previous = genesis
        var expectedID: Int64 = 1
        var count = 0
        var lastID: Int64 = 0
        var anchorSeen = false
        try session.forEachStoredEvent { seq, fields, stored in
            count += 1
            if seq != expectedID, problems.count < 20 {
                problems.append(
                    "event \(seq) follows event \(expectedID - 1): \(seq > expectedID ? "events \(expectedID)…\(seq - 1) are missing" : "ids are out of order")"
                )
            }
            let computed = hash(fields, previous: previous)
            if stored != computed, problems.count < 20 {
                problems.append(
                    stored == nil
                        ? "event \(seq) has no hash" : "event \(seq) does not match its hash: it, or an event before it, was changed")
            }
            if let anchor, anchor.lastID == seq {
                anchorSeen = true
                if (stored ?? computed) != anchor.hash {
                    problems.append("event \(seq) differs from the anchor written down (\(anchor)): the log was changed before it")
                }
            }
            previous = stored ?? computed
            expectedID = seq + 1
            lastID = seq
        }
        let head = Head(count: count, lastID: lastID, hash: count == 0 ? genesis : previous)
        if let recordedHead, recordedHead != head {
            problems.append(
                "the log ends at event \(head.lastID) (\(head.count) events) but the database recorded its end at event \(recordedHead.lastID) (\(recordedHead.count) events): events were removed or added outside LandKit"
            )
        }
        if let anchor, !anchorSeen {
            problems.append("the anchor's event \(anchor.lastID) is not in the log: the log was cut or renumbered")
        }
        return Report(head: head, problems: problems)
    }

    /// Parses "id:hash" as printed by `Head.description`.
    public static func anchor(parsing text: String) -> Head? {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let id = Int64(parts[0]), id > 0, parts[1].count == 64,
            parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else { return nil }
        return Head(count: 0, lastID: id, hash: parts[1])
    }
}
