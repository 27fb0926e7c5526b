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

    /// The canonical encoding of a log entry's stored fields: every field as stored (times as UTC
    /// text to the millisecond, stages and reasons as codes), each prefixed by its UTF-8 length.
    public static func canonical(_ fields: [String?]) -> [UInt8] {
        encode(tag: "landkit-event-v1", fields)
    }

    /// The hash of a log entry's stored fields chained to `previous`.
    public static func hash(_ fields: [String?], previous: String) -> String {
        chained(canonical(fields), previous: previous)
    }

    /// `tag`, then every field prefixed by its UTF-8 length and ended by ';' ("-;" for a missing one):
    /// no value can shift into another. Shared by the event log and the money records.
    public static func encode(tag: String, _ fields: [String?]) -> [UInt8] {
        var out: [UInt8] = Array(tag.utf8)
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

    /// SHA-256 of `previous` (hex) followed by `bytes`, as lower-case hex.
    public static func chained(_ bytes: [UInt8], previous: String) -> String {
        var h = SHA256()
        h.update(data: Array(previous.utf8))
        h.update(data: bytes)
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
        var walk = Walk(noun: "event", anchor: anchor)
        try session.forEachStoredEvent { seq, fields, stored in
            walk.visit(seq: seq, stored: stored) { hash(fields, previous: $0) }
        }
        return walk.report(recordedHead: recordedHead, anchor: anchor)
    }

    /// Walks a chain record by record in id order: checks ids follow each other, each stored hash equals
    /// the one computed from the record and the hash before it, and the anchor; then the recorded head.
    public struct Walk {
        /// What a record is called in messages ("event", "payment record").
        var noun: String
        var anchor: Head?
        var problems: [String] = []
        var previous = EventChain.genesis
        var expectedID: Int64 = 1
        var count = 0
        var lastID: Int64 = 0
        var anchorSeen = false

        public init(noun: String, anchor: Head? = nil) {
            self.noun = noun
            self.anchor = anchor
        }

        /// One record: its id, the hash it stored, and how to compute its hash from the previous one.
        public mutating func visit(seq: Int64, stored: String?, computing: (String) -> String) {
            count += 1
            if seq != expectedID, problems.count < 20 {
                problems.append(
                    "\(noun) \(seq) follows \(noun) \(expectedID - 1): \(seq > expectedID ? "\(noun)s \(expectedID)…\(seq - 1) are missing" : "ids are out of order")"
                )
            }
            let computed = computing(previous)
            if stored != computed, problems.count < 20 {
                problems.append(
                    stored == nil
                        ? "\(noun) \(seq) has no hash"
                        : "\(noun) \(seq) does not match its hash: it, or \(noun == "event" ? "an" : "a") \(noun) before it, was changed")
            }
            if let anchor, anchor.lastID == seq {
                anchorSeen = true
                if (stored ?? computed) != anchor.hash {
                    problems.append("\(noun) \(seq) differs from the anchor written down (\(anchor)): the log was changed before it")
                }
            }
            previous = stored ?? computed
            expectedID = seq + 1
            lastID = seq
        }

        /// What the walk found, with the head compared to the one the store recorded.
        public func report(recordedHead: Head?, anchor: Head?) -> Report {
            var problems = self.problems
            let head = Head(count: count, lastID: lastID, hash: count == 0 ? genesis : previous)
            if let recordedHead, recordedHead != head {
                problems.append(
                    "the log ends at \(noun) \(head.lastID) (\(head.count) \(noun)s) but the database recorded its end at \(noun) \(recordedHead.lastID) (\(recordedHead.count) \(noun)s): \(noun)s were removed or added outside LandKit"
                )
            }
            if let anchor, !anchorSeen {
                problems.append("the anchor's \(noun) \(anchor.lastID) is not in the log: the log was cut or renumbered")
            }
            return Report(head: head, problems: problems)
        }
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
