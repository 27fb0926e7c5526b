import Foundation

/// Builds a ``ProgressReport`` from a store: current statuses from the item cache, past dates
/// (`asOf`, `since`) derived from the event log.
public struct ReportBuilder {
    public var timeZone: String
    /// Show personal data (household heads) in full.
    public var unmasked: Bool
    /// Break every project down by section or team (``ProjectProgress/parts``).
    public var breakdown: ReportBreakdown?
    /// The storage CRS, for placing items in sections (needed with `breakdown` `.section`).
    public var storageCRS: CRS?

    public init(
        timeZone: String = Timestamps.defaultTimeZone, unmasked: Bool = false, breakdown: ReportBreakdown? = nil, storageCRS: CRS? = nil
    ) {
        self.timeZone = timeZone
        self.unmasked = unmasked
        self.breakdown = breakdown
        self.storageCRS = storageCRS
    }

    /// Today in the database's time zone.
    public func today() -> LocalDate {
        LocalDate(Date(), timeZone: TimeZone(identifier: timeZone) ?? Timestamps.chinaStandardTime)
    }

    /// - Parameters:
    ///   - asOf: the report date (end of that local day); nil: now.
    ///   - since: also report the change since the end of that date.
    ///   - projectID: one project, or all.
    ///   - unionRequiredSquareMetres: the land of all projects counted once (from `overlaps`).
    ///   - includeClosed: also projects closed by the report date (a named project is always included).
    public func build(
        _ session: any StoreSession, asOf: LocalDate?, since: LocalDate?, projectID: String?, unionRequiredSquareMetres: Double,
        includeClosed: Bool = false
    ) throws -> ProgressReport {
        let date = asOf ?? today()
        let end = asOf.map { Timestamps.endOfDay($0, timeZone: timeZone) }
        var current: [ItemKey: ItemStatus]?
        if let asOf { current = try Workflow.statuses(asOf: asOf, timeZone: timeZone, in: session) }
        let before: [ItemKey: ItemStatus]? = try since.map { try Workflow.statuses(asOf: $0, timeZone: timeZone, in: session) }
        let projects: [Project]
        if let projectID {
            guard let p = try session.project(id: projectID) else {
                throw WorkflowError(.unknownProject, "no project \(projectID)")
            }
            projects = [p]
        } else {
            projects = try session.projects().filter { includeClosed || !$0.isClosed(at: end ?? Timestamps.now()) }
        }
        var out: [ProjectProgress] = []
        for p in projects {
            out.append(
                try project(
                    p, session: session, date: date, end: end, statuses: current, before: before,
                    sinceEnd: since.map { Timestamps.endOfDay($0, timeZone: timeZone) }))
        }
        var totals = ProgressReport.Totals(
            requiredMuUnion: AreaUnit.mu(squareMetres: unionRequiredSquareMetres), requiredMuSum: 0, clearedMuSum: 0,
            householdsInside: 0, householdsEdge: 0, demolished: 0, deferred: 0, utilityItems: 0, relocated: 0, openBlockers: 0)
        for p in out {
            totals.requiredMuSum += p.land.requiredMu
            totals.clearedMuSum += p.land.clearedMu
            totals.householdsInside += p.households.inside
            totals.householdsEdge += p.households.edge
            totals.demolished += p.households.demolished
            totals.deferred += p.households.deferred + p.deferredItems.filter { $0.entity != .household }.count
            totals.utilityItems += p.utilities.items
            totals.relocated += p.utilities.relocated
            totals.openBlockers += p.blockers.count
        }
        try addMoney(&out, session: session, asOf: asOf)
        let withMoney = out.compactMap(\.money)
        if !withMoney.isEmpty { totals.money = ProjectMoney.total(withMoney) }
        var report = ProgressReport(asOf: date, since: since, projects: out, totals: totals, breakdown: breakdown)
        for i in report.projects.indices {
            report.projects[i].narrativeZh = Narrative.chinese(report.projects[i])
            report.projects[i].narrativeEn = Narrative.english(report.projects[i])
        }
        return report
    }

    /// Budget, signed and paid of each project that has a rate table or agreements, at the end of `asOf`.
    func addMoney(_ projects: inout [ProjectProgress], session: any StoreSession, asOf: LocalDate?) throws {
        let summaries = try CompensationUseCases.moneySummaries(projectID: nil, asOf: asOf, in: session)
        let byProject = Dictionary(summaries.map { ($0.projectID, $0) }, uniquingKeysWith: { a, _ in a })
        var scans: [String: Int] = [:]
        for a in try session.attachments(projectID: nil, entity: nil, id: nil) where a.kind == .agreement {
            if let n = a.agreementNumber { scans["\(a.projectID)\u{0}\(n)", default: 0] += 1 }
        }
        for i in projects.indices {
            guard let m = byProject[projects[i].id], m.estimate != nil || m.agreements > 0 else { continue }
            projects[i].money = ProjectMoney(
                estimate: m.estimate, agreed: m.agreed, agreements: m.agreements, householdAgreements: m.householdAgreements, paid: m.paid,
                unpaid: m.unpaid.map { u in
                    let hidden = u.agreement.entity == .household && !unmasked
                    return .init(
                        entity: u.agreement.entity, id: u.agreement.entityID, agreement: u.agreement.number,
                        agreed: hidden ? nil : u.agreement.amount,
                        paid: hidden ? nil : u.paid, signed: LocalDate(u.agreement.at, timeZone: TimeZone(identifier: timeZone) ?? .gmt),
                        days: u.daysSinceSigning, scans: scans["\(projects[i].id)\u{0}\(u.agreement.number)"] ?? 0)
                })
        }
    }

    static func days(from a: LocalDate, to b: LocalDate) -> Int {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? cal.timeZone
        guard let da = cal.date(from: DateComponents(year: a.year, month: a.month, day: a.day)),
            let db = cal.date(from: DateComponents(year: b.year, month: b.month, day: b.day))
        else { return 0 }
        return cal.dateComponents([.day], from: da, to: db).day ?? 0
    }

    private func project(
        _ p: Project, session: any StoreSession, date: LocalDate, end: Date?, statuses: [ItemKey: ItemStatus]?,
        before: [ItemKey: ItemStatus]?, sinceEnd: Date?
    ) throws -> ProjectProgress {
        // As of a date, the red line of that date and the figures computed against it.
        let items = try session.keptRevision(of: p, at: end)?.items ?? session.items(projectID: p.id, entity: nil)
        var progress = try self.progress(
            p, items: items, session: session, date: date, end: end, statuses: statuses, before: before, sinceEnd: sinceEnd)
        guard let breakdown else { return progress }
        // Each part by the same rules as the whole, from the items in it.
        var groups: [String?: [ProjectItem]] = [:]
        var names: [String: String] = [:]
        switch breakdown {
        case .section:
            let sections = try session.sections(projectID: p.id)
            for s in sections { names[s.id] = s.name }
            let membership =
                try storageCRS.map { crs in
                    try TeamUseCases.membership(items, project: p, sections: sections, session: session, crs: crs)
                } ?? [:]
            for i in items { groups[membership[ItemKey(entity: i.entity, id: i.id, projectID: p.id)], default: []].append(i) }
        case .team:
            for t in try session.teams() { names[t.id] = t.name }
            let assigned = try session.assignments(projectID: p.id)
            for i in items { groups[assigned[ItemKey(entity: i.entity, id: i.id, projectID: p.id)], default: []].append(i) }
        }
        progress.parts = try groups.keys.sorted { ($0 == nil ? 1 : 0, $0 ?? "") < ($1 == nil ? 1 : 0, $1 ?? "") }.map { key in
            let part = try self.progress(
                p, items: groups[key] ?? [], session: session, date: date, end: end, statuses: statuses, before: before,
                sinceEnd: sinceEnd, whole: false)
            let none = breakdown == .section ? "（未分标段）" : "（未分配）"
            return ProjectProgress.Part(
                id: key, name: key.map { names[$0] ?? $0 } ?? none, land: part.land, households: part.households,
                utilities: part.utilities, blockers: part.blockers.count, open: part.open)
        }
        return progress
    }

    /// The progress of a project's `items` (all of them, or a part's when not `whole`: then the land
    /// classes and red-line revisions, which are the project's, are left out).
    private func progress(
        _ p: Project, items: [ProjectItem], session: any StoreSession, date: LocalDate, end: Date?, statuses: [ItemKey: ItemStatus]?,
        before: [ItemKey: ItemStatus]?, sinceEnd: Date?, whole: Bool = true
    ) throws -> ProjectProgress {
        func status(_ i: ProjectItem) -> ItemStatus {
            guard let statuses else { return i.status }
            return statuses[ItemKey(entity: i.entity, id: i.id, projectID: i.projectID)] ?? .initial(i.entity)
        }
        func status(before i: ProjectItem) -> ItemStatus? {
            before.map { $0[ItemKey(entity: i.entity, id: i.id, projectID: i.projectID)] ?? .initial(i.entity) }
        }
        let inZone = items.filter { !$0.outOfZone }
        func reached(_ s: ItemStatus, _ stage: Stage) -> Bool { s.stage.entity == stage.entity && s.stage.order >= stage.order }
        func reached(_ s: ItemStatus, _ stage: LandStage) -> Bool { reached(s, .land(stage)) }
        func reached(_ s: ItemStatus, _ stage: HouseholdStage) -> Bool { reached(s, .household(stage)) }
        func reached(_ s: ItemStatus, _ stage: UtilityStage) -> Bool { reached(s, .utility(stage)) }
        func sumMu(_ items: [ProjectItem]) -> Double { AreaUnit.mu(squareMetres: items.reduce(0) { $0 + $1.overlapSquareMetres }) }

        // Land
        let land = inZone.filter { $0.entity == .parcel }
        let requiredM2 = land.reduce(0) { $0 + $1.overlapSquareMetres }
        var stageMu: [LandStage: Double] = [:], reachedMu: [LandStage: Double] = [:]
        for st in LandStage.allCases {
            stageMu[st] = sumMu(land.filter { status($0).stage == .land(st) })
            reachedMu[st] = sumMu(land.filter { reached(status($0), st) })
        }
        let requiredMu = AreaUnit.mu(squareMetres: requiredM2)
        func pct(_ x: Double, _ of: Double) -> Double { of > 0 ? x / of * 100 : 0 }
        let cleared = reachedMu[.cleared] ?? 0, handed = reachedMu[.handedOver] ?? 0
        let byClass = try (whole ? session.landByClass(projectID: p.id) : []).map {
            ProjectProgress.LandClassShare(code: $0.code, name: $0.name, mu: AreaUnit.mu(squareMetres: $0.squareMetres))
        }

        // Households
        let houses = inZone.filter { $0.entity == .household }
        var hStage: [HouseholdStage: Int] = [:]
        for st in HouseholdStage.allCases { hStage[st] = houses.filter { status($0).stage == .household(st) }.count }
        let demolished = houses.filter { reached(status($0), HouseholdStage.demolished) }.count
        let deferredHouses = houses.filter { status($0).deferred && !reached(status($0), HouseholdStage.demolished) }

        // Utilities
        let utils = inZone.filter { $0.entity == .utility }
        var uStage: [UtilityStage: Int] = [:]
        for st in UtilityStage.allCases { uStage[st] = utils.filter { status($0).stage == .utility(st) }.count }
        let relocatedItems = utils.filter { reached(status($0), UtilityStage.relocated) }

        // Blockers and deferrals
        var blockers: [ProjectProgress.Blocker] = []
        var deferred: [ProjectProgress.DeferredItem] = []
        for i in inZone {
            let s = status(i)
            if let r = s.blockedReason {
                let since = s.blockedSince.map { Timestamps.localDate(of: $0, timeZone: timeZone) }
                blockers.append(
                    .init(
                        entity: i.entity, id: i.id, label: try label(i, session), reason: r, owner: r.owner, note: personal(s.blockedNote),
                        since: since, days: since.map { Self.days(from: $0, to: date) }))
            }
            if s.deferred && !s.isDone {
                deferred.append(.init(entity: i.entity, id: i.id, position: i.position, note: personal(s.deferredNote)))
            }
        }
        let exception: (ProjectItem) -> Bool = { status($0).blockedReason != nil || status($0).deferred }
        let open = ProjectProgress.Open(
            // Slivers (overlaps under the threshold, listed for review) are not work left.
            landMu: sumMu(land.filter { !reached(status($0), LandStage.cleared) && !exception($0) && $0.land?.sliver != true }),
            households: houses.filter { !reached(status($0), HouseholdStage.demolished) && !exception($0) }.count,
            utilities: utils.filter { !reached(status($0), UtilityStage.relocated) && !exception($0) }.count)

        var change: ProjectProgress.Change?
        if before != nil {
            let old: (ProjectItem) -> ItemStatus = { status(before: $0) ?? .initial($0.entity) }
            var c = ProjectProgress.Change(
                landReachedMu: [:], landReachedParcels: [:], householdsReached: [:], utilitiesReached: [:],
                newBlockers: inZone.filter { status($0).blockedReason != nil && old($0).blockedReason == nil }.count,
                resolvedBlockers: inZone.filter { status($0).blockedReason == nil && old($0).blockedReason != nil }.count,
                redLineRevisions: 0)
            for st in LandStage.allCases.dropFirst() {
                let now = land.filter { reached(status($0), st) }, then = land.filter { reached(old($0), st) }
                c.landReachedMu[st] = sumMu(now) - sumMu(then)
                c.landReachedParcels[st] = now.count - then.count
            }
            for st in HouseholdStage.allCases.dropFirst() {
                c.householdsReached[st] = houses.filter { reached(status($0), st) }.count - houses.filter { reached(old($0), st) }.count
            }
            for st in UtilityStage.allCases.dropFirst() {
                c.utilitiesReached[st] = utils.filter { reached(status($0), st) }.count - utils.filter { reached(old($0), st) }.count
            }
            if let sinceEnd, whole {
                let until = end ?? Timestamps.now()
                c.redLineRevisions = try session.projectChanges(projectID: p.id).filter {
                    $0.action.revisesRedLine && $0.at > sinceEnd && $0.at <= until
                }.count
            }
            change = c
        }

        return ProjectProgress(
            id: p.id, name: p.name, kind: p.kind, due: p.due, daysLeft: p.due.map { Self.days(from: date, to: $0) },
            land: .init(
                parcels: land.count, requiredSquareMetres: requiredM2, requiredMu: requiredMu, byClass: byClass, stageMu: stageMu,
                reachedMu: reachedMu,
                clearedMu: cleared, clearedPct: pct(cleared, requiredMu), handedOverMu: handed, handedOverPct: pct(handed, requiredMu)),
            households: .init(
                inside: houses.filter { $0.position != .edge }.count, edge: houses.filter { $0.position == .edge }.count, stage: hStage,
                signed: houses.filter { reached(status($0), HouseholdStage.agreed) }.count,
                vacated: houses.filter { reached(status($0), HouseholdStage.vacated) }.count,
                demolished: demolished, demolishedPct: houses.isEmpty ? 0 : Double(demolished) / Double(houses.count) * 100,
                deferred: deferredHouses.count, deferredEdge: deferredHouses.filter { $0.position == .edge }.count),
            utilities: .init(
                items: utils.count, lengthMetres: utils.reduce(0) { $0 + ($1.lengthMetres ?? 0) }, stage: uStage,
                relocated: relocatedItems.count, relocatedMetres: relocatedItems.reduce(0) { $0 + ($1.lengthMetres ?? 0) }),
            blockers: blockers.sorted { ($0.since ?? date, $0.id) < ($1.since ?? date, $1.id) }, deferredItems: deferred, change: change,
            outOfZone: items.count - inZone.count, open: open)
    }

    /// Free text people typed, with ID and phone numbers masked unless asked for in full.
    private func personal(_ text: String?) -> String? {
        unmasked ? text : text.map(PersonalData.maskNumbers(in:))
    }

    /// A name people know the item by.
    private func label(_ i: ProjectItem, _ session: any StoreSession) throws -> String? {
        switch i.entity {
        case .utility:
            return try session.utility(id: i.id)?.name
        case .household:
            guard let b = try session.building(id: i.id) else { return nil }
            let head = unmasked ? b.head : PersonalData.maskName(b.head)
            return [b.village, b.group, head.map { "\($0)户" }].compactMap { $0 }.joined()
        case .parcel:
            guard let p = try session.parcel(id: i.id) else { return nil }
            let place = [p.village, p.group].compactMap { $0 }.joined()
            return place.isEmpty ? nil : place
        }
    }
}
