import Foundation

/// One line of a work list as `landkit items --format json` and the server's item lists give it.
public struct WorkListRow: Encodable, Sendable, Equatable {
    public var project: String
    public var entity: String
    public var id: String
    /// Village and group, or a utility's name.
    public var label: String?
    public var stage: String
    public var stage_zh: String
    public var next_stage: String?
    public var next_stage_zh: String?
    public var blocked_reason: String?
    public var blocked_reason_zh: String?
    public var blocked_since: String?
    public var deferred: Bool
    public var out_of_zone: Bool
    public var team: String?
    public var section: String?
    public var overlap_mu: Double?
    /// inside | edge (households).
    public var position: String?
    public var length_m: Double?

    public init(_ w: TeamUseCases.WorkItem) {
        let s = w.item.status
        project = w.item.projectID
        entity = w.item.entity.rawValue
        id = w.item.id
        label = w.label
        stage = s.stage.code
        stage_zh = s.stage.zh
        next_stage = w.next?.code
        next_stage_zh = w.next?.zh
        blocked_reason = s.blockedReason?.rawValue
        blocked_reason_zh = s.blockedReason?.zh
        blocked_since = s.blockedSince.map { Timestamps.display($0) }
        deferred = s.deferred
        out_of_zone = w.item.outOfZone
        team = w.team?.name
        section = w.section?.name
        overlap_mu = w.item.land?.mu
        position = w.item.position?.rawValue
        length_m = w.item.lengthMetres
    }
}

/// One event of an item's timeline as `landkit history --format json` and the server give it.
public struct HistoryRow: Encodable, Sendable, Equatable {
    public var seq: Int64
    public var at: String
    /// `at` in the database's time zone, "2021-03-15 10:00" (when a time zone is given).
    public var at_local: String?
    public var recorded_at: String
    public var by: String?
    public var project: String?
    public var action: String
    public var from: String?
    public var to: String?
    public var reason: String?
    public var from_zh: String?
    public var to_zh: String?
    public var reason_zh: String?
    public var note: String?
    public var forced: Bool

    /// - Parameters:
    ///   - unmasked: keep ID-card and phone numbers typed in the note.
    ///   - timeZone: also give `at` as local time in this zone.
    public init(_ e: Event, unmasked: Bool, timeZone: String? = nil) {
        seq = e.seq
        at = Timestamps.utc(e.at)
        at_local = timeZone.map { Timestamps.display(e.at, timeZone: $0) }
        from_zh = e.from?.zh
        to_zh = e.to?.zh
        reason_zh = e.reason?.zh
        recorded_at = e.recordedAt.map(Timestamps.utc) ?? ""
        by = e.by
        project = e.projectID
        action = e.action.rawValue
        from = e.from?.code
        to = e.to?.code
        reason = e.reason?.rawValue
        note = unmasked ? e.note : e.note.map(PersonalData.maskNumbers(in:))
        forced = e.forced
    }
}
