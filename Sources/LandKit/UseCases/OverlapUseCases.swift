import Foundation
import Logging

/// Computing and listing what each project acquires: the use cases behind `landkit overlaps`.
public enum OverlapUseCases {
    /// What a run computed, and the land of all projects counted once.
    public struct Run: Sendable {
        public var summary: OverlapRunSummary
        /// Σ over parcels of area(parcel ∩ ⋃ red lines), ellipsoidal m².
        public var unionRequiredSquareMetres: Double
    }

    /// Recomputes what is stale (all of it for projects whose zones changed), stores the items, and
    /// keeps the all-projects total (land counted once) current.
    ///
    /// The computation runs in a read transaction, so it never holds the write lock: field teams can
    /// record progress meanwhile. Its writes are then applied in one short write transaction, if
    /// nothing it depends on changed in between (features, zones, projects, the event log); otherwise
    /// it computes again, and after three tries computes inside the write transaction.
    /// - Parameter progress: told the projects done of the projects to look at.
    public static func compute(
        store: any LandStore, projectID: String?, configuration: OverlapEngine.Configuration, logger: Logger,
        progress: ProgressHandler? = nil
    ) throws -> Run {
        let started = Date()
        var overlaps = ProjectOverlaps(configuration: configuration)
        overlaps.progress = progress
        let crs = store.storageCRS
        func body(_ s: any StoreSession) throws -> Run {
            let summary = try overlaps.update(s, crs: crs, projectID: projectID)
            logger.info(
                "overlaps: \(summary.projectsComputed.count) project(s), \(summary.parcelsExamined) parcels, \(summary.buildingsExamined) buildings, \(summary.utilitiesExamined) utilities examined in \(elapsed(since: started))"
            )
            var union = try s.unionRequiredSquareMetres()
            if !summary.nothingToDo || union == nil {
                let lap = Date()
                let total = try overlaps.unionRequired(s, crs: crs, after: summary).ellipsoidal
                try s.setUnionRequiredSquareMetres(total)
                union = total
                logger.info("overlaps: union of all red lines in \(elapsed(since: lap))")
            }
            return Run(summary: summary, unionRequiredSquareMetres: union ?? 0)
        }
        for attempt in 1...3 {
            let (before, deferred, run) = try store.read { s -> (Fingerprint, DeferredWrites, Run) in
                let deferred = DeferredWrites(reading: s)
                return (try Fingerprint(s), deferred, try body(deferred))
            }
            guard deferred.count > 0 else { return run }
            let lap = Date()
            let applied = try store.write { s -> Bool in
                guard try Fingerprint(s) == before else { return false }
                try deferred.replay(into: s)
                return true
            }
            if applied {
                logger.info("overlaps: \(deferred.count) write(s) applied in \(elapsed(since: lap))")
                return run
            }
            logger.info("overlaps: the data changed while computing (try \(attempt)); computing again")
        }
        return try store.write(body)
    }

    /// What a computation depends on: if any of it changed, its results are stale.
    struct Fingerprint: Equatable {
        var featureGeneration: String?
        var overlapsGeneration: String?
        var dirtyProjects: [String]
        var projects: [String]
        var lastEvent: Int64?

        init(_ s: any StoreSession) throws {
            featureGeneration = try s.meta("feature_generation")
            overlapsGeneration = try s.meta("overlaps_generation")
            dirtyProjects = try s.dirtyProjectIDs().sorted()
            projects = try s.projects().map(\.id)
            lastEvent = try s.recordedEventHead()?.lastID
        }
    }

    /// The stored items of one project or all, as `overlaps` lists them.
    /// - Throws: `WorkflowError.unknownProject`.
    public static func listing(store: any LandStore, projectID: String?) throws -> OverlapListing {
        try store.read { s in
            let projects: [Project]
            if let projectID {
                guard let p = try s.project(id: projectID) else { throw WorkflowError(.unknownProject, "no project \(projectID)") }
                projects = [p]
            } else {
                projects = try s.projects()
            }
            return OverlapListing(
                crs: store.storageCRS,
                projects: try projects.map { OverlapListing.ProjectItems(project: $0, items: try s.items(projectID: $0.id, entity: nil)) },
                unionRequiredSquareMetres: try s.unionRequiredSquareMetres() ?? 0)
        }
    }
}

/// Every project's items with their overlap figures.
public struct OverlapListing: Sendable {
    public var crs: CRS
    public var projects: [ProjectItems]
    /// Land of all projects counted once, ellipsoidal m².
    public var unionRequiredSquareMetres: Double

    public struct ProjectItems: Sendable {
        public var project: Project
        public var items: [ProjectItem]

        public var parcels: [ProjectItem] { items.filter { $0.entity == .parcel } }
        public var households: [ProjectItem] { items.filter { $0.entity == .household } }
        public var utilities: [ProjectItem] { items.filter { $0.entity == .utility } }
        /// Items still inside the red line.
        public var inZone: [ProjectItem] { items.filter { !$0.outOfZone } }
        /// Ellipsoidal m² of the land in zone.
        public var requiredSquareMetres: Double { inZone.reduce(0) { $0 + ($1.land?.squareMetres ?? 0) } }
        /// Planar m² of the same land.
        public var requiredPlanarSquareMetres: Double { inZone.reduce(0) { $0 + ($1.land?.planarSquareMetres ?? 0) } }
        public func households(_ position: BuildingPosition) -> Int { inZone.filter { $0.position == position }.count }
        /// Metres of utility lines in zone.
        public var utilityMetres: Double { inZone.reduce(0) { $0 + ($1.lengthMetres ?? 0) } }
        public var slivers: [ProjectItem] { parcels.filter { $0.land?.sliver == true } }
    }
}

extension StoreSession {
    /// The land of all projects counted once (ellipsoidal m²), as the last overlaps run stored it.
    public func unionRequiredSquareMetres() throws -> Double? {
        try meta(OverlapMetaKey.unionRequired).flatMap(Double.init)
    }

    /// Stores the all-projects total; only the overlaps use cases write it.
    func setUnionRequiredSquareMetres(_ m2: Double) throws {
        try setMeta(OverlapMetaKey.unionRequired, "\(m2)")
    }
}

enum OverlapMetaKey {
    static let unionRequired = "union_required_m2"
}
