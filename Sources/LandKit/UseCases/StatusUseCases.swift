import Foundation
import Logging

/// Recording progress: the use cases the CLI, the status CSV import and the server share.
public enum StatusUseCases {
    /// Applies `updates` in one transaction, all or nothing, through the workflow rules.
    /// - Returns: the events written, in order.
    /// - Throws: the first `WorkflowError` (nothing is written then), or a store error.
    public static func apply(_ updates: [StatusUpdate], store: any LandStore, logger: Logger) throws -> [Event] {
        let started = Date()
        let events = try store.write { s -> [Event] in
            let workflow = Workflow(timeZone: try s.timeZone())
            var out: [Event] = []
            for u in updates {
                if case .applied(let e) = try workflow.apply(u, in: s) { out.append(e) }
            }
            return out
        }
        logger.info("status: \(events.count) event(s) written in \(elapsed(since: started))")
        return events
    }

    /// Applies updates recorded by a logged-in account, in one transaction, all or nothing: each item must be one
    /// the account may record on (``Account/mayRecord(itemOfTeam:)``), checked in the same transaction as the write.
    /// Every event names the account (and its team), whatever `by` the updates carried. An update identical to a
    /// recorded event (same time, same change: a phone re-sending) is not written again.
    /// - Parameter numbered: start each error's message with the update's number ("update 3: …"), for a batch.
    /// - Returns: per update, the event written or the one already recorded.
    /// - Throws: `AccessError.forbidden`, or the first `WorkflowError`; nothing is written then.
    public static func apply(
        _ updates: [StatusUpdate], as account: Account, numbered: Bool = false, store: any LandStore, logger: Logger
    ) throws -> [UpdateOutcome] {
        let started = Date()
        let outcomes = try store.write { s -> [UpdateOutcome] in
            let workflow = Workflow(timeZone: try s.timeZone(), skipIdentical: true)
            var out: [UpdateOutcome] = []
            for (i, var u) in updates.enumerated() {
                let prefix = numbered ? "update \(i + 1): " : ""
                let team = try s.team(of: ItemKey(entity: u.entity, id: u.id, projectID: u.projectID))
                guard account.mayRecord(itemOfTeam: team?.id) else {
                    throw AccessError(
                        .forbidden,
                        prefix
                            + (account.role == .team
                                ? "\(u.entity.rawValue) \(u.id) in \(u.projectID) is not assigned to your team"
                                : "a \(account.role.rawValue) account records no progress"))
                }
                u.by = account.recorder
                u.team = account.role == .team ? account.teamID : nil
                do {
                    out.append(try workflow.apply(u, in: s))
                } catch let e as WorkflowError {
                    throw WorkflowError(e.code, prefix + e.message)
                }
            }
            return out
        }
        logger.info("status: \(outcomes.count) update(s) by \(account.name) in \(elapsed(since: started))")
        return outcomes
    }

    /// Reads a status CSV and applies every row in one transaction, or none: every bad row is
    /// reported with its line. Rows whose effect is already recorded are skipped (re-importing a file
    /// changes nothing).
    /// - Parameters:
    ///   - dryRun: check every row against the workflow and roll back; the summary says what would happen.
    ///   - defaultBy: who recorded rows whose `by` column is empty.
    ///   - progress: told the rows applied of the rows read.
    /// - Throws: `FormatError` for a file that is not a status CSV; `ImportError` listing every bad row.
    public static func importCSV(
        _ bytes: [UInt8], file: String, defaultBy: String?, encoding: TextEncoding? = nil, dryRun: Bool, store: any LandStore,
        logger: Logger, progress: ProgressHandler? = nil
    ) throws -> StatusCSV.Summary {
        let started = Date()
        let timeZone = try store.read { try $0.timeZone() }
        let (rows, diagnostics) = try StatusCSV.read(bytes, file: file, defaultBy: defaultBy, timeZone: timeZone, encoding: encoding)
        logger.info("status import: read \(rows.count) row(s) of \(file) in \(elapsed(since: started))")
        let body: (any StoreSession) throws -> StatusCSV.Summary = { s in
            let workflow = Workflow(timeZone: timeZone, skipRecorded: true)
            return try StatusCSV.apply(rows, diagnostics: diagnostics, file: file, workflow: workflow, in: s, progress: progress)
        }
        var summary = dryRun ? try store.dryRun(body) : try store.write(body)
        summary.dryRun = dryRun
        logger.info("status import: \(summary.applied) applied, \(summary.skipped.count) skipped in \(elapsed(since: started))")
        return summary
    }

    /// An item's timeline, oldest first.
    /// A deleted feature (e.g. in QGIS) still has its timeline.
    /// - Throws: `WorkflowError.unknownItem` when no such feature exists or ever had an event.
    public static func history(_ entity: EntityKind, id: String, projectID: String?, store: any LandStore) throws -> ItemHistory {
        try store.read { s in
            let events = try s.events(entity: entity, id: id, projectID: projectID)
            guard try !events.isEmpty || s.featureExists(entity, id: id) else {
                throw WorkflowError(.unknownItem, "unknown \(entity.rawValue) id \(id)")
            }
            return ItemHistory(events: events, timeZone: try s.timeZone())
        }
    }
}

/// The recorded changes of one item, and the time zone to show them in.
public struct ItemHistory: Sendable {
    public var events: [Event]
    public var timeZone: String
}

/// "0.42 s", for log lines.
func elapsed(since start: Date) -> String {
    String(format: "%.2f s", Date().timeIntervalSince(start))
}
