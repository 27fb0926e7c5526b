/// What a person may do next to an item, for buttons in a front end: the workflow's own guards (``Workflow``)
/// read from the item's status, and the account's rights. The workflow still checks every update.
public struct ItemActions: Encodable, Sendable, Equatable {
    /// The stage a `set` moves it to, if any.
    public var next_stage: String?
    public var next_stage_zh: String?
    public var can_set: Bool
    public var can_block: Bool
    public var can_unblock: Bool
    public var can_defer: Bool
    /// A deferral needs a note (why it does not hold up construction).
    public var defer_needs_note: Bool
    /// The blocked reasons to choose from: code and Chinese name.
    public var reasons: [Reason]

    public struct Reason: Encodable, Sendable, Equatable {
        public var code: String
        public var zh: String
    }

    public init(_ item: ProjectItem, mayRecord: Bool) {
        let s = item.status
        let live = mayRecord && !item.outOfZone && !s.closed
        let next = s.stage.next
        next_stage = next?.code
        next_stage_zh = next?.zh
        can_set = live && next != nil
        can_block = live && s.blockedReason == nil && !s.isDone
        can_unblock = live && s.blockedReason != nil
        can_defer = live && !s.deferred && !s.isDone
        defer_needs_note = true
        reasons = BlockReason.allCases.map { Reason(code: $0.rawValue, zh: $0.zh) }
    }
}
