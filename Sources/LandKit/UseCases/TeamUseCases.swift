import Foundation

/// Teams (拆迁组), sections (标段) and who works what: the use cases behind `landkit team`,
/// `section`, `assign` and `items`.
public enum TeamUseCases {
    /// Adds a team.
    /// - Throws: `WorkflowError(.invalidInput)` for an empty id or name; `StoreError(.alreadyExists)`.
    public static func addTeam(store: any LandStore, _ team: Team) throws {
        guard Self.isIdentifier(team.id) else {
            throw WorkflowError(.invalidInput, "team id \"\(team.id)\" may only hold letters, digits, '-' and '_'")
        }
        guard !team.name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw WorkflowError(.invalidInput, "team \(team.id): the name cannot be empty")
        }
        try store.write { try $0.add(team) }
    }

    /// Adds a section to a project.
    /// - Throws: `WorkflowError` (unknown project, a parcel list naming a parcel not in the project).
    public static func addSection(store: any LandStore, _ section: Section) throws {
        guard Self.isIdentifier(section.id) else {
            throw WorkflowError(.invalidInput, "section id \"\(section.id)\" may only hold letters, digits, '-' and '_'")
        }
        try store.write { s in
            guard try s.project(id: section.projectID) != nil else {
                throw WorkflowError(.unknownProject, "no project \(section.projectID)")
            }
            if case .parcels(let ids) = section.extent {
                let known = Set(try s.items(projectID: section.projectID, entity: .parcel).map(\.id))
                let unknown = ids.filter { !known.contains($0) }
                guard unknown.isEmpty else {
                    throw WorkflowError(
                        .notInProject,
                        "section \(section.id): \(unknown.count) parcel(s) are not items of \(section.projectID): \(unknown.prefix(5).joined(separator: ", "))"
                    )
                }
            }
            try s.add(section)
        }
    }

    /// Which items to assign.
    public enum Selection: Sendable {
        case ids(EntityKind, [String])
        /// Every item (of every kind) in the section.
        case section(String)
        /// Every item whose feature lies in the village (村).
        case village(String)
    }

    /// Assigns items of a project to a team, all or nothing.
    /// - Returns: how many items were assigned.
    /// - Throws: `WorkflowError` (unknown project, team or item; a selection that matches nothing).
    @discardableResult
    public static func assign(store: any LandStore, _ selection: Selection, projectID: String, team: String, by: String?) throws -> Int {
        let crs = store.storageCRS
        return try store.write { s in
            guard let project = try s.project(id: projectID) else { throw WorkflowError(.unknownProject, "no project \(projectID)") }
            guard let t = try s.team(named: team) else {
                throw WorkflowError(.invalidInput, "no team \(team): see `landkit team list`")
            }
            let items = try s.items(projectID: projectID, entity: nil)
            var keys: [ItemKey] = []
            switch selection {
            case .ids(let entity, let ids):
                let known = Set(items.filter { $0.entity == entity }.map(\.id))
                for id in ids {
                    guard known.contains(id) else {
                        throw WorkflowError(.notInProject, "\(entity.rawValue) \(id) is not an item of project \(projectID)")
                    }
                    keys.append(ItemKey(entity: entity, id: id, projectID: projectID))
                }
            case .section(let sectionID):
                let sections = try s.sections(projectID: projectID)
                guard sections.contains(where: { $0.id == sectionID }) else {
                    throw WorkflowError(.invalidInput, "project \(projectID) has no section \(sectionID)")
                }
                let membership = try Self.membership(items, project: project, sections: sections, session: s, crs: crs)
                keys = items.map { ItemKey(entity: $0.entity, id: $0.id, projectID: projectID) }.filter { membership[$0] == sectionID }
            case .village(let village):
                for i in items where try Self.village(of: i, s) == village {
                    keys.append(ItemKey(entity: i.entity, id: i.id, projectID: projectID))
                }
            }
            guard !keys.isEmpty else { throw WorkflowError(.invalidInput, "no items of \(projectID) match: nothing assigned") }
            let now = Timestamps.now()
            for k in keys { try s.assign(k, teamID: t.id, at: now, by: by) }
            return keys.count
        }
    }

    /// One item of a work list.
    public struct WorkItem: Sendable, Equatable {
        public var item: ProjectItem
        public var team: Team?
        public var section: Section?
        /// Where it is: village and group, or a utility's name.
        public var label: String?
        /// True while work is left: in the red line, not at the last stage, not deferred.
        public var isOpen: Bool { !item.outOfZone && !item.status.isDone && !item.status.deferred }
        public var next: Stage? { item.status.stage.next }
    }

    /// A team's (or everyone's) work: items with their stage, blocked since, next stage, team and section.
    /// - Parameters:
    ///   - team: only this team's items (id or name).
    ///   - open: only items with work left; `blocked`: only blocked items.
    public static func workList(
        store: any LandStore, projectID: String?, team: String?, open: Bool, blocked: Bool
    ) throws -> [WorkItem] {
        let crs = store.storageCRS
        return try store.read { s in
            let projects: [Project]
            if let projectID {
                guard let p = try s.project(id: projectID) else { throw WorkflowError(.unknownProject, "no project \(projectID)") }
                projects = [p]
            } else {
                projects = try s.projects().filter { $0.closedAt == nil }
            }
            let teams = Dictionary(try s.teams().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let wanted = try team.map { name -> Team in
                guard let t = try s.team(named: name) else {
                    throw WorkflowError(.invalidInput, "no team \(name): see `landkit team list`")
                }
                return t
            }
            let assigned = try s.assignments(projectID: projectID)
            var out: [WorkItem] = []
            for p in projects {
                let items = try s.items(projectID: p.id, entity: nil)
                let sections = try s.sections(projectID: p.id)
                let membership = try Self.membership(items, project: p, sections: sections, session: s, crs: crs)
                let byID = Dictionary(sections.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                for i in items {
                    let key = ItemKey(entity: i.entity, id: i.id, projectID: p.id)
                    let t = assigned[key].flatMap { teams[$0] }
                    if let wanted, t?.id != wanted.id { continue }
                    let w = WorkItem(item: i, team: t, section: membership[key].flatMap { byID[$0] }, label: try label(i, s))
                    if open && !w.isOpen { continue }
                    if blocked && i.status.blockedReason == nil { continue }
                    if i.outOfZone && i.status.closed { continue }
                    out.append(w)
                }
            }
            return out
        }
    }

    /// The section of every item of a project (``SectionMembership``).
    public static func membership(
        _ items: [ProjectItem], project: Project, sections: [Section], session s: any StoreSession, crs: CRS
    ) throws -> [ItemKey: String] {
        guard !sections.isEmpty else { return [:] }
        let zones = try s.zones(projectID: project.id)
        let redLine = zones.isEmpty ? nil : try ProjectOverlaps.redLine(of: zones, crs: crs).geometry
        return try SectionMembership().sections(of: items, sections: sections, redLine: redLine) { i in
            switch i.entity {
            case .parcel: try s.parcel(id: i.id)?.geometry
            case .household: try s.building(id: i.id)?.geometry
            case .utility: try s.utility(id: i.id)?.geometry
            }
        }
    }

    private static func village(of i: ProjectItem, _ s: any StoreSession) throws -> String? {
        switch i.entity {
        case .parcel: try s.parcel(id: i.id)?.village
        case .household: try s.building(id: i.id)?.village
        case .utility: nil
        }
    }

    private static func label(_ i: ProjectItem, _ s: any StoreSession) throws -> String? {
        switch i.entity {
        case .utility: return try s.utility(id: i.id)?.name
        case .parcel:
            guard let p = try s.parcel(id: i.id) else { return nil }
            return [p.village, p.group].compactMap { $0 }.joined().nilIfEmpty
        case .household:
            guard let b = try s.building(id: i.id) else { return nil }
            return [b.village, b.group].compactMap { $0 }.joined().nilIfEmpty
        }
    }

    static func isIdentifier(_ id: String) -> Bool {
        !id.isEmpty && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
