import Foundation
import LandKit
import Logging
import Testing

@testable import LandKitStore

/// `report --by section|team` and `map --by section` on the sections world of ``TeamSectionTests``
/// (S1 22.5 mu and house HA, S2 18.75 mu, S3 3.75 mu: hand figures there). On top of it:
/// R0C5 (S2, row 0: 500 m² = 0.75 mu in the corridor) is cleared, so S2 is 0.75 / 18.75 = 4.0 %
/// cleared; R0C2 (S1) is blocked; S1 is assigned to team t1.
@Suite("Reports and maps by section and team")
struct SectionBreakdownTests {
    static let logger = Logger(label: "landkit.tests")

    static func world() throws -> RedLineRevisionTests.World {
        let w = try TeamSectionTests.world()
        _ = try TeamUseCases.assign(store: w.store, .section("S1"), projectID: "ave", team: "t1", by: "办公室")
        _ = try StatusUseCases.apply(
            [
                StatusUpdate(entity: .parcel, id: "R0C5", projectID: "ave", change: .set(.land(.cleared), force: true), note: "补录"),
                StatusUpdate(entity: .parcel, id: "R0C2", projectID: "ave", change: .block(.dispute)),
            ], store: w.store, logger: logger)
        return w
    }

    @Test("each section's figures follow from its items: mu, cleared %, households, blockers; the parts add up to the project")
    func bySection() throws {
        let w = try Self.world()
        let r = try ReportUseCases.report(
            store: w.store, asOf: nil, since: nil, projectID: "ave", unmasked: false, breakdown: .section, logger: Self.logger)
        let p = try #require(r.projects.first)
        let parts = try #require(p.parts)
        #expect(parts.map(\.id) == ["S1", "S2", "S3"])
        #expect(parts.map(\.name) == ["一标段", "二标段", "三标段"])
        #expect(parts.map(\.land.parcels) == [10, 9, 1])
        for (part, mu) in zip(parts, [22.5, 18.75, 3.75]) { #expect(abs(part.land.requiredMu - mu) < 1e-3) }
        #expect(abs(parts[1].land.clearedMu - 0.75) < 1e-4)
        #expect(abs(parts[1].land.clearedPct - 4.0) < 1e-3)
        #expect(parts.map(\.land.clearedMu).map { $0 < 1e-9 } == [true, false, true])
        #expect(parts.map(\.households.inside) == [1, 0, 0])
        #expect(parts.map(\.blockers) == [1, 0, 0])
        // Open land: everything not cleared and not blocked; R0C2 (blocked, 500 m²) is not open work.
        #expect(abs(parts[0].open.landMu - (22.5 - 0.75)) < 1e-3)
        #expect(abs(parts.reduce(0) { $0 + $1.land.requiredMu } - p.land.requiredMu) < 1e-9)

        let json = try ReportFormatter.json(r, lang: .zh)
        #expect(json.contains("\"by\" : \"section\""))
        #expect(json.contains("\"name\" : \"二标段\""))
        let text = ReportFormatter.text(r, lang: .zh)
        #expect(text.contains("分标段："))
        #expect(text.split(separator: "\n").contains { $0.contains("二标段") && $0.contains("18.75") && $0.contains("4.0") })
        let csv = ReportFormatter.csv(r).split(separator: "\n").map(String.init)
        #expect(csv[0].hasSuffix(",section,section_name"))
        // One project row (with empty part columns), then one row per section.
        #expect(csv.count == 1 + 1 + 3)
        #expect(csv[1].hasSuffix(",,"))
        #expect(csv[3].hasSuffix(",S2,二标段"))
        #expect(csv.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 29 })
    }

    @Test("by team: the assigned team's items, then the unassigned ones")
    func byTeam() throws {
        let w = try Self.world()
        let r = try ReportUseCases.report(
            store: w.store, asOf: nil, since: nil, projectID: "ave", unmasked: false, breakdown: .team, logger: Self.logger)
        let parts = try #require(r.projects.first?.parts)
        #expect(parts.map(\.id) == ["t1", nil])
        #expect(parts.map(\.name) == ["拆迁一组", "（未分配）"])
        #expect(abs(parts[0].land.requiredMu - 22.5) < 1e-3)
        #expect(abs(parts[1].land.requiredMu - (18.75 + 3.75)) < 1e-3)
        #expect(parts[0].households.inside == 1)
    }

    @Test("without --by a report has no parts, and its JSON says nothing of them")
    func noBreakdown() throws {
        let w = try Self.world()
        let r = try ReportUseCases.report(store: w.store, asOf: nil, since: nil, projectID: "ave", unmasked: false, logger: Self.logger)
        #expect(r.projects.first?.parts == nil)
        #expect(!(try ReportFormatter.json(r, lang: .zh)).contains("\"parts\""))
        #expect(ReportFormatter.csv(r).split(separator: "\n").first?.hasSuffix("unpaid_agreements") == true)
    }

    @Test("map --by section outlines the polygon sections and names them; the dashboard by section has the parts table")
    func mapAndDashboard() throws {
        let w = try Self.world()
        let data = try ReportUseCases.mapData(store: w.store, projectID: "ave", asOf: nil)
        var options = MapOptions()
        options.showSections = true
        let svg = ProjectMap.svg(data, options: options)
        // S1 and S2 are polygons; S3 names parcels and has no outline of its own.
        #expect(svg.components(separatedBy: "class=\"section\"").count - 1 == 2)
        #expect(svg.contains(">一标段</text>") && svg.contains(">二标段</text>"))
        #expect(!ProjectMap.svg(data).contains("class=\"section\""))

        let r = try ReportUseCases.report(
            store: w.store, asOf: nil, since: nil, projectID: "ave", unmasked: false, breakdown: .section, logger: Self.logger)
        let html = try ReportUseCases.dashboard(r, store: w.store, asOf: nil)
        #expect(html.contains("<table class=\"parts\">"))
        #expect(html.contains("<td>三标段</td><td class=\"num\">3.75</td>"))
        #expect(html.contains("class=\"section\""))
    }
}
