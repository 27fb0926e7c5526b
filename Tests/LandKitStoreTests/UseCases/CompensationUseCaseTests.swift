import Foundation
import GRDB
import LandKit
import Logging
import Testing

@testable import LandKitStore

/// Agreements and payments on UseCaseTests' world: P1 is 1800 m² = 2.7 mu of 0101 水田 (西峰村) in `road`.
@Suite("Compensation on a GeoPackage")
struct CompensationUseCaseTests {
    static let logger = Logger(label: "landkit.tests")
    static let rates = """
        category,item,zone,unit,rate,quantity,date
        land,0101,II,亩,56000,,
        village,西峰村,II,,,,
        crop,0101,,亩,2200,,
        """

    /// The world with rates for `road` and P1 moved to inventoried (the stage before agreed).
    static func world() throws -> UseCaseTests.World {
        let w = try UseCaseTests.World()
        _ = try CompensationUseCases.importRates(Array(rates.utf8), file: "r.csv", name: "2021标准", store: w.store)
        try CompensationUseCases.setProjectRates(projectID: "road", name: "2021标准", store: w.store)
        _ = try StatusUseCases.apply(
            [LandStage.surveyed, .inventoried].map {
                StatusUpdate(
                    entity: .parcel, id: "P1", projectID: "road", change: .set(.land($0), force: false), at: Self.day("2021-03-01"))
            }, store: w.store, logger: logger)
        return w
    }

    static func day(_ text: String) -> Date { (try? Timestamps.parseInput(text, timeZone: "Asia/Shanghai")) ?? Date.distantPast }

    static func money(_ kind: MoneyRecordKind, _ number: String, _ yuan: String, _ date: String, note: String? = nil) throws -> MoneyRequest
    {
        MoneyRequest(
            kind: kind, entity: .parcel, id: "P1", projectID: "road", number: number, amount: try Yuan(parsing: yuan), at: day(date),
            note: note)
    }

    static func stage(_ w: UseCaseTests.World) throws -> Stage? {
        try w.store.read { try $0.item(.parcel, id: "P1", projectID: "road")?.status.stage }
    }

    @Test("the estimate of P1 is 2.7 mu × (56 000 + 2 200) by hand")
    func estimate() throws {
        let w = try Self.world()
        let est = try w.store.read { try CompensationUseCases.estimates(projectID: "road", in: $0) }
        let p1 = try #require(est.first?.items.first { $0.id == "P1" })
        // 2.7 × 56 000 = 151 200.00; 2.7 × 2 200 = 5 940.00; total 157 140.00.
        #expect(p1.lines.map(\.amount.plain) == ["151200.00", "5940.00"])
        #expect(p1.total.plain == "157140.00")
    }

    @Test("signing moves to agreed; paying in full moves land to compensated; the difference to the estimate is known")
    func signAndPay() throws {
        let w = try Self.world()
        let signed = try CompensationUseCases.record(
            [try Self.money(.agreement, "XY-001", "160,000.00", "2021-04-01")], store: w.store, logger: Self.logger)
        #expect(signed[0].estimate?.plain == "157140.00")
        #expect(try Self.stage(w) == .land(.agreed))
        _ = try CompensationUseCases.record([try Self.money(.payment, "PZ-1", "100000", "2021-04-10")], store: w.store, logger: Self.logger)
        #expect(try Self.stage(w) == .land(.agreed))
        let last = try CompensationUseCases.record(
            [try Self.money(.payment, "PZ-2", "60000.00", "2021-05-10")], store: w.store, logger: Self.logger)
        // 100 000 + 60 000 = 160 000 = agreed.
        #expect(last[0].paid.plain == "160000.00")
        #expect(try Self.stage(w) == .land(.compensated))
    }

    @Test("a payment above the agreed amount or without an agreement is refused and writes nothing")
    func refusals() throws {
        let w = try Self.world()
        #expect(throws: WorkflowError.self) {
            try CompensationUseCases.record([try Self.money(.payment, "PZ-1", "1.00", "2021-04-10")], store: w.store, logger: Self.logger)
        }
        _ = try CompensationUseCases.record(
            [try Self.money(.agreement, "XY-001", "1000.00", "2021-04-01")], store: w.store, logger: Self.logger)
        let before = try contentDump(w.dir.path("world.gpkg"))
        #expect(throws: WorkflowError.self) {
            try CompensationUseCases.record(
                [try Self.money(.payment, "PZ-1", "1000.01", "2021-04-10")], store: w.store, logger: Self.logger)
        }
        #expect(try contentDump(w.dir.path("world.gpkg")) == before)
    }

    @Test("a payment CSV with one bad row applies nothing: the database is unchanged")
    func csvAllOrNothing() throws {
        let w = try Self.world()
        _ = try CompensationUseCases.record(
            [try Self.money(.agreement, "XY-001", "160000", "2021-04-01")], store: w.store, logger: Self.logger)
        let before = try contentDump(w.dir.path("world.gpkg"))
        let csv = "entity,id,project,voucher,amount,date\nparcel,P1,road,PZ-1,1000.00,2021-04-02\nparcel,P1,road,PZ-2,12.345,2021-04-03\n"
        do {
            _ = try CompensationUseCases.importCSV(
                Array(csv.utf8), file: "pay.csv", kind: .payment, defaultBy: nil, store: w.store, logger: Self.logger)
            Issue.record("a file with a bad row was applied")
        } catch let e as ImportError {
            #expect(e.description.contains("pay.csv:3:"))
        }
        #expect(try contentDump(w.dir.path("world.gpkg")) == before)
    }

    @Test("a reversed payment leaves the paid total as before; a reversal needs a note; the as-of report shows that day's paid amount")
    func reversalAndAsOf() throws {
        let w = try Self.world()
        _ = try CompensationUseCases.record(
            [try Self.money(.agreement, "XY-001", "160000", "2021-04-01")], store: w.store, logger: Self.logger)
        _ = try CompensationUseCases.record([try Self.money(.payment, "PZ-1", "50000", "2021-04-10")], store: w.store, logger: Self.logger)
        _ = try CompensationUseCases.record([try Self.money(.payment, "PZ-2", "5000", "2021-04-12")], store: w.store, logger: Self.logger)
        #expect(throws: WorkflowError.self) {
            try CompensationUseCases.record([try Self.money(.payment, "PZ-2", "-5000", "2021-04-13")], store: w.store, logger: Self.logger)
        }
        _ = try CompensationUseCases.record(
            [try Self.money(.payment, "PZ-2", "-5000", "2021-04-13", note: "重复录入")], store: w.store, logger: Self.logger)
        func paid(_ day: String) throws -> String? {
            try w.store.read { try CompensationUseCases.moneySummaries(projectID: "road", asOf: LocalDate(day), in: $0) }.first?.paid.plain
        }
        // 04-09: nothing; 04-10: 50 000; 04-12: 50 000 + 5 000; 04-13: 55 000 − 5 000 = 50 000, as before the wrong one.
        #expect(try paid("2021-04-09") == "0.00")
        #expect(try paid("2021-04-10") == "50000.00")
        #expect(try paid("2021-04-12") == "55000.00")
        #expect(try paid("2021-04-13") == "50000.00")
        let s = try #require(
            try w.store.read { try CompensationUseCases.moneySummaries(projectID: "road", asOf: LocalDate("2021-04-20"), in: $0) }.first)
        // Signed 04-01, 19 days before 04-20; 110 000 still unpaid.
        #expect(s.unpaid.map(\.daysSinceSigning) == [19])
        #expect(s.agreements == 1 && s.agreed.plain == "160000.00")
    }

    @Test("verify detects an edited amount, and the triggers refuse edits")
    func editedAmount() throws {
        let w = try Self.world()
        _ = try CompensationUseCases.record(
            [try Self.money(.agreement, "XY-001", "160000", "2021-04-01")], store: w.store, logger: Self.logger)
        _ = try CompensationUseCases.record([try Self.money(.payment, "PZ-1", "50000", "2021-04-10")], store: w.store, logger: Self.logger)
        let path = w.dir.path("world.gpkg")
        #expect(try w.store.read { try MoneyChain.verify($0) }.isIntact)
        let q = try DatabaseQueue(path: path)
        #expect(throws: (any Error).self) { try q.write { try $0.execute(sql: "UPDATE money_records SET amount_fen = 1 WHERE id = 2") } }
        try q.writeWithoutTransaction {
            try $0.execute(sql: "DROP TRIGGER money_records_no_update; UPDATE money_records SET amount_fen = 15000000 WHERE id = 2;")
        }
        try q.close()
        let store = try GeoPackageStore.open(at: path)
        let (report, problems) = try store.read { (try MoneyChain.verify($0), try $0.storeProblems()) }
        #expect(report.problems == ["payment record 2 does not match its hash: it, or a payment record before it, was changed"])
        #expect(problems == ["the trigger money_records_no_update that protects the payment records is missing"])
    }

    @Test("the report shows estimate, signed and paid per project and in totals, as of a date, and says it in the paragraph")
    func report() throws {
        let w = try Self.world()
        _ = try CompensationUseCases.record(
            [try Self.money(.agreement, "XY-001", "160000", "2021-04-01")], store: w.store, logger: Self.logger)
        _ = try CompensationUseCases.record([try Self.money(.payment, "PZ-1", "50000", "2021-04-10")], store: w.store, logger: Self.logger)
        _ = try CompensationUseCases.record([try Self.money(.payment, "PZ-2", "60000", "2021-05-10")], store: w.store, logger: Self.logger)
        let april = try ReportUseCases.report(
            store: w.store, asOf: LocalDate("2021-04-30"), since: nil, projectID: nil, unmasked: false, logger: Self.logger)
        let road = try #require(april.projects.first { $0.id == "road" })
        // Estimate 157 140.00 (see estimate()); signed 160 000; paid by 04-30: 50 000 = 5.00 万元.
        #expect(road.money?.estimate?.plain == "157140.00")
        #expect(road.money?.agreed.plain == "160000.00")
        #expect(road.money?.paid.plain == "50000.00")
        #expect(road.money?.unpaid.map(\.days) == [29])
        // The one agreement is a parcel's: counted as 1宗 (宗 for parcels, 户 for households).
        #expect(road.narrativeZh.contains("已签订补偿协议1宗，兑付补偿款5.00万元"))
        #expect(april.projects.first { $0.id == "rail" }?.money == nil)
        let json = try ReportFormatter.json(april, lang: .zh)
        #expect(json.contains(#""paid_yuan" : "50000.00""#))
        #expect(json.contains(#""unpaid_agreements" : 1"#))
        let may = try ReportUseCases.report(
            store: w.store, asOf: LocalDate("2021-05-31"), since: nil, projectID: nil, unmasked: false, logger: Self.logger)
        // 50 000 + 60 000 = 110 000 = 11.00 万元.
        #expect(may.totals.money?.paid.plain == "110000.00")
        #expect(may.projects.first { $0.id == "road" }?.narrativeZh.contains("兑付补偿款11.00万元") == true)
    }
}
