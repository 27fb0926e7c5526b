import Foundation
import Logging

/// Projects and their red lines: editing, closing, and revising the red line (红线调整) with its
/// history kept. Every change is recorded in the event log, naming who made it.
public enum ProjectUseCases {
    /// What `edit` changes; nil leaves a field as it is.
    public struct Edit: Sendable {
        public var name: String?
        public var kind: ProjectKind?
        /// `.some(nil)` clears the due date.
        public var due: LocalDate??
        /// The rate table the project's compensation is estimated by (it must be imported).
        public var rates: String?

        public init(name: String? = nil, kind: ProjectKind? = nil, due: LocalDate?? = nil, rates: String? = nil) {
            self.name = name
            self.kind = kind
            self.due = due
            self.rates = rates
        }

        var isEmpty: Bool { name == nil && kind == nil && due == nil && rates == nil }
    }

    /// A change to a project's red line.
    public enum RedLineChange: Sendable {
        case add(Zone)
        case replace(Zone)
        case remove(projectID: String, zoneID: String)

        var projectID: String {
            switch self {
            case .add(let z), .replace(let z): z.projectID
            case .remove(let p, _): p
            }
        }

        var zoneID: String {
            switch self {
            case .add(let z), .replace(let z): z.id
            case .remove(_, let z): z
            }
        }

        var action: ProjectChangeAction {
            switch self {
            case .add: .zoneAdded
            case .replace: .zoneReplaced
            case .remove: .zoneRemoved
            }
        }
    }

    /// Adds a project.
    /// - Throws: `WorkflowError(.invalidInput)` for an id that is not letters, digits, '-' and '_';
    ///   `StoreError(.alreadyExists)`.
    public static func add(store: any LandStore, _ project: Project) throws {
        guard !project.id.isEmpty, project.id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw WorkflowError(.invalidInput, "project id \"\(project.id)\" may only hold letters, digits, '-' and '_'")
        }
        guard !project.name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw WorkflowError(.invalidInput, "project \(project.id): the name cannot be empty")
        }
        try store.write { try $0.add(project) }
    }

    /// Edits a project's name, kind, due date or rate table, in one transaction.
    /// - Throws: `WorkflowError` (unknown project, nothing to change), `CompensationError` (no such rate table).
    @discardableResult
    public static func edit(store: any LandStore, projectID: String, _ edit: Edit, by: String?, note: String?) throws -> Project {
        guard !edit.isEmpty else { throw WorkflowError(.invalidInput, "nothing to change in project \(projectID)") }
        return try store.write { s in
            var p = try existing(projectID, s)
            if let name = edit.name {
                guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw WorkflowError(.invalidInput, "project \(projectID): the name cannot be empty")
                }
                p.name = name
            }
            if let kind = edit.kind { p.kind = kind }
            if let due = edit.due { p.due = due }
            try s.update(p)
            if let rates = edit.rates {
                _ = try CompensationUseCases.rateTable(rates, in: s)
                try s.setProjectRates(projectID: projectID, name: rates)
            }
            try s.append(
                ProjectChange(
                    at: Timestamps.now(), by: by, projectID: projectID, action: .edited, revision: p.redLineRevision,
                    note: note ?? describe(edit)))
            return p
        }
    }

    /// Closes a project: it leaves current reports and stays in history and in reports as of earlier dates.
    /// - Throws: `WorkflowError` (unknown project, already closed, a time in the future).
    @discardableResult
    public static func close(store: any LandStore, projectID: String, at: Date?, by: String?, note: String?) throws -> Project {
        try store.write { s in
            var p = try existing(projectID, s)
            guard p.closedAt == nil else { throw WorkflowError(.invalidInput, "project \(projectID) is already closed") }
            let when = try checkedTime(at, projectID)
            p.closedAt = when
            try s.update(p)
            try s.append(ProjectChange(at: when, by: by, projectID: projectID, action: .closed, revision: p.redLineRevision, note: note))
            return p
        }
    }

    /// Reopens a closed project.
    @discardableResult
    public static func reopen(store: any LandStore, projectID: String, by: String?, note: String?) throws -> Project {
        try store.write { s in
            var p = try existing(projectID, s)
            guard p.closedAt != nil else { throw WorkflowError(.invalidInput, "project \(projectID) is not closed") }
            p.closedAt = nil
            try s.update(p)
            try s.append(
                ProjectChange(
                    at: Timestamps.now(), by: by, projectID: projectID, action: .reopened, revision: p.redLineRevision, note: note))
            return p
        }
    }

    /// Changes a project's red line. The red line and items before the change are kept as a revision,
    /// so reports as of earlier dates still use them; the next `overlaps` recomputes the project and
    /// says what the revision did (``RevisionDiff``).
    ///
    /// When the project's items are stale (features or zones changed since `overlaps`), they are
    /// computed first, so the kept revision holds the figures of the red line it replaces.
    /// - Parameters:
    ///   - at: when the change takes effect (nil: now); not before the project's last red-line change.
    ///   - note: why; required for a replacement or removal.
    /// - Throws: `WorkflowError`, `StoreError` (no such zone, a zone that exists already).
    @discardableResult
    public static func revise(
        store: any LandStore, _ change: RedLineChange, at: Date?, by: String?, note: String?,
        configuration: OverlapEngine.Configuration = .init(), logger: Logger
    ) throws -> ProjectChange {
        let projectID = change.projectID
        if case .add = change {
        } else {
            guard !(note ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
                throw WorkflowError(.noteRequired, "zone \(change.zoneID) of \(projectID): a red-line revision needs a note saying why")
            }
        }
        let stale = try store.read { s -> Bool in
            let p = try existing(projectID, s)
            guard p.itemsRevision != nil else { return false }
            return try s.dirtyProjectIDs().contains(projectID) || s.hasDirtyFeatures()
        }
        if stale {
            logger.info("zone: computing the overlaps of \(projectID) first, to keep the figures of the red line before the revision")
            _ = try OverlapUseCases.compute(store: store, projectID: projectID, configuration: configuration, logger: logger)
        }
        return try store.write { s in
            let p = try existing(projectID, s)
            let when = try checkedTime(at, projectID)
            if let last = try s.projectChanges(projectID: projectID).last(where: \.action.revisesRedLine), when < last.at {
                throw WorkflowError(
                    .invalidTime,
                    "zone \(change.zoneID) of \(projectID): the change cannot take effect at \(Timestamps.display(when)), before the red line's last change (\(Timestamps.display(last.at)))"
                )
            }
            try s.beginRedLineRevision(projectID: projectID)
            switch change {
            case .add(let z): try s.add(z)
            case .replace(let z): try s.replace(z)
            case .remove(let pid, let zid): try s.removeZone(projectID: pid, zoneID: zid)
            }
            var c = ProjectChange(
                at: when, by: by, projectID: projectID, zoneID: change.zoneID, action: change.action, revision: p.redLineRevision + 1,
                note: note)
            c.seq = try s.append(c)
            return c
        }
    }

    private static func existing(_ id: String, _ s: any StoreSession) throws -> Project {
        guard let p = try s.project(id: id) else { throw WorkflowError(.unknownProject, "no project \(id)") }
        return p
    }

    private static func checkedTime(_ at: Date?, _ projectID: String) throws -> Date {
        let now = Timestamps.now()
        guard let at else { return now }
        guard at <= now.addingTimeInterval(Workflow.futureTolerance) else {
            throw WorkflowError(.futureTime, "project \(projectID): time \(Timestamps.display(at)) is in the future")
        }
        return Timestamps.millisecond(at)
    }

    private static func describe(_ e: Edit) -> String {
        var parts: [String] = []
        if let n = e.name { parts.append("name: \(n)") }
        if let k = e.kind { parts.append("kind: \(k.rawValue)") }
        if let d = e.due { parts.append("due: \(d.map(\.description) ?? "none")") }
        if let r = e.rates { parts.append("rates: \(r)") }
        return parts.joined(separator: "; ")
    }
}
