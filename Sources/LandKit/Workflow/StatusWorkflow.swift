import Foundation

/// What a status update asks for.
public enum StatusChange: Hashable, Sendable {
    /// Move to a stage: forward by one normally; anything else only when `force` (a correction, with a note).
    case set(Stage, force: Bool)
    /// Blocked (受阻) for a reason, until unblocked.
    case block(BlockReason)
    case unblock
    /// Deferred: no construction impact (暂缓, 不影响施工); needs a note.
    case deferral
    /// Closes an item that left the red line after it had progressed; needs a note saying what was done.
    case close

    /// The event action this change records.
    public var action: EventAction {
        switch self {
        case .set: .set
        case .block: .block
        case .unblock: .unblock
        case .deferral: .defer_
        case .close: .close
        }
    }
}

/// One status update as a field team states it (a command line, a row of a status CSV, an API call),
/// already checked at the edge: the stage belongs to the entity kind, the time is an instant.
public struct StatusUpdate: Sendable, Hashable {
    public var entity: EntityKind
    public var id: String
    public var projectID: String
    public var change: StatusChange
    public var note: String?
    /// Who records it: a team or person (the authenticated user in the server).
    public var by: String?
    /// The team it is recorded for (id or name); nil: the team the item is assigned to, if any.
    public var team: String?
    /// When it happened; nil: now.
    public var at: Date?

    public init(
        entity: EntityKind, id: String, projectID: String, change: StatusChange, note: String? = nil, by: String? = nil, at: Date? = nil,
        team: String? = nil
    ) {
        self.team = team
        self.entity = entity
        self.id = id
        self.projectID = projectID
        self.change = change
        self.note = note
        self.by = by
        self.at = at
    }

    /// Builds an update from the words of a command line or CSV row, checking each at the edge.
    /// - Parameters:
    ///   - action: set, block, unblock or defer.
    ///   - stage: for set, the stage's code or Chinese name (已摸底).
    ///   - reason: for block, the reason's code or Chinese name (资金原因).
    ///   - at: ISO 8601, a local date-time or a date (end of that day), read in `timeZone`.
    /// - Throws: `WorkflowError` (unknown stage or reason, malformed time) naming the item.
    public static func parsing(
        entity: EntityKind, id: String, projectID: String, action: EventAction, stage: String?, reason: String?, force: Bool = false,
        note: String?, by: String?, at: String?, timeZone: String, team: String? = nil
    ) throws(WorkflowError) -> StatusUpdate {
        let label = "\(entity.rawValue) \(id)"
        let change: StatusChange
        switch action {
        case .set:
            guard let stage, !stage.isEmpty else {
                throw WorkflowError(.missingStage, "\(label): set needs a stage (\(entity.stages.map(\.code).joined(separator: ", ")))")
            }
            guard let s = Stage(entity, parsing: stage) else {
                throw WorkflowError(
                    .unknownStage, "\(label): unknown \(entity.rawValue) stage \"\(stage)\"; stages are \(entity.stageList)")
            }
            change = .set(s, force: force)
        case .block:
            guard let reason, let r = BlockReason(parsing: reason) else {
                let got = reason.map { " (got \"\($0)\")" } ?? ""
                throw WorkflowError(
                    .unknownReason, "\(label): block needs a reason: \(BlockReason.allCases.map(\.rawValue).joined(separator: ", "))\(got)")
            }
            change = .block(r)
        case .unblock: change = .unblock
        case .defer_: change = .deferral
        case .close: change = .close
        case .outOfZone, .inZone, .geometryChanged:
            throw WorkflowError(.reservedAction, "\(label): action \(action.rawValue) is recorded by LandKit itself")
        }
        var instant: Date?
        if let given = at, !given.isEmpty {
            let d: Date
            do {
                d = try Timestamps.parseInput(given, timeZone: timeZone)
            } catch {
                throw WorkflowError(.invalidTime, "\(label): \(error.message)")
            }
            instant = Timestamps.millisecond(d)
        }
        return StatusUpdate(
            entity: entity, id: id, projectID: projectID, change: change, note: note, by: by, at: instant,
            team: team.flatMap { $0.isEmpty ? nil : $0 })
    }
}

/// What happened to one update.
public enum UpdateOutcome: Sendable, Equatable {
    case applied(Event)
    /// Its effect is already recorded (re-imported CSV row): nothing written.
    case skipped(String)
    /// The same change at the same time is already recorded as this event (a re-sent update): nothing written.
    case recorded(Event)
}

/// The status workflow: checks updates against the stage order and the item's current status,
/// appends one event per change, and keeps the per-item cache equal to the status derived from
/// the events. The one place these rules live: the CLI, the status CSV and the server call it.
public struct Workflow {
    public var timeZone: String
    /// Treat an update whose effect is already recorded as skipped instead of an error (CSV re-import).
    public var skipRecorded: Bool
    /// Skip only an update identical to a recorded event (same time, same change): a phone re-sending an update
    /// whose answer it never got records it once. Any other conflict is still an error.
    public var skipIdentical: Bool
    /// How far ahead of the clock an update's time may be (clock skew between a phone and the server).
    public static let futureTolerance: TimeInterval = 3600

    public init(timeZone: String = Timestamps.defaultTimeZone, skipRecorded: Bool = false, skipIdentical: Bool = false) {
        self.timeZone = timeZone
        self.skipRecorded = skipRecorded
        self.skipIdentical = skipIdentical
    }

    /// Applies one update inside the caller's write transaction.
    /// - Throws: `WorkflowError` naming the item and what is wrong; nothing is written then.
    public func apply(_ u: StatusUpdate, in session: any StoreSession) throws -> UpdateOutcome {
        let label = "\(u.entity.rawValue) \(u.id)"
        guard try session.project(id: u.projectID) != nil else { throw WorkflowError(.unknownProject, "no project \(u.projectID)") }
        guard let item = try session.item(u.entity, id: u.id, projectID: u.projectID) else {
            if try session.featureExists(u.entity, id: u.id) {
                throw WorkflowError(
                    .notInProject,
                    "\(label) is not in project \(u.projectID) (it does not overlap its red line, or overlaps were not computed since the red line changed)"
                )
            }
            throw WorkflowError(.unknownItem, "unknown \(u.entity.rawValue) id \(u.id)")
        }
        if case .close = u.change {
            guard item.outOfZone else {
                throw WorkflowError(
                    .notOutOfZone, "\(label) is inside the red line of \(u.projectID): only an item that left it can be closed")
            }
        } else if item.outOfZone {
            throw WorkflowError(
                .outOfZone, "\(label) is out of the zone of \(u.projectID) (its red line changed): it cannot progress there")
        }
        let now = Timestamps.now()
        let at = u.at ?? now
        guard at <= now.addingTimeInterval(Self.futureTolerance) else {
            throw WorkflowError(.futureTime, "\(label): time \(Timestamps.display(at, timeZone: timeZone)) is in the future")
        }
        // The item's events so far: the status at `at` decides what is allowed.
        let history = try session.events(entity: u.entity, id: u.id, projectID: u.projectID).filter { $0.projectID == u.projectID }
        let before = ItemStatus.derive(u.entity, from: history.filter { $0.at <= at })
        let team: Team?
        if let name = u.team {
            guard let t = try session.team(named: name) else { throw WorkflowError(.unknownTeam, "\(label): no team \(name)") }
            team = t
        } else {
            team = try session.team(of: ItemKey(entity: u.entity, id: u.id, projectID: u.projectID))
        }
        var event = Event(
            at: at, by: Self.recorder(team: team, by: u.by), entity: u.entity, entityID: u.id, projectID: u.projectID,
            action: u.change.action, from: before.stage,
            note: u.note)
        if skipRecorded || skipIdentical, let same = history.first(where: { $0.at == at && Self.sameEffect($0, u.change) }) {
            return .recorded(same)
        }
        switch u.change {
        case .set(let target, let force):
            guard target.entity == u.entity else {
                throw WorkflowError(
                    .unknownStage, "\(label): \(target.code) is not a \(u.entity.rawValue) stage; stages are \(u.entity.stageList)")
            }
            let current = before.stage.order
            if target.order == current {
                if skipRecorded { return .skipped("already at \(target.code)") }
                throw WorkflowError(.alreadyAtStage, "\(label) is already at stage \(target.code) in \(u.projectID)")
            }
            if target.order != current + 1 {
                let what =
                    target.order < current
                    ? "moving back from \(before.stage.code) to \(target.code)" : "skipping from \(before.stage.code) to \(target.code)"
                guard force else {
                    throw WorkflowError(
                        .correctionNotForced, "\(label): \(what) is a correction: it must be forced, with a note saying why")
                }
                guard Self.hasText(u.note) else {
                    throw WorkflowError(.noteRequired, "\(label): a forced stage change needs a note saying why")
                }
                event.forced = true
            }
            event.to = target
        case .block(let reason):
            if before.blockedReason == reason {
                if skipRecorded { return .skipped("already blocked (\(reason.rawValue))") }
                throw WorkflowError(.alreadyBlocked, "\(label) is already blocked in \(u.projectID) (\(reason.rawValue))")
            }
            event.reason = reason
        case .unblock:
            guard before.blockedReason != nil else {
                if skipRecorded { return .skipped("not blocked") }
                throw WorkflowError(.notBlocked, "\(label) is not blocked in \(u.projectID)")
            }
        case .deferral:
            guard Self.hasText(u.note) else {
                throw WorkflowError(.noteRequired, "\(label): a deferral needs a note (why it has no construction impact)")
            }
            if before.deferred {
                if skipRecorded { return .skipped("already deferred") }
                throw WorkflowError(.alreadyDeferred, "\(label) is already deferred in \(u.projectID)")
            }
        case .close:
            guard Self.hasText(u.note) else {
                throw WorkflowError(.noteRequired, "\(label): closing an item that left the red line needs a note saying what was done")
            }
            if item.status.closed {
                if skipRecorded { return .skipped("already closed") }
                throw WorkflowError(.alreadyClosed, "\(label) is already closed in \(u.projectID)")
            }
        }
        event.seq = try session.append(event)
        // The cache is always the derivation of every event of the item (a backdated event may land mid-history).
        try session.updateCachedStatus(u.entity, id: u.id, projectID: u.projectID, ItemStatus.derive(u.entity, from: history + [event]))
        return .applied(event)
    }

    /// Who an event names: the team when one is known, with the person who recorded it
    /// ("拆迁一组/张三"), or the person alone.
    public static func recorder(team: Team?, by: String?) -> String? {
        guard let team else { return by }
        guard let by, hasText(by) else { return team.name }
        return by == team.name || by.hasPrefix(team.name + "/") ? by : "\(team.name)/\(by)"
    }

    private static func hasText(_ s: String?) -> Bool { !(s ?? "").trimmingCharacters(in: .whitespaces).isEmpty }

    /// True when `event` already records `change` (a re-imported row).
    private static func sameEffect(_ event: Event, _ change: StatusChange) -> Bool {
        guard event.action == change.action else { return false }
        switch change {
        case .set(let s, _): return event.to == s
        case .block(let r): return event.reason == r
        case .unblock, .deferral, .close: return true
        }
    }

    /// Items whose cached status differs from the status derived from their events.
    public static func verify(_ session: any StoreSession) throws -> [(ProjectItem, ItemStatus)] {
        var byItem: [ItemKey: [Event]] = [:]
        try session.forEachEvent { e in
            guard let p = e.projectID else { return }
            byItem[ItemKey(entity: e.entity, id: e.entityID, projectID: p), default: []].append(e)
        }
        var bad: [(ProjectItem, ItemStatus)] = []
        for item in try session.items(projectID: nil, entity: nil) {
            let derived = ItemStatus.derive(
                item.entity, from: byItem[ItemKey(entity: item.entity, id: item.id, projectID: item.projectID)] ?? [])
            if derived != item.status { bad.append((item, derived)) }
        }
        return bad
    }

    /// The status of every item at the end of `date` (local), derived from the event log.
    public static func statuses(asOf date: LocalDate, timeZone: String, in session: any StoreSession) throws -> [ItemKey: ItemStatus] {
        let limit = Timestamps.endOfDay(date, timeZone: timeZone)
        var out: [ItemKey: ItemStatus] = [:]
        try session.forEachEvent { e in
            guard let p = e.projectID, e.at <= limit else { return }
            let k = ItemKey(entity: e.entity, id: e.entityID, projectID: p)
            out[k] = (out[k] ?? .initial(e.entity)).applying(e)
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
