import Foundation
import LandKit

/// Renders the SVG map of every project of a report, deriving past statuses once for all maps.
enum ProjectMaps {
    struct Rendered {
        /// For one HTML page: a unique id prefix, no title (the page's card has it).
        var embedded: String
        /// A standalone file with its title and XML declaration (only when asked for).
        var standalone: String?
    }

    /// A standalone SVG file says its encoding; maps inlined in a page must not.
    static func file(_ svg: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg
    }

    /// - Parameter standalone: also render each map as a file of its own (the demo writes both).
    /// - Returns: the maps by project id.
    static func render(_ report: ProgressReport, store: any LandStore, asOf: LocalDate?, standalone: Bool) throws -> [String: Rendered] {
        let crs = store.storageCRS
        return try store.read { s -> [String: Rendered] in
            let tz = try s.timeZone()
            let statuses = try asOf.map { try Workflow.statuses(asOf: $0, timeZone: tz, in: s) }
            var maps: [String: Rendered] = [:]
            for p in report.projects {
                let data = try MapData.load(s, projectID: p.id, statuses: statuses, date: report.asOf, crs: crs)
                var options = MapOptions()
                options.idPrefix = "map\(maps.count)"
                options.showTitle = false
                maps[p.id] = Rendered(
                    embedded: ProjectMap.svg(data, options: options), standalone: standalone ? file(ProjectMap.svg(data)) : nil)
            }
            return maps
        }
    }
}
