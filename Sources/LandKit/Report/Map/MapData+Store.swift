extension MapData {
    /// Loads a project's map from a store, inside the caller's read transaction.
    ///
    /// Items out of the zone (kept because they had progressed) are left out, as in the report.
    /// - Parameters:
    ///   - session: an open read (or write) session.
    ///   - projectID: the project to draw.
    ///   - asOf: statuses at the end of this local date, derived from the event log; nil: current statuses, dated `today`.
    ///   - today: the date printed on a map of current statuses.
    ///   - timeZone: the database's time zone (for `asOf`).
    ///   - crs: the storage CRS (projected, metres), for the red line.
    /// - Throws: `WorkflowError` for an unknown project; store, geometry or overlap errors.
    public static func load(
        _ session: any StoreSession, projectID: String, asOf: LocalDate?, today: LocalDate,
        timeZone: String = Timestamps.defaultTimeZone, crs: CRS
    ) throws -> MapData {
        let past = try asOf.map { try Workflow.statuses(asOf: $0, timeZone: timeZone, in: session) }
        return try load(session, projectID: projectID, statuses: past, date: asOf ?? today, crs: crs)
    }

    /// Loads a project's map with statuses already derived (one pass over the event log serves
    /// every project of a report).
    /// - Parameters:
    ///   - statuses: statuses at `date` from ``Workflow/statuses(asOf:timeZone:in:)``; nil: the current (cached) statuses.
    ///   - date: the date printed on the map.
    ///   - crs: the storage CRS (projected, metres), for the red line.
    public static func load(
        _ session: any StoreSession, projectID: String, statuses past: [ItemKey: ItemStatus]?, date: LocalDate, crs: CRS
    ) throws -> MapData {
        guard let project = try session.project(id: projectID) else {
            throw WorkflowError(.unknownProject, "no project \(projectID)")
        }
        // As of a past date, the red line of that date and the items computed against it.
        let end = past == nil ? nil : Timestamps.endOfDay(date, timeZone: try session.timeZone())
        let inEffect = try session.redLine(of: project, at: end)
        let zones = inEffect.zones
        let red: RedLine? = zones.isEmpty ? nil : try ProjectOverlaps.redLine(of: zones, crs: crs)
        let redLine: Geometry = red?.geometry ?? .multiPolygon([])
        func status(_ item: ProjectItem) -> MapStatus {
            guard let past else { return MapStatus(item.status) }
            return MapStatus(past[ItemKey(entity: item.entity, id: item.id, projectID: item.projectID)] ?? .initial(item.entity))
        }
        let items = inEffect.items.filter { !$0.outOfZone }

        // Parcels: the lean shape query (id and geometry, keyed by id), not whole parcel records.
        let land = items.filter { $0.entity == .parcel }
        let byID = Dictionary(land.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var parcels: [MapParcel] = []
        parcels.reserveCapacity(land.count)
        try session.forEachParcelBatch(batchSize: 10_000, ids: land.map(\.id)) { batch in
            for p in batch {
                if let item = byID[p.id] { parcels.append(MapParcel(id: p.id, geometry: try p.source.value(), status: status(item))) }
            }
        }

        var households: [MapHousehold] = []
        for item in items where item.entity == .household {
            guard let b = try session.building(id: item.id) else { continue }
            households.append(
                MapHousehold(id: b.id, geometry: b.geometry, position: item.position ?? .inside, status: status(item)))
        }
        var utilities: [MapUtility] = []
        for item in items where item.entity == .utility {
            guard let u = try session.utility(id: item.id) else { continue }
            utilities.append(MapUtility(id: u.id, name: u.name, geometry: u.geometry, status: status(item)))
        }
        let sections = try session.sections(projectID: project.id).compactMap { s -> MapSection? in
            guard case .polygon(let g) = s.extent else { return nil }
            return MapSection(id: s.id, name: s.name, geometry: g)
        }
        return MapData(
            projectID: project.id, projectName: project.name, date: date, redLine: redLine,
            parcels: parcels, households: households, utilities: utilities, sections: sections)
    }
}
