import Foundation
import Logging

/// The leaders' view: reports and maps, as of any date.
public enum ReportUseCases {
    /// Builds the progress report: current statuses from the item cache, past dates from the event log.
    /// - Parameters:
    ///   - asOf: the end of this local date (nil: now).
    ///   - since: also the change since the end of this date (must not be after `asOf`).
    ///   - includeClosed: also projects closed by then.
    ///   - breakdown: also each project by section or team.
    /// - Throws: `WorkflowError` for an unknown project or dates in the wrong order.
    public static func report(
        store: any LandStore, asOf: LocalDate?, since: LocalDate?, projectID: String?, unmasked: Bool, includeClosed: Bool = false,
        breakdown: ReportBreakdown? = nil, logger: Logger
    ) throws -> ProgressReport {
        if let a = asOf, let s = since, s > a { throw WorkflowError(.invalidInput, "the since date \(s) is after the as-of date \(a)") }
        let started = Date()
        let report = try store.read { s -> ProgressReport in
            let builder = ReportBuilder(
                timeZone: try s.timeZone(), unmasked: unmasked, breakdown: breakdown, storageCRS: store.storageCRS)
            var report = try builder.build(
                s, asOf: asOf, since: since, projectID: projectID, unionRequiredSquareMetres: try s.unionRequiredSquareMetres() ?? 0,
                includeClosed: includeClosed)
            // Figures computed before a change of features or red lines are stale until overlaps run again.
            let dirty = try s.hasDirtyFeatures() ? Set(report.projects.map(\.id)) : try s.dirtyProjectIDs()
            report.staleProjects = report.projects.map(\.id).filter { dirty.contains($0) }
            return report
        }
        logger.info("report: \(report.projects.count) project(s) built in \(elapsed(since: started))")
        return report
    }

    /// One project's map data, statuses as of the end of `asOf` (nil: now).
    /// - Throws: `WorkflowError.unknownProject`.
    public static func mapData(store: any LandStore, projectID: String, asOf: LocalDate?) throws -> MapData {
        let crs = store.storageCRS
        return try store.read { s in
            let tz = try s.timeZone()
            return try MapData.load(s, projectID: projectID, asOf: asOf, today: ReportBuilder(timeZone: tz).today(), timeZone: tz, crs: crs)
        }
    }

    /// The SVG map of every project of a report, past statuses derived once for all maps.
    /// - Parameter standalone: also render each map as a file of its own (with title and XML declaration).
    /// - Returns: the maps by project id.
    public static func maps(for report: ProgressReport, store: any LandStore, asOf: LocalDate?, standalone: Bool) throws -> [String:
        RenderedMap]
    {
        let crs = store.storageCRS
        return try store.read { s -> [String: RenderedMap] in
            let tz = try s.timeZone()
            let statuses = try asOf.map { try Workflow.statuses(asOf: $0, timeZone: tz, in: s) }
            var maps: [String: RenderedMap] = [:]
            for p in report.projects {
                let data = try MapData.load(s, projectID: p.id, statuses: statuses, date: report.asOf, crs: crs)
                var options = MapOptions()
                options.idPrefix = "map\(maps.count)"
                options.showTitle = false
                options.showSections = report.breakdown == .section
                maps[p.id] = RenderedMap(
                    embedded: ProjectMap.svg(data, options: options), standalone: standalone ? ProjectMap.file(ProjectMap.svg(data)) : nil)
            }
            return maps
        }
    }

    /// The HTML dashboard: the report with every project's map inlined.
    public static func dashboard(_ report: ProgressReport, store: any LandStore, asOf: LocalDate?) throws -> String {
        HTMLDashboard.render(report, maps: try maps(for: report, store: store, asOf: asOf, standalone: false).mapValues(\.embedded))
    }
}

/// A project's map for one HTML page and, when asked for, as a file of its own.
public struct RenderedMap: Sendable {
    /// For one HTML page: a unique id prefix, no title (the page's card has it).
    public var embedded: String
    /// A standalone file with its title and XML declaration.
    public var standalone: String?
}

extension ProjectMap {
    /// A standalone SVG file says its encoding; maps inlined in a page must not.
    public static func file(_ svg: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg
    }
}
