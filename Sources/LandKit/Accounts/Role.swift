/// What an account may do in LandKit. The rights of each role are ``Account``'s to say, in one place.
public enum Role: String, CaseIterable, Sendable, Codable {
    /// Manages accounts; may do everything else too.
    case admin
    /// Imports data, edits projects and red lines, records progress on every item.
    case planner
    /// A field team (拆迁组): reads and records progress on the items assigned to its team only.
    case team
    /// Reads everything (reports, maps, items), writes nothing.
    case leader
    /// Reads everything, writes nothing.
    case viewer

    public var zh: String {
        switch self {
        case .admin: "管理员"
        case .planner: "规划人员"
        case .team: "拆迁组"
        case .leader: "领导"
        case .viewer: "查看"
        }
    }
}
