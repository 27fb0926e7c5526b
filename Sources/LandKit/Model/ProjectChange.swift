import Foundation

/// What a change to a project or its red line did.
public enum ProjectChangeAction: String, CaseIterable, Sendable, Codable {
    /// Name, kind or due date edited.
    case edited = "project-edited"
    /// Closed: the project leaves current reports; it stays in history and in reports as of earlier dates.
    case closed = "project-closed"
    case reopened = "project-reopened"
    /// A zone added to the red line.
    case zoneAdded = "zone-added"
    /// A zone's polygon replaced (红线调整).
    case zoneReplaced = "zone-replaced"
    case zoneRemoved = "zone-removed"

    /// True for the changes that make a new red-line revision.
    public var revisesRedLine: Bool {
        switch self {
        case .zoneAdded, .zoneReplaced, .zoneRemoved: true
        case .edited, .closed, .reopened: false
        }
    }

    public var zh: String {
        switch self {
        case .edited: "项目信息修改"
        case .closed: "项目关闭"
        case .reopened: "项目重新开启"
        case .zoneAdded: "新增红线范围"
        case .zoneReplaced: "红线调整"
        case .zoneRemoved: "删除红线范围"
        }
    }
}

/// One recorded change to a project or one of its zones. Like item events it is append-only and
/// part of the one tamper-evident log (``EventChain``): the store keeps it in the same table, with
/// `entity` "project" or "zone".
public struct ProjectChange: Hashable, Sendable {
    /// Sequence number in the event log (0 before it is stored).
    public var seq: Int64
    /// When the change takes effect (a red line revised on that day is the red line from then on).
    public var at: Date
    /// When it was recorded, set by the store.
    public var recordedAt: Date?
    public var by: String?
    public var projectID: String
    /// The zone a red-line change is about (nil for changes to the project itself).
    public var zoneID: String?
    public var action: ProjectChangeAction
    /// The red-line revision in effect after the change.
    public var revision: Int
    public var note: String?

    public init(
        seq: Int64 = 0, at: Date, recordedAt: Date? = nil, by: String?, projectID: String, zoneID: String? = nil,
        action: ProjectChangeAction, revision: Int, note: String?
    ) {
        self.seq = seq
        self.at = Timestamps.millisecond(at)
        self.recordedAt = recordedAt.map(Timestamps.millisecond)
        self.by = by
        self.projectID = projectID
        self.zoneID = zoneID
        self.action = action
        self.revision = revision
        self.note = note
    }

    /// The `entity` column of the event log for this change.
    public var subject: String { zoneID == nil ? "project" : "zone" }
}
