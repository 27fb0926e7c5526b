/// Agreements and payments are chained like the event log (``EventChain``): each record stores a
/// SHA-256 over its canonical encoding — amount in fen, agreement number or voucher, item, times,
/// note — and the hash of the record before it. `info --verify` re-checks the chain and the head
/// the store recorded, so an edited amount, a deleted payment or one inserted outside LandKit shows.
public enum MoneyChain {
    /// The canonical encoding of a record (same length-prefixed field scheme as events).
    public static func canonical(_ r: MoneyRecord, recordedAt: String) -> [UInt8] {
        EventChain.encode(
            tag: "landkit-money-v1",
            [
                "\(r.seq)", r.kind.rawValue, Timestamps.utc(r.at), recordedAt, r.by, r.entity.rawValue, r.entityID, r.projectID, r.number,
                "\(r.amount.fen)", r.note,
            ])
    }

    /// The hash of `r` chained to `previous`.
    public static func hash(_ r: MoneyRecord, recordedAt: String, previous: String) -> String {
        EventChain.chained(canonical(r, recordedAt: recordedAt), previous: previous)
    }

    /// Re-checks every record's hash, the chain, id continuity and the recorded head.
    public static func verify(_ session: any StoreSession) throws -> EventChain.Report {
        var walk = EventChain.Walk(noun: "payment record")
        try session.forEachStoredMoneyRecord { r, recordedAt, stored in
            walk.visit(seq: r.seq, stored: stored) { hash(r, recordedAt: recordedAt, previous: $0) }
        }
        return walk.report(recordedHead: try session.recordedMoneyHead(), anchor: nil)
    }
}
