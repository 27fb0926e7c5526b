import Testing

@testable import LandKit

@Suite("Compensation estimate")
struct CompensationEstimatorTests {
    static func table() throws -> RateTable {
        try RateTableCSV.read(Array(RateTableCSVTests.sample.utf8), file: "r.csv", name: "2021标准")
    }

    @Test("a household: 180 m² 砖混 + 搬迁费 + 6 months 过渡费 + early-signing award equals the hand sum")
    func household() throws {
        let e = CompensationEstimator(table: try Self.table())
        let est = e.estimate(
            .init(buildingID: "FW-1", floorAreaSquareMetres: 180, structure: "砖混"), inventory: [], signedOn: LocalDate("2021-05-10"))
        // 180 × 1 250 = 225 000; 搬迁费 1 × 3 000 = 3 000; 过渡费 6 × 1 200 = 7 200; 奖励 1 × 10 000 = 10 000.
        // 225 000 + 3 000 + 7 200 + 10 000 = 245 200.00
        #expect(est.lines.map(\.amount.plain) == ["225000.00", "3000.00", "7200.00", "10000.00"])
        #expect(est.total == Yuan(yuan: 245_200))
        #expect(est.problems.isEmpty)
        #expect(est.lines[2].basis == "6 月 × 1,200.00 元/月 = 7,200.00 元")
    }

    @Test("signing after the award's date loses the award")
    func lateSigning() throws {
        let est = CompensationEstimator(table: try Self.table()).estimate(
            .init(buildingID: "FW-1", floorAreaSquareMetres: 180, structure: "砖混"), inventory: [], signedOn: LocalDate("2021-07-01"))
        // 225 000 + 3 000 + 7 200 = 235 200.00
        #expect(est.total == Yuan(yuan: 235_200))
    }

    @Test("a parcel: 2.5 mu 0103 旱地 at the 区片 rate + 青苗 + 12 trees equals the hand sum")
    func parcel() throws {
        let e = CompensationEstimator(table: try Self.table())
        // 2.5 mu = 2.5 × 10 000 / 15 m² = 1 666.666… m².
        let land = CompensationEstimator.LandShare(
            parcelID: "DK-1", overlapSquareMetres: 2.5 * 10_000 / 15, landClass: "0103", landClassName: "旱地", village: "石桥村")
        let est = e.estimate(land, inventory: [InventoryLine(entity: .parcel, id: "DK-1", item: "树", quantity: Quantity(12), unit: .tree)])
        // 2.5 × 58 000 = 145 000; 青苗 2.5 × 1 800 = 4 500; 12 × 80 = 960. Sum 150 460.00.
        #expect(est.lines.map(\.amount.plain) == ["145000.00", "4500.00", "960.00"])
        #expect(est.total.plain == "150460.00")
        #expect(est.problems.isEmpty)
    }

    @Test("a clearance zone does not acquire the land: only the 12 trees are due, no land price and no 青苗")
    func clearanceZone() throws {
        #expect(!ProjectKind.clearanceZone.acquiresLand && ProjectKind.road.acquiresLand)
        let land = CompensationEstimator.LandShare(
            parcelID: "DK-1", overlapSquareMetres: 2.5 * 10_000 / 15, landClass: "0103", landClassName: "旱地", village: "石桥村",
            acquired: false)
        let est = CompensationEstimator(table: try Self.table()).estimate(
            land, inventory: [InventoryLine(entity: .parcel, id: "DK-1", item: "树", quantity: Quantity(12), unit: .tree)])
        // 12 × 80 = 960.00, nothing else.
        #expect(est.lines.map(\.category) == [.attachment])
        #expect(est.total.plain == "960.00")
        #expect(est.problems.isEmpty)
    }

    @Test("land without a rate is listed, not priced at zero silently")
    func unpriced() throws {
        let est = CompensationEstimator(table: try Self.table()).estimate(
            .init(parcelID: "DK-2", overlapSquareMetres: 1000, landClass: "1003", village: nil), inventory: [])
        #expect(est.lines.isEmpty)
        #expect(est.problems == ["no land rate for class 1003 in zone I in 2021标准"])
    }
}
