import Testing

@testable import LandKit

@Suite("Inventory CSV")
struct InventoryCSVTests {
    @Test("rows read with Chinese entity names and units")
    func reads() throws {
        let text = "entity,id,item,quantity,unit,project\n地块,DK-1,树,12,株,x-ave\nhousehold,FW-1,过渡费,8,月,\n"
        let lines = try InventoryCSV.read(Array(text.utf8), file: "inv.csv")
        #expect(lines.count == 2)
        #expect(lines[0] == InventoryLine(entity: .parcel, id: "DK-1", projectID: "x-ave", item: "树", quantity: Quantity(12), unit: .tree))
        #expect(lines[1].quantity == Quantity(8) && lines[1].unit == .month && lines[1].projectID == nil)
    }

    @Test("every bad row is reported by line")
    func bad() throws {
        let text = "entity,id,item,quantity,unit\nutility,U1,树,1,株\nparcel,DK-1,树,1.23456,株\nparcel,DK-1,树,3,斤\nparcel,DK-2,井,1,口\n"
        do {
            _ = try InventoryCSV.read(Array(text.utf8), file: "inv.csv")
            Issue.record("accepted")
        } catch let e as ImportError {
            #expect(e.diagnostics.map(\.line) == [2, 3, 4])
        }
    }
}
