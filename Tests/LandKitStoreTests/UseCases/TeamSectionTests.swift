import Foundation
import LandKit
import Logging
import Testing

@testable import LandKitStore

/// Sections and teams on the grid of ``RedLineRevisionTests`` (10 × 2 parcels of 50 m, corridor
/// y 3320040…3320100: each row-0 parcel gives 500 m², each row-1 parcel 2500 m²):
///
/// - S1: x 500000…500230, S2: x 500230…500500. Column 4 (x 500200…500250) has 30 m of its width in S1
///   and 20 m in S2, so it belongs to S1: S1 holds columns 0–4, S2 columns 5–9;
/// - S3 names parcel R1C9, which therefore leaves S2;
/// - S1: 10 parcels, 5 × (500 + 2500) = 15000 m² = 22.5 mu; S2: 9 parcels, 5 × 500 + 4 × 2500 =
///   12500 m² = 18.75 mu; S3: 1 parcel, 2500 m² = 3.75 mu; house HA (x 500025) is in S1.
@Suite("Sections and teams, on each store")
struct TeamSectionTests {
    static let logger = Logger(label: "landkit.tests")

    static func world(_ kind: StoreKind = .geopackage) throws -> RedLineRevisionTests.World {
        let w = try RedLineRevisionTests.World(kind)
        let box = RedLineRevisionTests.box
        try TeamUseCases.addSection(
            store: w.store, Section(id: "S1", projectID: "ave", name: "一标段", extent: .polygon(box(500000, 3_319_900, 500230, 3_320_200))))
        try TeamUseCases.addSection(
            store: w.store, Section(id: "S2", projectID: "ave", name: "二标段", extent: .polygon(box(500230, 3_319_900, 500500, 3_320_200))))
        try TeamUseCases.addSection(store: w.store, Section(id: "S3", projectID: "ave", name: "三标段", extent: .parcels(["R1C9"])))
        try TeamUseCases.addTeam(store: w.store, Team(id: "t1", name: "拆迁一组", contact: "王建国"))
        try TeamUseCases.addTeam(store: w.store, Team(id: "t2", name: "拆迁二组"))
        return w
    }

    @Test(
        "items belong to the section holding the largest share of their overlap; named parcels to their section", arguments: StoreKind.all)
    func sectionSplit(kind: StoreKind) throws {
        let w = try Self.world(kind)
        let work = try TeamUseCases.workList(store: w.store, projectID: "ave", team: nil, open: false, blocked: false)
        func parcels(_ section: String) -> [ProjectItem] {
            work.filter { $0.section?.id == section && $0.item.entity == .parcel }.map(\.item)
        }
        #expect(Set(parcels("S1").map(\.id)) == Set((0..<5).flatMap { ["R0C\($0)", "R1C\($0)"] }))
        #expect(Set(parcels("S2").map(\.id)) == Set((5..<10).map { "R0C\($0)" } + (5..<9).map { "R1C\($0)" }))
        #expect(parcels("S3").map(\.id) == ["R1C9"])
        func mu(_ section: String) -> Double { AreaUnit.mu(squareMetres: parcels(section).reduce(0) { $0 + $1.overlapSquareMetres }) }
        #expect(abs(mu("S1") - 22.5) < 1e-3)
        #expect(abs(mu("S2") - 18.75) < 1e-3)
        #expect(abs(mu("S3") - 3.75) < 1e-3)
        #expect(work.first { $0.item.id == "HA" }?.section?.id == "S1")
    }

    @Test("items --team --open lists exactly the team's assigned open items; events name the team and the person", arguments: StoreKind.all)
    func teamWorkList(kind: StoreKind) throws {
        let w = try Self.world(kind)
        #expect(try TeamUseCases.assign(store: w.store, .section("S1"), projectID: "ave", team: "t1", by: "办公室") == 11)
        #expect(try TeamUseCases.assign(store: w.store, .ids(.parcel, ["R1C9"]), projectID: "ave", team: "拆迁二组", by: nil) == 1)
        let events = try StatusUseCases.apply(
            [
                StatusUpdate(entity: .parcel, id: "R0C0", projectID: "ave", change: .set(.land(.surveyed), force: false), by: "张三"),
                StatusUpdate(entity: .parcel, id: "R0C1", projectID: "ave", change: .deferral, note: "边角地，不影响施工"),
                StatusUpdate(entity: .parcel, id: "R0C2", projectID: "ave", change: .block(.dispute)),
                StatusUpdate(entity: .parcel, id: "R1C9", projectID: "ave", change: .block(.funding), by: "拆迁二组"),
                StatusUpdate(entity: .parcel, id: "R0C9", projectID: "ave", change: .block(.funding), by: "李四"),
            ], store: w.store, logger: Self.logger)
        #expect(events.map(\.by) == ["拆迁一组/张三", "拆迁一组", "拆迁一组", "拆迁二组", "李四"])

        let open = try TeamUseCases.workList(store: w.store, projectID: nil, team: "t1", open: true, blocked: false)
        let s1 = Set((0..<5).flatMap { ["parcel R0C\($0)", "parcel R1C\($0)"] } + ["household HA"])
        #expect(Set(open.map { "\($0.item.entity.rawValue) \($0.item.id)" }) == s1.subtracting(["parcel R0C1"]))
        let blocked = try TeamUseCases.workList(store: w.store, projectID: "ave", team: "拆迁一组", open: false, blocked: true)
        #expect(blocked.map(\.item.id) == ["R0C2"])
        #expect(open.first { $0.item.id == "R0C0" }?.next == .land(.inventoried))
        #expect(
            try TeamUseCases.workList(store: w.store, projectID: "ave", team: "t2", open: true, blocked: false).map(\.item.id) == ["R1C9"])
    }

    @Test("a status CSV row may name its team; an unknown team is an error on its line and nothing is applied", arguments: StoreKind.all)
    func csvTeamColumn(kind: StoreKind) throws {
        let w = try Self.world(kind)
        let good = "entity,id,project,action,stage,by,team\nparcel,R0C5,ave,set,surveyed,李四,t2\n"
        let s = try StatusUseCases.importCSV(
            Array(good.utf8), file: "s.csv", defaultBy: nil, dryRun: false, store: w.store, logger: Self.logger)
        #expect(s.applied == 1)
        #expect(try w.store.read { try $0.events(entity: .parcel, id: "R0C5", projectID: "ave") }.map(\.by) == ["拆迁二组/李四"])
        let bad = "entity,id,project,action,stage,by,team\nparcel,R0C6,ave,set,surveyed,李四,t2\nparcel,R0C7,ave,set,surveyed,李四,t9\n"
        let head = try w.store.read { try $0.recordedEventHead() }
        #expect(throws: (any Error).self) {
            try StatusUseCases.importCSV(Array(bad.utf8), file: "s.csv", defaultBy: nil, dryRun: false, store: w.store, logger: Self.logger)
        }
        #expect(try w.store.read { try $0.recordedEventHead() } == head)
    }
}
