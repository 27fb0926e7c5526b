import Foundation

/// An agreement or payment as a team states it, checked at the edge.
public struct MoneyRequest: Sendable, Hashable {
    public var kind: MoneyRecordKind
    public var entity: EntityKind
    public var id: String
    public var projectID: String
    /// 协议编号 for an agreement, the voucher for a payment.
    public var number: String
    public var amount: Yuan
    /// nil: now.
    public var at: Date?
    public var note: String?
    public var by: String?

    public init(
        kind: MoneyRecordKind, entity: EntityKind, id: String, projectID: String, number: String, amount: Yuan, at: Date? = nil,
        note: String? = nil, by: String? = nil
    ) {
        self.kind = kind
        self.entity = entity
        self.id = id
        self.projectID = projectID
        self.number = number
        self.amount = amount
        self.at = at
        self.note = note
        self.by = by
    }
}

/// What recording one agreement or payment did.
public struct MoneyOutcome: Sendable, Hashable {
    public var record: MoneyRecord
    /// The stage move it caused through the workflow (signing → agreed, paid in full → compensated).
    public var event: Event?
    /// For an agreement: the estimate by the project's rate table, when it has one.
    public var estimate: Yuan?
    /// Agreed amount, and paid so far including this record.
    public var agreed: Yuan?
    public var paid: Yuan
}

/// The payment rules, in one place: an agreement per item per project, moving the item to `agreed`
/// through ``Workflow``; payments only against an agreement, never more than agreed, a negative
/// correction only with a note and never below zero paid; land paid in full moves to `compensated`.
public struct MoneyLedger {
    public var workflow: Workflow

    public init(workflow: Workflow) { self.workflow = workflow }

    /// The agreed amount and paid total of an item from its records.
    public static func balance(_ records: [MoneyRecord], _ key: ItemKey) -> (agreement: MoneyRecord?, paid: Yuan) {
        let mine = records.filter { $0.key == key }
        return (mine.first { $0.kind == .agreement }, mine.filter { $0.kind == .payment }.map(\.amount).sum())
    }

    /// Records `r` inside the caller's write transaction.
    /// - Throws: `WorkflowError` naming the item and what is wrong; nothing is written then.
    public func record(_ r: MoneyRequest, estimate: Yuan?, in session: any StoreSession) throws -> MoneyOutcome {
        let label = "\(r.entity.rawValue) \(r.id)"
        guard r.entity != .utility else {
            throw WorkflowError(.invalidInput, "\(label): agreements and payments are for parcels and households")
        }
        guard try session.project(id: r.projectID) != nil else { throw WorkflowError(.unknownProject, "no project \(r.projectID)") }
        guard let item = try session.item(r.entity, id: r.id, projectID: r.projectID) else {
            throw WorkflowError(
                try session.featureExists(r.entity, id: r.id) ? .notInProject : .unknownItem,
                "\(label) is not an item of project \(r.projectID)")
        }
        let number = r.number.trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty else {
            throw WorkflowError(
                .invalidInput,
                "\(label): \(r.kind == .agreement ? "an agreement needs its number (协议编号)" : "a payment needs its voucher number")")
        }
        let now = Timestamps.now()
        let at = r.at ?? now
        guard at <= now.addingTimeInterval(Workflow.futureTolerance) else {
            throw WorkflowError(.futureTime, "\(label): time \(Timestamps.display(at, timeZone: workflow.timeZone)) is in the future")
        }
        // Numbers and vouchers are unique within a project (a county numbers agreements per project).
        let mine = try session.moneyRecords(projectID: r.projectID, entity: r.entity, id: r.id)
        let (agreement, paid) = Self.balance(mine, ItemKey(entity: r.entity, id: r.id, projectID: r.projectID))
        let sameNumber = try session.moneyRecords(projectID: r.projectID, kind: r.kind, number: number)
        let record = MoneyRecord(
            kind: r.kind, at: at, by: r.by, entity: r.entity, entityID: r.id, projectID: r.projectID, number: number, amount: r.amount,
            note: r.note)
        var event: Event?
        switch r.kind {
        case .agreement:
            if let agreement { throw WorkflowError(.invalidInput, "\(label) already has agreement \(agreement.number) in \(r.projectID)") }
            if let other = sameNumber.first {
                throw WorkflowError(
                    .invalidInput,
                    "agreement number \(number) is already used in \(r.projectID) for \(other.entity.rawValue) \(other.entityID)")
            }
            guard r.amount > .zero else { throw WorkflowError(.invalidInput, "\(label): the agreed amount must be positive") }
            try session.append(record)
            let agreed: Stage = r.entity == .parcel ? .land(.agreed) : .household(.agreed)
            if item.status.stage.order < agreed.order {
                let u = StatusUpdate(
                    entity: r.entity, id: r.id, projectID: r.projectID, change: .set(agreed, force: false), note: "协议 \(number)", by: r.by,
                    at: at)
                if case .applied(let e) = try workflow.apply(u, in: session) { event = e }
            }
            return MoneyOutcome(record: record, event: event, estimate: estimate, agreed: r.amount, paid: paid)
        case .payment:
            guard let agreement else {
                throw WorkflowError(.invalidInput, "\(label) has no agreement in \(r.projectID): record the agreement before paying")
            }
            guard r.amount != .zero else { throw WorkflowError(.invalidInput, "\(label): a payment of 0.00 records nothing") }
            if sameNumber.contains(where: { $0.amount.isNegative == r.amount.isNegative }) {
                throw WorkflowError(.invalidInput, "voucher \(number) is already recorded in \(r.projectID)")
            }
            let after = paid + r.amount
            if r.amount.isNegative {
                guard !(r.note ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw WorkflowError(.noteRequired, "\(label): a correction (negative payment) needs a note saying why")
                }
                guard !after.isNegative else {
                    throw WorkflowError(.invalidInput, "\(label): a correction of \(r.amount.plain) would leave \(after.plain) paid")
                }
            } else if after > agreement.amount {
                throw WorkflowError(
                    .invalidInput,
                    "\(label): paying \(r.amount.plain) would bring the paid total to \(after.plain), above the agreed \(agreement.amount.plain)"
                )
            }
            try session.append(record)
            if r.entity == .parcel, after == agreement.amount, item.status.stage == .land(.agreed) {
                let u = StatusUpdate(
                    entity: .parcel, id: r.id, projectID: r.projectID, change: .set(.land(.compensated), force: false),
                    note: "补偿款已付清 \(after.plain) 元", by: r.by, at: at)
                if case .applied(let e) = try workflow.apply(u, in: session) { event = e }
            }
            return MoneyOutcome(record: record, event: event, estimate: nil, agreed: agreement.amount, paid: after)
        }
    }
}
