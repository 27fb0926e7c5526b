import Foundation

/// What a money record is.
public enum MoneyRecordKind: String, CaseIterable, Sendable, Codable {
    /// A signed compensation agreement (补偿协议) and its amount.
    case agreement
    /// A payment (兑付) of an instalment, or a negative correction reversing a wrong one.
    case payment
}

/// One agreement or payment. Records are append-only and hash-chained like events (``MoneyChain``):
/// a wrong payment is never edited but reversed by a negative correction with a note.
public struct MoneyRecord: Sendable, Hashable {
    /// Sequence number assigned by the store (0 before it is stored).
    public var seq: Int64
    public var kind: MoneyRecordKind
    /// When it was signed or paid.
    public var at: Date
    /// When it was recorded, set by the store.
    public var recordedAt: Date?
    public var by: String?
    /// Parcel or household.
    public var entity: EntityKind
    public var entityID: String
    public var projectID: String
    /// The agreement number (协议编号) or the payment voucher (凭证号).
    public var number: String
    /// The agreed amount, or the amount paid (negative for a correction).
    public var amount: Yuan
    public var note: String?

    public init(
        seq: Int64 = 0, kind: MoneyRecordKind, at: Date, recordedAt: Date? = nil, by: String?, entity: EntityKind, entityID: String,
        projectID: String, number: String, amount: Yuan, note: String?
    ) {
        self.seq = seq
        self.kind = kind
        self.at = Timestamps.millisecond(at)
        self.recordedAt = recordedAt.map(Timestamps.millisecond)
        self.by = by
        self.entity = entity
        self.entityID = entityID
        self.projectID = projectID
        self.number = number
        self.amount = amount
        self.note = note
    }

    /// The item the record is about.
    public var key: ItemKey { ItemKey(entity: entity, id: entityID, projectID: projectID) }
}
