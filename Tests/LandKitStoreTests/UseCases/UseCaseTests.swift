import Foundation
import LandKit
import Logging
import Testing

@testable import LandKitStore

/// The use cases run in-process against a real store: a GeoPackage in a temporary directory and, as the same
/// conformance suite, a PostgreSQL/PostGIS database of a throwaway cluster (``TestPostgres``). The world is
/// built by hand in EPSG:4544 on the central meridian (≈105°E, 30°N), where ellipsoidal and planar
/// areas agree to 1e-5, so the expected areas are plane-geometry hand calculations:
///
/// - project `road`: red line x 500000…500200, y 3319970…3320030;
/// - project `rail`: red line x 500100…500300, same y;
/// - P1 60 × 60 m at x 500020…500080, y 3320000…3320060: half inside `road` → 1800 m² = 2.7 mu;
/// - P2 50 × 40 m at x 500100…500150, y 3319980…3320020: wholly inside both → 2000 m² = 3 mu each;
/// - land of both projects counted once: 1800 + 2000 = 3800 m² (the projects' sum is 5800 m²);
/// - H1 a point house inside `road`, H2 a 10 × 10 m house across its edge at y 3320030.
@Suite("Use cases on each store (GeoPackage, PostgreSQL/PostGIS)")
struct UseCaseTests {
    static let logger = Logger(label: "landkit.tests")

    final class World {
        let dir: TempDir
        let store: any LandStore
        /// The GeoPackage's path or the PostgreSQL address.
        let location: String
        let kind: StoreKind

        static func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
            .polygon(
                Polygon(exterior: [Coordinate(x0, y0), Coordinate(x1, y0), Coordinate(x1, y1), Coordinate(x0, y1), Coordinate(x0, y0)]))
        }

        init(_ kind: StoreKind = .geopackage) throws {
            dir = try TempDir()
            self.kind = kind
            (store, location) = try kind.create(in: dir)
            let calc = try AreaCalculator(crs: .cm105)
            try store.write { s in
                _ = try s.upsert(try squareParcel("P1", x: 500020, y: 3_320_000, size: 60, calc: calc))
                let p2 = Self.box(500100, 3_319_980, 500150, 3_320_020)
                _ = try s.upsert(
                    Parcel(
                        id: "P2", geometry: p2, areaSquareMetres: try calc.ellipsoidalArea(p2), planarAreaSquareMetres: PlanarArea.of(p2)))
                _ = try s.upsert(Building(id: "H1", head: "张德明", geometry: .point(Coordinate(500120, 3_320_000))))
                _ = try s.upsert(Building(id: "H2", head: "李秀英", geometry: Self.box(500050, 3_320_025, 500060, 3_320_035)))
                try s.add(Project(id: "road", name: "X大道延长线", kind: .road))
                try s.add(Zone(id: "Z1", projectID: "road", geometry: Self.box(500000, 3_319_970, 500200, 3_320_030)))
                try s.add(Project(id: "rail", name: "高铁片区", kind: .railArea))
                try s.add(Zone(id: "Z1", projectID: "rail", geometry: Self.box(500100, 3_319_970, 500300, 3_320_030)))
            }
            _ = try OverlapUseCases.compute(
                store: store, projectID: nil, configuration: OverlapEngine.Configuration(threads: 1), logger: UseCaseTests.logger)
        }

        /// Everything the store holds, in a stable order (equal dumps: equal content).
        func dump() throws -> String {
            switch kind {
            case .geopackage: try contentDump(location)
            case .postgres: try postgresContentDump(location)
            }
        }

        func eventCount() throws -> Int { try store.read { try $0.events(entity: nil, id: nil, projectID: nil).count } }
    }

    @Test("overlaps: each project's land by hand, and the land of both counted once (3800 m², not 5800)", arguments: StoreKind.all)
    func overlapsAndUnion(kind: StoreKind) throws {
        let w = try World(kind)
        let listing = try OverlapUseCases.listing(store: w.store, projectID: nil)
        let road = try #require(listing.projects.first { $0.project.id == "road" })
        let rail = try #require(listing.projects.first { $0.project.id == "rail" })
        #expect(abs(road.requiredSquareMetres - 3800) < 0.05)
        #expect(abs(rail.requiredSquareMetres - 2000) < 0.05)
        #expect(abs((road.parcels.first { $0.id == "P1" }?.land?.mu ?? 0) - 2.7) < 1e-4)
        #expect(abs(listing.unionRequiredSquareMetres - 3800) < 0.05)
        #expect(road.households(.inside) == 1 && road.households(.edge) == 1)
        #expect(road.households.first { $0.id == "H2" }?.position == .edge)
    }

    @Test(
        "the land counted once follows a narrowed red line: 600 m² of P1 in the road, P2's 2000 m² in the rail area, 2600 m² in all",
        arguments: StoreKind.all, [nil, "road"])
    func unionAfterRedLineChange(kind: StoreKind, onlyProject: String?) throws {
        let w = try World(kind)
        // The road's red line shrinks to x 500000–500040: P1 (x 500020–500080, y 3320000–3320060) keeps
        // 20 m × 30 m inside it, P2 (x 500100–500150) leaves it; the rail area still holds all of P2.
        try w.store.write { try $0.replace(Zone(id: "Z1", projectID: "road", geometry: World.box(500000, 3_319_970, 500040, 3_320_030))) }
        _ = try OverlapUseCases.compute(
            store: w.store, projectID: onlyProject, configuration: OverlapEngine.Configuration(threads: 1), logger: UseCaseTests.logger)
        let listing = try OverlapUseCases.listing(store: w.store, projectID: nil)
        let road = try #require(listing.projects.first { $0.project.id == "road" })
        #expect(abs(road.requiredSquareMetres - 600) < 0.05)
        #expect(road.parcels.map(\.id) == ["P1"])
        #expect(abs(listing.unionRequiredSquareMetres - 2600) < 0.05)
    }

    @Test("a stage is accepted by its code or its Chinese name; a misspelt one is refused at the edge")
    func stageNames() throws {
        func parse(_ stage: String) throws -> StatusUpdate {
            try StatusUpdate.parsing(
                entity: .parcel, id: "P1", projectID: "road", action: .set, stage: stage, reason: nil, note: nil, by: nil, at: nil,
                timeZone: Timestamps.defaultTimeZone)
        }
        #expect(try parse("已勘测定界").change == .set(.land(.surveyed), force: false))
        #expect(try parse("handed-over").change == .set(.land(.handedOver), force: false))
        #expect(throws: WorkflowError.self) { try parse("surveyd") }
        do {
            _ = try parse("已拆除")  // a household stage, not a land stage
            Issue.record("a household stage was accepted for a parcel")
        } catch let e as WorkflowError {
            #expect(e.code == .unknownStage)
        }
        #expect(BlockReason(parsing: "资金原因") == .funding)
        #expect(BlockReason(parsing: "weather") == nil)
    }

    @Test("skipping a stage is a correction: refused unless forced with a note, then recorded as forced", arguments: StoreKind.all)
    func corrections(kind: StoreKind) throws {
        let w = try World(kind)
        func set(_ stage: LandStage, force: Bool = false, note: String? = nil) throws -> [Event] {
            try StatusUseCases.apply(
                [StatusUpdate(entity: .parcel, id: "P1", projectID: "road", change: .set(.land(stage), force: force), note: note)],
                store: w.store, logger: UseCaseTests.logger)
        }
        #expect(try set(.surveyed).first?.to == .land(.surveyed))
        #expect(
            throws: WorkflowError(
                .correctionNotForced,
                "parcel P1: skipping from surveyed to cleared is a correction: it must be forced, with a note saying why")
        ) {
            try set(.cleared)
        }
        do {
            _ = try set(.cleared, force: true)
            Issue.record("a forced change without a note was accepted")
        } catch let e as WorkflowError {
            #expect(e.code == .noteRequired)
        }
        let forced = try set(.cleared, force: true, note: "补录")
        #expect(forced.first?.forced == true)
        let status = try w.store.read { try $0.item(.parcel, id: "P1", projectID: "road")?.status }
        #expect(status?.stage == .land(.cleared))
        #expect(try w.store.read { try Workflow.verify($0) }.isEmpty)
    }

    @Test("a status CSV with one misspelt stage applies nothing and names the line; Chinese names are accepted", arguments: StoreKind.all)
    func statusCSV(kind: StoreKind) throws {
        let w = try World(kind)
        let before = try w.eventCount()
        let bad = Array(
            """
            entity,id,project,action,stage,reason,note,by,at
            parcel,P1,road,set,已勘测定界,,,拆迁一组,2021-03-01
            parcel,P2,road,set,surveyd,,,拆迁一组,2021-03-01
            """.utf8)
        do {
            _ = try StatusUseCases.importCSV(
                bad, file: "today.csv", defaultBy: nil, dryRun: false, store: w.store, logger: UseCaseTests.logger)
            Issue.record("a bad file was applied")
        } catch let e as ImportError {
            #expect(e.diagnostics.map(\.line) == [3])
        }
        #expect(try w.eventCount() == before)
        let good = Array(
            """
            类型,编号,项目,操作,阶段,原因,备注,记录人,时间
            地块,P1,road,更新,已勘测定界,,,拆迁一组,2021-03-01
            房屋,H1,road,受阻,,资金原因,补偿款待拨付,拆迁一组,2021-03-02
            """.utf8)
        let summary = try StatusUseCases.importCSV(
            good, file: "today.csv", defaultBy: nil, dryRun: false, store: w.store, logger: UseCaseTests.logger)
        #expect(summary.applied == 2)
        let h1 = try w.store.read { try $0.item(.household, id: "H1", projectID: "road")?.status }
        #expect(h1?.blockedReason == .funding)
        // Re-importing the same file changes nothing.
        let again = try StatusUseCases.importCSV(
            good, file: "today.csv", defaultBy: nil, dryRun: false, store: w.store, logger: UseCaseTests.logger)
        #expect(again.applied == 0 && again.skipped.count == 2)
        #expect(try w.eventCount() == before + 2)
    }

    @Test("a dry run reports what would happen and leaves the database byte for byte as it was", arguments: StoreKind.all)
    func dryRun(kind: StoreKind) throws {
        let w = try World(kind)
        let before = try w.dump()
        let csv = Array("entity,id,project,action,stage\nparcel,P1,road,set,surveyed\nparcel,P2,rail,set,surveyed\n".utf8)
        let summary = try StatusUseCases.importCSV(
            csv, file: "t.csv", defaultBy: nil, dryRun: true, store: w.store, logger: UseCaseTests.logger)
        #expect(summary.applied == 2 && summary.dryRun)
        #expect(try w.dump() == before)
    }

    @Test("the report as of a past date derives statuses from the events of that day", arguments: StoreKind.all)
    func reportAsOf(kind: StoreKind) throws {
        let w = try World(kind)
        let march1 = try #require(Timestamps.parse("2021-03-01T10:00:00+08:00"))
        let april1 = try #require(Timestamps.parse("2021-04-01T10:00:00+08:00"))
        _ = try StatusUseCases.apply(
            [
                StatusUpdate(entity: .parcel, id: "P2", projectID: "rail", change: .set(.land(.surveyed), force: false), at: march1),
                StatusUpdate(entity: .parcel, id: "P2", projectID: "rail", change: .set(.land(.inventoried), force: false), at: april1),
            ], store: w.store, logger: UseCaseTests.logger)
        let march = try ReportUseCases.report(
            store: w.store, asOf: LocalDate(year: 2021, month: 3, day: 15), since: nil, projectID: "rail", unmasked: false,
            logger: UseCaseTests.logger)
        // P2 is 2000 m² = 3 mu: surveyed on 15 March, inventoried only from 1 April.
        #expect(abs((march.projects.first?.land.stageMu[.surveyed] ?? 0) - 3) < 1e-4)
        #expect((march.projects.first?.land.stageMu[.inventoried] ?? -1) == 0)
        let now = try ReportUseCases.report(
            store: w.store, asOf: nil, since: nil, projectID: "rail", unmasked: false, logger: UseCaseTests.logger)
        #expect(abs((now.projects.first?.land.stageMu[.inventoried] ?? 0) - 3) < 1e-4)
        #expect(abs(now.totals.requiredMuUnion - 3800 * 15 / 10000) < 1e-4)
    }

    @Test("an unknown project is a workflow error with its code, not a crash or a silent empty report", arguments: StoreKind.all)
    func unknownProject(kind: StoreKind) throws {
        let w = try World(kind)
        do {
            _ = try ReportUseCases.report(
                store: w.store, asOf: nil, since: nil, projectID: "nope", unmasked: false, logger: UseCaseTests.logger)
            Issue.record("an unknown project was accepted")
        } catch let e as WorkflowError {
            #expect(e.code == .unknownProject)
        }
    }
}
