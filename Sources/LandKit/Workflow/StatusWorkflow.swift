import Foundation

/// A workflow rule was broken or an input names something that does not exist.
public struct WorkflowError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// One status update as a field team states it (a command line or a row of a status CSV).
public struct StatusUpdate: Sendable, Hashable {
    public var entity: EntityKind
    public var id: String
    public var projectID: String
    /// set, block, unblock or defer.
    public var action: EventAction
    /// For set: the target stage.
    public var stage: String?
    /// For block: contractor, dispute, approval, funding, design or other.
    public var reason: String?
    public var note: String?
    public var by: String?
    /// When it happened, as given (ISO 8601, local date-time, or a date); nil: now.
    public var at: String?
    /// Allow skipping stages or moving back (a correction; needs a note).
    public var force: Bool

    public init(
        entity: EntityKind, id: String, projectID: String, action: EventAction, stage: String? = nil, reason: String? = nil,
        note: String? = nil, by: String? = nil, at: String? = nil, force: Bool = false
    ) {
        self.entity = entity
        self.id = id
        self.projectID = projectID
        self.action = action
        self.stage = stage
        self.reason = reason
        self.note = note
        self.by = by
        self.at = at
        self.force = force
    }
}

/// What happened to one update.
public enum UpdateOutcome: Sendable, Equatable {
    case applied(Event)
    /// Its effect is already recorded (re-imported CSV row): nothing written.
    case skipped(String)
}

/// The status workflow: checks updates against the stage order and the item's current status,
/// appends one event per change, and keeps the per-item cache equal to the status derived from
/// the events.
public struct Workflow {
    public var timeZone: String
    /// Treat an update whose effect is already recorded as skipped instead of an error (CSV re-import).
    public var skipRecorded: Bool

    public init(timeZone: String = Timestamps.defaultTimeZone, skipRecorded: Bool = false) {
        self.timeZone = timeZone
        self.skipRecorded = skipRecorded
    }

    /// Applies one update inside the caller's write transaction.
    /// - Throws: `WorkflowError` naming the item and what is wrong; nothing is written then.
    public func apply(_ u: StatusUpdate, in session: any StoreSession) throws -> UpdateOutcome {
        let label = "\(u.entity.rawValue) \(u.id)"
        guard try session.project(id: u.projectID) != nil else {
            throw WorkflowError("no project \(u.projectID): see `landkit project list`")
        }
        guard let item = try session.item(u.entity, id: u.id, projectID: u.projectID) else {
            if try session.featureExists(u.entity, id: u.id) {
                throw WorkflowError(
                    "\(label) is not in project \(u.projectID) (it does not overlap its red line; run `landkit overlaps` after changing zones)"
                )
            }
            throw WorkflowError("unknown \(u.entity.rawValue) id \(u.id)")
        }
        guard !item.outOfZone else {
            throw WorkflowError("\(label) is out of the zone of \(u.projectID) (its red line changed): it cannot progress there")
        }
        let at: String
        if let given = u.at, !given.isEmpty {
            guard let d = Timestamps.parse(given, timeZone: timeZone) else {
                throw WorkflowError("\(label): time \"\(given)\" is not ISO 8601 (2021-03-15T10:00:00+08:00) or YYYY-MM-DD")
            }
            guard d <= Date().addingTimeInterval(3600) else { throw WorkflowError("\(label): time \(given) is in the future") }
            at = Timestamps.utc(d)
        } else {
            at = Timestamps.nowUTC()
        }
        // The item's events so far: the status at `at` decides what is allowed.
        let history = try session.events(entity: u.entity, id: u.id, projectID: u.projectID).filter { $0.projectID == u.projectID }
        let before = ItemStatus.derive(from: history.filter { $0.at <= at })
        var event = Event(
            at: at, by: u.by, entity: u.entity, entityID: u.id, projectID: u.projectID, action: u.action, from: before.stage, note: u.note)
        if skipRecorded,
            let same = history.first(where: {
                $0.at == at && $0.action == u.action && $0.to == (u.action == .set ? u.stage : nil)
                    && $0.reason == (u.action == .block ? u.reason : nil)
            })
        {
            return .skipped("already recorded as event \(same.seq)")
        }
        switch u.action {
        case .set:
            guard let stage = u.stage, !stage.isEmpty else {
                throw WorkflowError("\(label): set needs a stage (\(u.entity.stages.joined(separator: ", ")))")
            }
            guard let target = u.entity.stageIndex(stage) else {
                throw WorkflowError(
                    "\(label): unknown \(u.entity.rawValue) stage \"\(stage)\"; stages are \(u.entity.stages.joined(separator: " → "))")
            }
            let current = u.entity.stageIndex(before.stage) ?? 0
            if target == current {
                if skipRecorded { return .skipped("already at \(stage)") }
                throw WorkflowError("\(label) is already at stage \(stage) in \(u.projectID)")
            }
            if target != current + 1 {
                guard u.force else {
                    let what =
                        target < current ? "moving back from \(before.stage) to \(stage)" : "skipping from \(before.stage) to \(stage)"
                    throw WorkflowError("\(label): \(what) needs --force and a --note saying why (a correction)")
                }
                guard let note = u.note, !note.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw WorkflowError("\(label): a forced stage change needs a --note saying why")
                }
                event.forced = true
            }
            event.to = stage
        case .block:
            guard let reasonText = u.reason, let reason = BlockReason(rawValue: reasonText) else {
                throw WorkflowError(
                    "\(label): block needs a reason: \(BlockReason.allCases.map(\.rawValue).joined(separator: ", "))\(u.reason.map { " (got \"\($0)\")" } ?? "")"
                )
            }
            if before.blockedReason == reason {
                if skipRecorded { return .skipped("already blocked (\(reason.rawValue))") }
                throw WorkflowError("\(label) is already blocked in \(u.projectID) (\(reason.rawValue))")
            }
            event.reason = reason.rawValue
        case .unblock:
            guard before.blockedReason != nil else {
                if skipRecorded { return .skipped("not blocked") }
                throw WorkflowError("\(label) is not blocked in \(u.projectID)")
            }
        case .defer_:
            guard let note = u.note, !note.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw WorkflowError("\(label): defer needs a --note (why it has no construction impact)")
            }
            if before.deferred {
                if skipRecorded { return .skipped("already deferred") }
                throw WorkflowError("\(label) is already deferred in \(u.projectID)")
            }
        case .outOfZone, .inZone, .geometryChanged:
            throw WorkflowError("\(label): action \(u.action.rawValue) is recorded by LandKit itself")
        }
        event.seq = try session.append(event)
        // The cache is always the derivation of every event of the item (a backdated event may land mid-history).
        try session.updateCachedStatus(u.entity, id: u.id, projectID: u.projectID, ItemStatus.derive(from: history + [event]))
        return .applied(event)
    }

    /// Items whose cached status differs from the status derived from their events.
    public static func verify(_ session: any StoreSession) throws -> [(ProjectItem, ItemStatus)] {
        var byItem: [String: [Event]] = [:]
        try session.forEachEvent { e in
            guard let p = e.projectID else { return }
            byItem["\(e.entity.rawValue)\u{1}\(e.entityID)\u{1}\(p)", default: []].append(e)
        }
        var bad: [(ProjectItem, ItemStatus)] = []
        for item in try session.items(projectID: nil, entity: nil) {
            let derived = ItemStatus.derive(from: byItem["\(item.entity.rawValue)\u{1}\(item.id)\u{1}\(item.projectID)"] ?? [])
            if derived != item.status { bad.append((item, derived)) }
        }
        return bad
    }

    /// The status of every item at the end of `date` (local), derived from the event log.
    /// Keyed by "entity/id/project".
    public static func statuses(asOf date: LocalDate, timeZone: String, in session: any StoreSession) throws -> [ItemKey: ItemStatus] {
        let limit = Timestamps.endOfDayUTC(date, timeZone: timeZone)
        var out: [ItemKey: ItemStatus] = [:]
        try session.forEachEvent { e in
            guard let p = e.projectID, e.at <= limit else { return }
            let k = ItemKey(entity: e.entity, id: e.entityID, projectID: p)
            out[k] = (out[k] ?? .initial).applying(e)
        }
        return out
    }
}

/// Identifies one item: an entity in a project.
public struct ItemKey: Hashable, Sendable {
    public var entity: EntityKind
    public var id: String
    public var projectID: String

    public init(entity: EntityKind, id: String, projectID: String) {
        self.entity = entity
        self.id = id
        self.projectID = projectID
    }
}
