import Foundation

/// The red line of a project at some date, and the items computed against it.
public struct RedLineInEffect: Sendable {
    /// The revision: 0 before the first recorded change.
    public var revision: Int
    public var zones: [Zone]
    public var items: [ProjectItem]
    /// True when these are the project's current items (statuses cached), false for a kept revision.
    public var isCurrent: Bool
}

extension StoreSession {
    /// The red line in effect at `date` and the items computed against it.
    ///
    /// The revision in effect is the last red-line change at or before `date` (revision 0 before
    /// any). If no figures were computed against that revision (its red line was changed again before
    /// `overlaps` ran), the next revision that has figures is used: a report never falls back to
    /// figures of a later red line while those of an earlier one exist.
    /// - Parameter date: an instant (e.g. the end of a report's day); nil: now (the current items).
    public func redLine(of project: Project, at date: Date?) throws -> RedLineInEffect {
        if let kept = try keptRevision(of: project, at: date) {
            return RedLineInEffect(
                revision: kept.revision, zones: try zones(projectID: project.id, revision: kept.revision), items: kept.items,
                isCurrent: false)
        }
        return RedLineInEffect(
            revision: project.redLineRevision, zones: try zones(projectID: project.id),
            items: try items(projectID: project.id, entity: nil), isCurrent: true)
    }

    /// The kept revision (and its items) in effect at `date`, or nil when the current red line and
    /// items are the ones (``redLine(of:at:)`` says how the revision is chosen). Reports need only the
    /// items, so they call this and leave the zones undecoded.
    public func keptRevision(of project: Project, at date: Date?) throws -> (revision: Int, items: [ProjectItem])? {
        guard let date, project.redLineRevision > 0 else { return nil }
        let changes = try projectChanges(projectID: project.id).filter(\.action.revisesRedLine)
        let inEffect = changes.last(where: { $0.at <= date })?.revision ?? 0
        for r in inEffect..<project.redLineRevision {
            if let kept = try items(projectID: project.id, revision: r) { return (r, kept) }
        }
        return nil
    }
}

/// What a red-line revision did to a project's items, as the next `overlaps` found.
public struct RevisionDiff: Sendable, Equatable {
    public var projectID: String
    /// The revision the items were computed against before, and now.
    public var fromRevision: Int
    public var toRevision: Int
    public var parcelsAdded: [String] = []
    public var parcelsRemoved: [String] = []
    /// Parcels still in the red line whose acquired area changed (by more than 0.01 m²).
    public var parcelsChanged: [String] = []
    /// Ellipsoidal land in the red line after − before, m².
    public var deltaSquareMetres: Double = 0
    public var becameInside: [String] = []
    public var becameEdge: [String] = []
    /// Households that were inside or on the edge and no longer are.
    public var becameOutside: [String] = []
    public var utilitiesAdded: [String] = []
    public var utilitiesRemoved: [String] = []

    public var deltaMu: Double { AreaUnit.mu(squareMetres: deltaSquareMetres) }

    /// Compares the items in the red line before and after.
    public init(projectID: String, fromRevision: Int, toRevision: Int, before: [ProjectItem], after: [ProjectItem]) {
        self.projectID = projectID
        self.fromRevision = fromRevision
        self.toRevision = toRevision
        func inZone(_ items: [ProjectItem], _ e: EntityKind) -> [String: ProjectItem] {
            Dictionary(items.filter { $0.entity == e && !$0.outOfZone }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let (p0, p1) = (inZone(before, .parcel), inZone(after, .parcel))
        parcelsAdded = p1.keys.filter { p0[$0] == nil }.sorted()
        parcelsRemoved = p0.keys.filter { p1[$0] == nil }.sorted()
        parcelsChanged = p1.keys.filter { id in
            guard let a = p0[id], let b = p1[id] else { return false }
            return abs(a.overlapSquareMetres - b.overlapSquareMetres) > 0.01
        }.sorted()
        deltaSquareMetres = p1.values.reduce(0) { $0 + $1.overlapSquareMetres } - p0.values.reduce(0) { $0 + $1.overlapSquareMetres }
        let (h0, h1) = (inZone(before, .household), inZone(after, .household))
        for (id, h) in h1 where h0[id]?.position != h.position {
            if h.position == .edge { becameEdge.append(id) } else { becameInside.append(id) }
        }
        becameInside.sort()
        becameEdge.sort()
        becameOutside = h0.keys.filter { h1[$0] == nil }.sorted()
        let (u0, u1) = (inZone(before, .utility), inZone(after, .utility))
        utilitiesAdded = u1.keys.filter { u0[$0] == nil }.sorted()
        utilitiesRemoved = u0.keys.filter { u1[$0] == nil }.sorted()
    }
}
