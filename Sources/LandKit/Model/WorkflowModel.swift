/// The three kinds of items that progress through a workflow in a project.
public enum EntityKind: String, CaseIterable, Sendable, Codable {
    /// A parcel's share of land in one project.
    case parcel
    /// One house / household in one project.
    case household
    /// One utility (line or point) to relocate in one project.
    case utility

    /// The ordered stages of this kind's workflow (domain.md).
    public var stages: [String] {
        switch self {
        case .parcel: ["pending", "surveyed", "inventoried", "agreed", "compensated", "cleared", "handed-over"]
        case .household: ["pending", "inventoried", "agreed", "vacated", "demolished"]
        case .utility: ["pending", "designed", "relocating", "relocated"]
        }
    }

    /// Chinese names of the stages, in the same order.
    public var stageNamesZh: [String] {
        switch self {
        case .parcel: ["待启动", "已勘测定界", "已摸底", "已签协议", "已补偿", "已清表", "已交地"]
        case .household: ["未入户", "已入户摸底", "已签约", "已腾空交房", "已拆除"]
        case .utility: ["待启动", "已出方案", "迁改中", "已迁改"]
        }
    }

    /// Position of `stage` in the workflow, or nil when the stage does not exist for this kind.
    public func stageIndex(_ stage: String) -> Int? { stages.firstIndex(of: stage) }

    /// The last stage: the item is done.
    public var finalStage: String { stages[stages.count - 1] }

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
}

/// One recorded change. Events are append-only: never edited, never deleted.
public struct Event: Hashable, Sendable, Codable {
    /// Sequence number assigned by the store (0 before it is stored).
    public var seq: Int64
    /// When it happened (ISO 8601 with offset), as the team says.
    public var at: String
    /// When it was recorded (ISO 8601 UTC), set by the store.
    public var recordedAt: String
    /// Team or person.
    public var by: String?
    public var entity: EntityKind
    public var entityID: String
    /// The project the change is about (nil for geometry changes that concern every project).
    public var projectID: String?
    public var action: EventAction
    public var from: String?
    public var to: String?
    public var reason: String?
    public var note: String?
    /// True for a forced stage change (skip or move back): a correction.
    public var forced: Bool

    public init(
        seq: Int64 = 0, at: String, recordedAt: String = "", by: String?, entity: EntityKind, entityID: String, projectID: String?,
        action: EventAction, from: String? = nil, to: String? = nil, reason: String? = nil, note: String? = nil, forced: Bool = false
    ) {
        self.seq = seq
        self.at = at
        self.recordedAt = recordedAt
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
public struct ItemStatus: Hashable, Sendable, Codable {
    public var stage: String
    public var blockedReason: BlockReason?
    public var blockedNote: String?
    /// The `at` of the block event.
    public var blockedSince: String?
    public var deferred: Bool
    public var deferredNote: String?

    public init(
        stage: String = "pending", blockedReason: BlockReason? = nil, blockedNote: String? = nil, blockedSince: String? = nil,
        deferred: Bool = false, deferredNote: String? = nil
    ) {
        self.stage = stage
        self.blockedReason = blockedReason
        self.blockedNote = blockedNote
        self.blockedSince = blockedSince
        self.deferred = deferred
        self.deferredNote = deferredNote
    }

    public static let initial = ItemStatus()

    /// The status after `event` (events of one item, applied in `at` order, then sequence).
    public func applying(_ event: Event) -> ItemStatus {
        var s = self
        switch event.action {
        case .set:
            if let to = event.to { s.stage = to }
        case .block:
            s.blockedReason = event.reason.flatMap(BlockReason.init(rawValue:))
            s.blockedNote = event.note
            s.blockedSince = event.at
        case .unblock:
            s.blockedReason = nil
            s.blockedNote = nil
            s.blockedSince = nil
        case .defer_:
            s.deferred = true
            s.deferredNote = event.note
        case .outOfZone, .inZone, .geometryChanged:
            break
        }
        return s
    }

    /// Derives the status from an item's events, ordered by (`at`, sequence).
    public static func derive(from events: [Event]) -> ItemStatus {
        events.sorted { ($0.at, $0.seq) < ($1.at, $1.seq) }.reduce(.initial) { $0.applying($1) }
    }
}
