import Foundation

/// The three kinds of items that progress through a workflow in a project.
public enum EntityKind: String, CaseIterable, Sendable, Codable {
    /// A parcel's share of land in one project.
    case parcel
    /// One house / household in one project.
    case household
    /// One utility (line or point) to relocate in one project.
    case utility

    public var nameZh: String {
        switch self {
        case .parcel: "地块"
        case .household: "房屋"
        case .utility: "杆线管线"
        }
    }
}

/// Why an item is blocked (受阻), and whose side the problem is on.
public enum BlockReason: String, CaseIterable, Sendable, Codable {
    case contractor
    case dispute
    case approval
    case funding
    case design
    case other

    /// The phrase used in Chinese reports, e.g. 施工方原因.
    public var zh: String {
        switch self {
        case .contractor: "施工方原因"
        case .dispute: "群众诉求"
        case .approval: "审批手续"
        case .funding: "资金原因"
        case .design: "设计变更"
        case .other: "其他原因"
        }
    }

    /// The reason named by its code or its Chinese name (资金原因), or nil.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let r = BlockReason(rawValue: t.lowercased()) ?? BlockReason.allCases.first(where: { $0.zh == t }) else { return nil }
        self = r
    }

    /// Whose side must act: contractor, residents, government, …
    public var owner: String {
        switch self {
        case .contractor: "contractor"
        case .dispute: "residents"
        case .approval: "approval authority"
        case .funding: "finance"
        case .design: "designer"
        case .other: "other"
        }
    }

    public var en: String {
        switch self {
        case .contractor: "contractor's side"
        case .dispute: "residents' dispute"
        case .approval: "pending approval"
        case .funding: "funding"
        case .design: "design change"
        case .other: "other reasons"
        }
    }
}

/// What an event does to an item.
public enum EventAction: String, CaseIterable, Sendable, Codable {
    /// Move to a stage (`to`); forward by one is normal, anything else is a forced correction.
    case set
    case block
    case unblock
    /// Deferred, no construction impact (暂缓, 不影响施工).
    case defer_ = "defer"
    /// Overlap engine: the item no longer overlaps its project (kept, never deleted).
    case outOfZone = "out-of-zone"
    /// Overlap engine: the item overlaps again.
    case inZone = "in-zone"
    /// A feature's geometry was replaced by an import.
    case geometryChanged = "geometry-changed"
    /// An item that left the red line after it had progressed is closed, with a note saying what was done.
    case close
}

/// One recorded change. Events are append-only: never edited, never deleted.
public struct Event: Hashable, Sendable {
    /// Sequence number assigned by the store (0 before it is stored).
    public var seq: Int64
    /// When it happened, as the team says (stored to the millisecond).
    public var at: Date
    /// When it was recorded, set by the store (nil before it is stored).
    public var recordedAt: Date?
    /// Team or person.
    public var by: String?
    public var entity: EntityKind
    public var entityID: String
    /// The project the change is about (nil for geometry changes that concern every project).
    public var projectID: String?
    public var action: EventAction
    /// The stage before the change (set on every workflow event).
    public var from: Stage?
    /// The stage moved to (`set` only).
    public var to: Stage?
    /// Why the item is blocked (`block` only).
    public var reason: BlockReason?
    public var note: String?
    /// True for a forced stage change (skip or move back): a correction.
    public var forced: Bool

    public init(
        seq: Int64 = 0, at: Date, recordedAt: Date? = nil, by: String?, entity: EntityKind, entityID: String, projectID: String?,
        action: EventAction, from: Stage? = nil, to: Stage? = nil, reason: BlockReason? = nil, note: String? = nil, forced: Bool = false
    ) {
        self.seq = seq
        self.at = Timestamps.millisecond(at)
        self.recordedAt = recordedAt.map(Timestamps.millisecond)
        self.by = by
        self.entity = entity
        self.entityID = entityID
        self.projectID = projectID
        self.action = action
        self.from = from
        self.to = to
        self.reason = reason
        self.note = note
        self.forced = forced
    }
}

/// The workflow status of one item in one project, as derived from its events.
public struct ItemStatus: Hashable, Sendable {
    public var stage: Stage
    public var blockedReason: BlockReason?
    public var blockedNote: String?
    /// The `at` of the block event.
    public var blockedSince: Date?
    public var deferred: Bool
    public var deferredNote: String?
    /// Out of the red line and closed with a note: no longer listed as work left (until it is in zone again).
    public var closed: Bool

    public init(
        stage: Stage, blockedReason: BlockReason? = nil, blockedNote: String? = nil, blockedSince: Date? = nil, deferred: Bool = false,
        deferredNote: String? = nil, closed: Bool = false
    ) {
        self.stage = stage
        self.blockedReason = blockedReason
        self.blockedNote = blockedNote
        self.blockedSince = blockedSince
        self.deferred = deferred
        self.deferredNote = deferredNote
        self.closed = closed
    }

    /// The status of an item of `entity` before any event: pending, not blocked, not deferred.
    public static func initial(_ entity: EntityKind) -> ItemStatus { ItemStatus(stage: .initial(entity)) }

    /// True when the item is at the last stage of its workflow.
    public var isDone: Bool { stage.isFinal }

    /// The status after `event` (events of one item, applied in `at` order, then sequence).
    public func applying(_ event: Event) -> ItemStatus {
        var s = self
        switch event.action {
        case .set:
            if let to = event.to { s.stage = to }
        case .block:
            s.blockedReason = event.reason
            s.blockedNote = event.note
            s.blockedSince = event.at
        case .unblock:
            s.blockedReason = nil
            s.blockedNote = nil
            s.blockedSince = nil
        case .defer_:
            s.deferred = true
            s.deferredNote = event.note
        case .close:
            s.closed = true
        case .inZone:
            s.closed = false
        case .outOfZone, .geometryChanged:
            break
        }
        return s
    }

    /// Derives the status of an item of `entity` from its events, ordered by (`at`, sequence).
    public static func derive(_ entity: EntityKind, from events: [Event]) -> ItemStatus {
        events.sorted { ($0.at, $0.seq) < ($1.at, $1.seq) }.reduce(.initial(entity)) { $0.applying($1) }
    }
}
