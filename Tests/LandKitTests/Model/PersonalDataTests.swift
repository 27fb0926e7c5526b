import Foundation
import Testing

@testable import LandKit

/// Personal data is masked by content as well as by column name (issue 12, defect 10).
@Suite("Personal data by content")
struct PersonalDataTests {
    // 11010519491231002X is the example of GB 11643-1999: Σ digit × weight (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2)
    // = 167, 167 mod 11 = 2 → check character X. For 510122199001011234 the sum is 174, 174 mod 11 = 9 → 3,
    // not 4: not a valid ID number, so it stays as typed (it could be a parcel or contract number).
    @Test(
        "ID, old ID, mobile and landline numbers in a note are masked; other numbers are not",
        arguments: [
            ("户主身份证11010519491231002X已核", "户主身份证1101**********002X已核"),
            ("旧证110105491231002", "旧证1101*******1002"),
            ("联系13812345678或028-87654321", "联系138****5678或028-****4321"),
            ("补偿款120000元，面积180平方米", "补偿款120000元，面积180平方米"),
            ("编号510122199001011234", "编号510122199001011234"),
        ])
    func notes(_ text: String, _ expected: String) {
        #expect(PersonalData.maskNumbers(in: text) == expected)
    }

    @Test("the ID check digit follows GB 11643 (ISO 7064 MOD 11-2)")
    func checkDigit() {
        #expect(PersonalData.isIDNumber("11010519491231002X"))
        #expect(!PersonalData.isIDNumber("110105194912310021"))
    }

    @Test("free attributes outside the fixed columns are masked by name and by content")
    func attributes() throws {
        let json = #"{"配偶身份证号":"11010519491231002X","手机号":"13912345678","联系人":"王秀兰","备注":"另一电话13700001111","结构":"砖混"}"#
        let masked = try #require(PersonalData.maskAttributesJSON(json))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(masked.utf8)) as? [String: String])
        #expect(object["配偶身份证号"] == "1101**********002X")
        #expect(object["手机号"] == "139****5678")
        #expect(object["联系人"] == "王*")
        #expect(object["备注"] == "另一电话137****1111")
        #expect(object["结构"] == "砖混")
    }
}
