import Foundation

/// What one `overlaps` run recomputed.
public struct OverlapRunSummary: Sendable {
    public var projectsComputed: [String] = []
    public var parcelsExamined = 0
    public var buildingsExamined = 0
    public var utilitiesExamined = 0
    /// Items that progressed in the workflow and no longer overlap: kept, marked out of zone.
    public var newlyOutOfZone: [(EntityKind, String, String)] = []
    /// What each red-line revision did, for projects whose red line changed since their items were computed.
    public var revisions: [RevisionDiff] = []
    public var diagnostics: [Diagnostic] = []
    /// True when nothing was stale.
    public var nothingToDo: Bool { projectsComputed.isEmpty }
    /// True when the run looked at every project, so that every stored item is current after it.
    var coversAllProjects = false
    /// This run's land results per project: parcel id → its overlap, nil when it no longer has one
    /// in zone (what the deferred writes will store; the union total reads them).
    var landResults: [String: [(String, LandOverlap?)]] = [:]
}

/// Keeps the stored per-project items (land, households, utilities) in step with the zones and
/// features: recomputes only what is stale (a project whose zones changed: all features; a feature
/// whose geometry changed: that feature against every project).
public struct ProjectOverlaps {
    public var configuration: OverlapEngine.Configuration
    /// Parcels per batch streamed from the store.
    public var batchSize = 10_000
    /// Told the projects done of the projects to look at.
    public var progress: ProgressHandler?

    public init(configuration: OverlapEngine.Configuration = .init()) {
        self.configuration = configuration
    }

    /// The red line of a project: its zones dissolved, in the storage CRS.
    public static func redLine(of zones: [Zone], crs: CRS) throws -> RedLine {
        try RedLine(zones: zones.map(\.geometry), crs: crs)
    }

    /// Recomputes what is stale, inside the caller's write transaction.
    /// - Parameter projectID: only this project (features stay marked stale for the others).
    public func update(_ session: any StoreSession, crs: CRS, projectID: String? = nil) throws -> OverlapRunSummary {
        var summary = OverlapRunSummary()
        let all = try session.projects()
        let projects =
            try projectID.map { id in
                guard let p = all.first(where: { $0.id == id }) else { throw OverlapError("no project \(id): see `landkit project list`") }
                return [p]
            } ?? all
        let dirtyProjects = try session.dirtyProjectIDs()
        let dirtyFeatures = try session.hasDirtyFeatures()
        for (n, project) in projects.enumerated() {
            progress?(n, projects.count)
            defer { progress?(n + 1, projects.count) }
            let full = dirtyProjects.contains(project.id)
            guard full || dirtyFeatures else { continue }
            summary.projectsComputed.append(project.id)
            let zones = try session.zones(projectID: project.id)
            let engine: OverlapEngine? =
                zones.isEmpty ? nil : try OverlapEngine(redLine: try Self.redLine(of: zones, crs: crs), configuration: configuration)
            defer { engine?.close() }
            let revised = full && project.itemsRevision.map { $0 != project.redLineRevision } == true
            let before = revised ? try session.items(projectID: project.id, entity: nil) : []
            var saved: [ProjectItem] = []
            try updateParcels(session, project: project.id, engine: engine, onlyDirty: !full, summary: &summary, saved: &saved)
            try updateBuildings(session, project: project.id, engine: engine, onlyDirty: !full, summary: &summary, saved: &saved)
            try updateUtilities(session, project: project.id, engine: engine, onlyDirty: !full, summary: &summary, saved: &saved)
            if revised, let from = project.itemsRevision {
                summary.revisions.append(
                    RevisionDiff(
                        projectID: project.id, fromRevision: from, toRevision: project.redLineRevision, before: before, after: saved))
            }
            try session.markProjectClean(project.id)
        }
        if projectID == nil || projects.count == all.count {
            try session.markFeaturesClean()
            summary.coversAllProjects = true
        }
        return summary
    }

    /// The engine's diagnostics name shapes by their position in a batch: say which feature and project instead.
    static func located(_ diagnostics: [Diagnostic], ids: [String], entity: EntityKind, project: String) -> [Diagnostic] {
        diagnostics.map { d in
            var d = d
            if let key = d.feature.flatMap(Int.init), ids.indices.contains(key) {
                d.feature = ids[key]
                d.message = "\(entity.rawValue) \(ids[key]) in project \(project): " + d.message
                d.feature = nil
            }
            return d
        }
    }

    /// An item no longer overlapping: removed if it never progressed, else kept and marked out of zone.
    private func retire(_ session: any StoreSession, _ item: ProjectItem, summary: inout OverlapRunSummary) throws {
        let history = try session.events(entity: item.entity, id: item.id, projectID: item.projectID).filter { $0.projectID != nil }
        let progressed = item.status != .initial(item.entity) || !history.isEmpty
        if progressed {
            guard !item.outOfZone else { return }
            try session.setOutOfZone(item.entity, id: item.id, projectID: item.projectID, true)
            try session.append(
                Event(
                    at: Timestamps.now(), by: "overlaps", entity: item.entity, entityID: item.id, projectID: item.projectID,
                    action: .outOfZone, note: "no longer inside the red line; kept because it had progressed"))
            summary.newlyOutOfZone.append((item.entity, item.id, item.projectID))
        } else {
            try session.removeItem(item.entity, id: item.id, projectID: item.projectID)
        }
    }

    private func existing(_ session: any StoreSession, _ project: String, _ entity: EntityKind) throws -> [String: ProjectItem] {
        Dictionary(uniqueKeysWithValues: try session.items(projectID: project, entity: entity).map { ($0.id, $0) })
    }

    private func updateParcels(
        _ session: any StoreSession, project: String, engine: OverlapEngine?, onlyDirty: Bool, summary: inout OverlapRunSummary,
        saved: inout [ProjectItem]
    ) throws {
        let before = try existing(session, project, .parcel)
        // Only what needs writing is kept: overlapping parcels, and examined parcels that had an item.
        var results: [(String, LandOverlap?)] = []
        var seenBefore = Set<String>()
        func examine(_ batch: [StoredParcelShape]) throws {
            summary.parcelsExamined += batch.count
            var found: [Int64: ParcelOverlap] = [:]
            if let engine {
                let out = try engine.parcels(batch.enumerated().map { i, p in p.shape(key: Int64(i)) })
                summary.diagnostics += Self.located(out.diagnostics, ids: batch.map(\.id), entity: .parcel, project: project)
                for o in out.overlaps { found[o.key] = o }
            }
            for (i, p) in batch.enumerated() {
                let hadItem = before[p.id] != nil
                if hadItem { seenBefore.insert(p.id) }
                if let o = found[Int64(i)] {
                    results.append(
                        (
                            p.id,
                            LandOverlap(
                                squareMetres: o.overlapSquareMetres, planarSquareMetres: o.overlapPlanarSquareMetres, fraction: o.fraction,
                                sliver: o.isSliver)
                        ))
                } else if hadItem {
                    results.append((p.id, nil))
                }
            }
        }
        if onlyDirty {
            try session.forEachParcelBatch(batchSize: batchSize, onlyDirty: true, examine)
        } else if let engine, engine.redLine.envelope != nil {
            // A full recompute reads only the parcels whose boxes meet the boxes covering the red
            // line's tiles (R-tree); items of parcels farther away no longer overlap.
            try session.forEachParcelBatch(batchSize: batchSize, within: engine.coverage, examine)
            for id in before.keys where !seenBefore.contains(id) { results.append((id, nil)) }
        } else {
            results += before.keys.map { ($0, nil) }
        }
        // Written in id order whatever order the store read them in (events come out the same).
        results.sort { $0.0 < $1.0 }
        summary.landResults[project, default: []] += results
        for (id, overlap) in results {
            if let land = overlap {
                var item = before[id] ?? ProjectItem(id: id, projectID: project, overlap: .land(land))
                item.overlap = .land(land)
                item.outOfZone = false
                try session.saveOverlap(item)
                saved.append(item)
                if let old = before[id], old.outOfZone {
                    try session.append(
                        Event(at: Timestamps.now(), by: "overlaps", entity: .parcel, entityID: id, projectID: project, action: .inZone))
                }
            } else if let old = before[id] {
                try retire(session, old, summary: &summary)
            }
        }
    }

    private func updateBuildings(
        _ session: any StoreSession, project: String, engine: OverlapEngine?, onlyDirty: Bool, summary: inout OverlapRunSummary,
        saved: inout [ProjectItem]
    ) throws {
        let before = try existing(session, project, .household)
        var buildings: [Building] = []
        if !onlyDirty, let box = engine?.redLine.envelope {
            try session.forEachBuilding(within: box) { buildings.append($0) }
            let seen = Set(buildings.map(\.id))
            for (id, old) in before.sorted(by: { $0.key < $1.key }) where !seen.contains(id) { try retire(session, old, summary: &summary) }
        } else if onlyDirty || engine != nil {
            try session.forEachBuilding(onlyDirty: onlyDirty) { buildings.append($0) }
        } else {
            for (_, old) in before.sorted(by: { $0.key < $1.key }) { try retire(session, old, summary: &summary) }
        }
        summary.buildingsExamined += buildings.count
        var found: [Int64: BuildingOverlap] = [:]
        if let engine, !buildings.isEmpty {
            let out = try engine.buildings(buildings.enumerated().map { BuildingShape(key: Int64($0), geometry: $1.geometry) })
            summary.diagnostics += Self.located(out.diagnostics, ids: buildings.map(\.id), entity: .household, project: project)
            for o in out.overlaps { found[o.key] = o }
        }
        for (i, b) in buildings.enumerated() {
            if let o = found[Int64(i)] {
                var item = before[b.id] ?? ProjectItem(id: b.id, projectID: project, overlap: .household(o.position))
                item.overlap = .household(o.position)
                item.outOfZone = false
                try session.saveOverlap(item)
                saved.append(item)
            } else if let old = before[b.id] {
                try retire(session, old, summary: &summary)
            }
        }
    }

    private func updateUtilities(
        _ session: any StoreSession, project: String, engine: OverlapEngine?, onlyDirty: Bool, summary: inout OverlapRunSummary,
        saved: inout [ProjectItem]
    ) throws {
        let before = try existing(session, project, .utility)
        var utilities: [Utility] = []
        try session.forEachUtility(onlyDirty: onlyDirty) { utilities.append($0) }
        summary.utilitiesExamined += utilities.count
        var found: [Int64: UtilityOverlap] = [:]
        if let engine, !utilities.isEmpty {
            let out = try engine.utilities(utilities.enumerated().map { UtilityShape(key: Int64($0), geometry: $1.geometry) })
            summary.diagnostics += Self.located(out.diagnostics, ids: utilities.map(\.id), entity: .utility, project: project)
            for o in out.overlaps { found[o.key] = o }
        }
        for (i, u) in utilities.enumerated() {
            if let o = found[Int64(i)] {
                var item = before[u.id] ?? ProjectItem(id: u.id, projectID: project, overlap: .utility(lengthMetres: o.lengthInsideMetres))
                item.overlap = .utility(lengthMetres: o.lengthInsideMetres)
                item.outOfZone = false
                try session.saveOverlap(item)
                saved.append(item)
            } else if let old = before[u.id] {
                try retire(session, old, summary: &summary)
            }
        }
    }

    /// Acquired land of all projects counted once: Σ over parcels of area(parcel ∩ ⋃ red lines), m²
    /// (ellipsoidal, planar).
    ///
    /// After a run that looked at every project (`run.coversAllProjects`), every item is current,
    /// so a parcel that is an in-zone item of one project only adds that item's overlap: its area in
    /// the other red lines is under the zero rule's 0.01 m² each, or it would be their item too.
    /// Only parcels that are items of two or more projects go through an engine on the union of the
    /// red lines. Otherwise (one project recomputed, others stale) every parcel near a red line does.
    public func unionRequired(_ session: any StoreSession, crs: CRS, after run: OverlapRunSummary? = nil) throws -> (
        ellipsoidal: Double, planar: Double
    ) {
        var zonesByProject: [[Zone]] = []
        var lands: [String: [LandOverlap]] = [:]
        let fromItems = run?.coversAllProjects == true
        for project in try session.projects() {
            let zones = try session.zones(projectID: project.id)
            if !zones.isEmpty { zonesByProject.append(zones) }
            guard fromItems else { continue }
            var current: [String: LandOverlap] = [:]
            for item in try session.items(projectID: project.id, entity: .parcel) where !item.outOfZone {
                current[item.id] = item.land
            }
            // This run's results replace the stored items (nil removes one that no longer overlaps).
            for (id, land) in run?.landResults[project.id] ?? [] { current[id] = land }
            for (id, land) in current { lands[id, default: []].append(land) }
        }
        guard !zonesByProject.isEmpty else { return (0, 0) }
        var e = 0.0, p = 0.0
        var shared: [String] = []
        for id in lands.keys.sorted() {  // one summation order, whatever the hashing
            guard let list = lands[id] else { continue }
            if list.count == 1 {
                e += list[0].squareMetres
                p += list[0].planarSquareMetres
            } else {
                shared.append(id)
            }
        }
        if fromItems && shared.isEmpty { return (e, p) }
        let union = try RedLine.union(try zonesByProject.map { try Self.redLine(of: $0, crs: crs) })
        guard union.envelope != nil else { return (e, p) }
        let engine = try OverlapEngine(redLine: union, configuration: configuration)
        defer { engine.close() }
        func add(_ batch: [StoredParcelShape]) throws {
            for o in try engine.parcels(batch.enumerated().map { i, x in x.shape(key: Int64(i)) }).overlaps {
                e += o.overlapSquareMetres
                p += o.overlapPlanarSquareMetres
            }
        }
        if fromItems {
            try session.forEachParcelBatch(batchSize: batchSize, ids: shared, add)
        } else {
            try session.forEachParcelBatch(batchSize: batchSize, within: engine.coverage, add)
        }
        return (e, p)
    }
}
