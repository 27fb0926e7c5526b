import Foundation
import LandKit
import Logging
import Testing

@testable import LandKitStore

/// Red-line revisions (红线调整) on a hand-built world in the CM-105 store, on the central meridian
/// (≈105°E, 30°N), where ellipsoidal and planar areas agree to 1e-5, so expected areas are plane
/// geometry by hand:
///
/// - parcels: a grid of 10 × 2 squares of 50 m, x 500000…500500, rows y 3320000…3320050 (row 0) and
///   …3320100 (row 1);
/// - the corridor, revision 1 (approved 30 days ago): x 500000…500500, y 3320040…3320100 (60 m): row 0 gives 10 × 50 × 10 m
///   = 5000 m², row 1 10 × 2500 = 25000 m²: 30000 m² = 45 mu;
/// - revision 2 moves it 20 m north, y 3320060…3320120: row 0 is out, row 1 gives 10 × 50 × 40 m =
///   20000 m² = 30 mu: Δ −10000 m² = −15 mu, 10 parcels removed, 10 changed;
/// - houses: HA a point at y 3320045 (inside, then outside), HB a point at y 3320110 (outside, then
///   inside), HC a 10 × 10 m house at y 3320115…3320125 (outside, then across the new edge).
@Suite("Red-line revisions, on each store")
struct RedLineRevisionTests {
    static let logger = Logger(label: "landkit.tests")
    static let config = OverlapEngine.Configuration(threads: 1)

    static func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
        .polygon(Polygon(exterior: [Coordinate(x0, y0), Coordinate(x1, y0), Coordinate(x1, y1), Coordinate(x0, y1), Coordinate(x0, y0)]))
    }

    static func corridor(y0: Double) -> Zone {
        Zone(id: "Z1", projectID: "ave", geometry: box(500000, 3_320_000 + y0, 500500, 3_320_000 + y0 + 60))
    }

    final class World {
        let dir: TempDir
        let store: any LandStore

        init(_ kind: StoreKind = .geopackage) throws {
            dir = try TempDir()
            store = try kind.create(in: dir, file: "w.gpkg").store
            let calc = try AreaCalculator(crs: .cm105)
            try store.write { s in
                for row in 0..<2 {
                    for col in 0..<10 {
                        _ = try s.upsert(
                            try squareParcel(
                                "R\(row)C\(col)", x: 500000 + Double(col) * 50, y: 3_320_000 + Double(row) * 50, size: 50, calc: calc))
                    }
                }
                _ = try s.upsert(Building(id: "HA", geometry: .point(Coordinate(500025, 3_320_045))))
                _ = try s.upsert(Building(id: "HB", geometry: .point(Coordinate(500025, 3_320_110))))
                _ = try s.upsert(Building(id: "HC", geometry: RedLineRevisionTests.box(500200, 3_320_115, 500210, 3_320_125)))
                try s.add(Project(id: "ave", name: "X大道", kind: .road))
            }
            // The red line was approved a month ago.
            try ProjectUseCases.revise(
                store: store, .add(corridor(y0: 40)), at: Date().addingTimeInterval(-30 * 86_400), by: "规划组", note: nil, logger: logger)
            _ = try OverlapUseCases.compute(store: store, projectID: nil, configuration: config, logger: logger)
        }

        func requiredSquareMetres(asOf: LocalDate?) throws -> Double {
            let r = try ReportUseCases.report(
                store: store, asOf: asOf, since: nil, projectID: "ave", unmasked: false, logger: RedLineRevisionTests.logger)
            return try #require(r.projects.first).land.requiredSquareMetres
        }
    }

    static func yesterday() -> LocalDate {
        LocalDate(Date().addingTimeInterval(-86_400), timeZone: TimeZone(identifier: "Asia/Shanghai") ?? .current)
    }

    @Test(
        "moving a 60 m corridor 20 m north: 10 parcels leave, 10 change, Δ −15 mu; households move in, out and onto the edge",
        arguments: StoreKind.all)
    func revisionDiff(kind: StoreKind) throws {
        let w = try World(kind)
        #expect(abs(try w.requiredSquareMetres(asOf: nil) - 30000) < 0.5)
        try ProjectUseCases.revise(
            store: w.store, .replace(Self.corridor(y0: 60)), at: nil, by: "规划组", note: "红线北移20米", logger: Self.logger)
        let run = try OverlapUseCases.compute(store: w.store, projectID: nil, configuration: Self.config, logger: Self.logger)
        let d = try #require(run.summary.revisions.first)
        #expect(d.fromRevision == 1 && d.toRevision == 2)
        #expect(d.parcelsRemoved == (0..<10).map { "R0C\($0)" })
        #expect(d.parcelsAdded.isEmpty)
        #expect(d.parcelsChanged == (0..<10).map { "R1C\($0)" })
        #expect(abs(d.deltaSquareMetres - -10000) < 0.5)
        #expect(abs(d.deltaMu - -15) < 1e-3)
        #expect(d.becameOutside == ["HA"])
        #expect(d.becameInside == ["HB"])
        #expect(d.becameEdge == ["HC"])
        #expect(abs(try w.requiredSquareMetres(asOf: nil) - 20000) < 0.5)
    }

    @Test("a report and a map as of a day before the revision use the red line of that day and its figures", arguments: StoreKind.all)
    func asOfUsesOldRedLine(kind: StoreKind) throws {
        let w = try World(kind)
        // Surveyed two days ago, before the revision.
        _ = try StatusUseCases.apply(
            [
                StatusUpdate(
                    entity: .parcel, id: "R0C0", projectID: "ave", change: .set(.land(.surveyed), force: false),
                    at: Date().addingTimeInterval(-2 * 86_400))
            ], store: w.store, logger: Self.logger)
        try ProjectUseCases.revise(
            store: w.store, .replace(Self.corridor(y0: 60)), at: nil, by: "规划组", note: "红线北移20米", logger: Self.logger)
        _ = try OverlapUseCases.compute(store: w.store, projectID: nil, configuration: Self.config, logger: Self.logger)

        let before = try ReportUseCases.report(
            store: w.store, asOf: Self.yesterday(), since: nil, projectID: "ave", unmasked: false, logger: Self.logger)
        let p = try #require(before.projects.first)
        #expect(abs(p.land.requiredSquareMetres - 30000) < 0.5)
        #expect(abs((p.land.reachedMu[.surveyed] ?? 0) - 0.75) < 1e-4)  // R0C0's 50 × 10 m = 500 m²
        #expect(p.households.inside == 1)  // HA
        #expect(abs(try w.requiredSquareMetres(asOf: nil) - 20000) < 0.5)

        let old = try ReportUseCases.mapData(store: w.store, projectID: "ave", asOf: Self.yesterday())
        let now = try ReportUseCases.mapData(store: w.store, projectID: "ave", asOf: nil)
        #expect(abs((old.redLine.envelope?.minY ?? 0) - 3_320_040) < 1e-6)
        #expect(abs((now.redLine.envelope?.minY ?? 0) - 3_320_060) < 1e-6)
    }

    @Test("a parcel that progressed and left the red line stays listed out of zone until closed with a note", arguments: StoreKind.all)
    func outOfZoneUntilClosed(kind: StoreKind) throws {
        let w = try World(kind)
        _ = try StatusUseCases.apply(
            [StatusUpdate(entity: .parcel, id: "R0C3", projectID: "ave", change: .set(.land(.surveyed), force: false))],
            store: w.store, logger: Self.logger)
        try ProjectUseCases.revise(
            store: w.store, .replace(Self.corridor(y0: 60)), at: nil, by: "规划组", note: "红线北移20米", logger: Self.logger)
        let run = try OverlapUseCases.compute(store: w.store, projectID: nil, configuration: Self.config, logger: Self.logger)
        #expect(run.summary.newlyOutOfZone.map(\.1) == ["R0C3"])
        let kept = try w.store.read { try $0.item(.parcel, id: "R0C3", projectID: "ave") }
        #expect(kept?.outOfZone == true && kept?.status.closed == false)
        // R0C0 never progressed: gone.
        #expect(try w.store.read { try $0.item(.parcel, id: "R0C0", projectID: "ave") } == nil)

        func close(_ id: String, note: String?) throws {
            _ = try StatusUseCases.apply(
                [StatusUpdate(entity: .parcel, id: id, projectID: "ave", change: .close, note: note)], store: w.store, logger: Self.logger)
        }
        #expect(throws: WorkflowError.self) { try close("R0C3", note: nil) }
        do {
            try close("R1C3", note: "x")
            Issue.record("an item inside the red line was closed")
        } catch let e as WorkflowError {
            #expect(e.code == .notOutOfZone)
        }
        try close("R0C3", note: "红线调整后不再征收")
        #expect(try w.store.read { try $0.item(.parcel, id: "R0C3", projectID: "ave")?.status.closed } == true)
        #expect(try w.store.read { try Workflow.verify($0) }.isEmpty)
    }

    @Test("every project and red-line change is in the one tamper-evident log, naming who made it", arguments: StoreKind.all)
    func changesAreChainedEvents(kind: StoreKind) throws {
        let w = try World(kind)
        try ProjectUseCases.revise(
            store: w.store, .replace(Self.corridor(y0: 60)), at: nil, by: "规划组", note: "红线北移20米", logger: Self.logger)
        try ProjectUseCases.edit(store: w.store, projectID: "ave", .init(due: .some(LocalDate("2022-06-30"))), by: "办公室", note: nil)
        let changes = try w.store.read { try $0.projectChanges(projectID: "ave") }
        #expect(changes.map(\.action) == [.zoneAdded, .zoneReplaced, .edited])
        #expect(changes.map(\.revision) == [1, 2, 2])
        #expect(changes.map(\.by) == ["规划组", "规划组", "办公室"])
        let report = try w.store.read { s in try EventChain.verify(s, recordedHead: try s.recordedEventHead()) }
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.head.count == 3 + 0)  // no item events yet: the three changes
        // A revision cannot take effect before the red line's last change.
        #expect(throws: WorkflowError.self) {
            try ProjectUseCases.revise(
                store: w.store, .remove(projectID: "ave", zoneID: "Z1"), at: Date().addingTimeInterval(-40 * 86_400), by: nil, note: "x",
                logger: Self.logger)
        }
        // A revision without a note is refused and writes nothing.
        let head = try w.store.read { try $0.recordedEventHead() }
        #expect(throws: WorkflowError.self) {
            try ProjectUseCases.revise(
                store: w.store, .remove(projectID: "ave", zoneID: "Z1"), at: nil, by: nil, note: " ", logger: Self.logger)
        }
        #expect(try w.store.read { try $0.recordedEventHead() } == head)
    }

    @Test(
        "a closed project leaves the current report, stays in reports as of an earlier date and with --include-closed",
        arguments: StoreKind.all)
    func closedProjects(kind: StoreKind) throws {
        let w = try World(kind)
        try ProjectUseCases.close(store: w.store, projectID: "ave", at: nil, by: "办公室", note: "已移交")
        func ids(asOf: LocalDate?, includeClosed: Bool = false) throws -> [String] {
            try ReportUseCases.report(
                store: w.store, asOf: asOf, since: nil, projectID: nil, unmasked: false, includeClosed: includeClosed, logger: Self.logger
            ).projects.map(\.id)
        }
        #expect(try ids(asOf: nil).isEmpty)
        #expect(try ids(asOf: nil, includeClosed: true) == ["ave"])
        #expect(try ids(asOf: Self.yesterday()) == ["ave"])
        #expect(throws: WorkflowError.self) { try ProjectUseCases.close(store: w.store, projectID: "ave", at: nil, by: nil, note: nil) }
        try ProjectUseCases.reopen(store: w.store, projectID: "ave", by: nil, note: nil)
        #expect(try ids(asOf: nil) == ["ave"])
    }

    @Test("change since a date counts every stage move, new and resolved blockers and red-line revisions", arguments: StoreKind.all)
    func changeSinceCountsEveryMove(kind: StoreKind) throws {
        let w = try World(kind)
        let day: TimeInterval = 86_400
        let tenDaysAgo = Date().addingTimeInterval(-10 * day), fiveDaysAgo = Date().addingTimeInterval(-5 * day)
        func update(_ entity: EntityKind, _ id: String, _ change: StatusChange, at: Date) -> StatusUpdate {
            StatusUpdate(entity: entity, id: id, projectID: "ave", change: change, at: at)
        }
        _ = try StatusUseCases.apply(
            [
                update(.parcel, "R1C0", .set(.land(.surveyed), force: false), at: tenDaysAgo),
                update(.parcel, "R1C4", .block(.funding), at: tenDaysAgo),
                update(.parcel, "R1C0", .set(.land(.inventoried), force: false), at: fiveDaysAgo),
                update(.parcel, "R1C1", .set(.land(.surveyed), force: false), at: fiveDaysAgo),
                update(.parcel, "R1C2", .set(.land(.surveyed), force: false), at: fiveDaysAgo),
                update(.household, "HA", .set(.household(.inventoried), force: false), at: fiveDaysAgo),
                update(.parcel, "R1C3", .block(.dispute), at: fiveDaysAgo),
                update(.parcel, "R1C4", .unblock, at: fiveDaysAgo),
            ], store: w.store, logger: Self.logger)
        try ProjectUseCases.revise(store: w.store, .replace(Self.corridor(y0: 40)), at: nil, by: nil, note: "复核红线", logger: Self.logger)
        _ = try OverlapUseCases.compute(store: w.store, projectID: nil, configuration: Self.config, logger: Self.logger)
        let since = LocalDate(Date().addingTimeInterval(-8 * day), timeZone: TimeZone(identifier: "Asia/Shanghai") ?? .current)
        let r = try ReportUseCases.report(store: w.store, asOf: nil, since: since, projectID: "ave", unmasked: false, logger: Self.logger)
        let c = try #require(r.projects.first?.change)
        // R1C1 and R1C2 reached surveyed (R1C0 had before): 2 × 2500 m² = 7.5 mu; R1C0 reached inventoried: 3.75 mu.
        #expect(c.landReachedParcels[.surveyed] == 2)
        #expect(abs((c.landReachedMu[.surveyed] ?? 0) - 7.5) < 1e-4)
        #expect(c.landReachedParcels[.inventoried] == 1)
        #expect(abs((c.landReachedMu[.inventoried] ?? 0) - 3.75) < 1e-4)
        #expect(c.landReachedParcels[.agreed] == 0)
        #expect(c.householdsReached[.inventoried] == 1)
        #expect(c.newBlockers == 1 && c.resolvedBlockers == 1)
        #expect(c.redLineRevisions == 1)
        #expect(
            c.phrases(.zh).map(\.text) == [
                "已勘测定界 +2 宗 +7.50 亩", "已摸底 +1 宗 +3.75 亩", "已入户摸底 +1 户", "新增受阻 1 项", "解除受阻 1 项", "红线调整 1 次",
            ])
    }
}
