import Testing

@testable import LandKit

/// Terminal layout: widths in display columns per Unicode UAX #11 (wide CJK = 2; ambiguous “ ” … = 1 or 2).
@Suite("Terminal text layout")
struct TextLayoutTests {
    @Test("ambiguous characters count 1 by default and 2 where the terminal says so")
    func ambiguousWidth() {
        // “ and ” are ambiguous (A), 三 and 改 wide (W): 1 + 2 + 2 + 1, or 2 + 2 + 2 + 2.
        #expect(TextTable.displayWidth("“三改”", ambiguous: 1) == 6)
        #expect(TextTable.displayWidth("“三改”", ambiguous: 2) == 8)
        #expect(TextTable.displayWidth("abc", ambiguous: 2) == 3)
    }

    @Test("a long name is cut to the width with an ellipsis, a short one is left alone")
    func truncation() {
        let name = "新成简配套强弱电及燃气管道迁改"  // 15 wide characters = 30 columns
        let cut = TextTable.truncate(name, to: 26)
        #expect(cut == "新成简配套强弱电及燃气管…")  // 12 × 2 + "…" (1) = 25 ≤ 26
        #expect(TextTable.displayWidth(cut) <= 26)
        #expect(TextTable.truncate("X大道", to: 26) == "X大道")
    }

    @Test("wrapped Chinese prose keeps every line within the width and never starts a line with 。，、")
    func wrapping() {
        let text =
            "  高屋安置点：签订协议112.50亩，支付补偿（租金）80.39亩，签约房屋12户；尚有112.50亩未清表、12户未拆除、1处杆线管线未迁改。"
        let lines = TextTable.wrap(text, width: 60, indent: "    ")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { TextTable.displayWidth($0) <= 60 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") && !"。，、；）".contains($0.dropFirst(4).first ?? "x") })
        #expect(lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined() == text.trimmingCharacters(in: .whitespaces))
        // A narrow character at the edge does not break at the paragraph's leading indent (that left a
        // line holding one space and moved the paragraph down): the first line keeps the text.
        let edge = "  " + String(repeating: "拆", count: 28) + "444户"
        let cut = TextTable.wrap(edge, width: 60, indent: "    ")
        #expect(cut == ["  " + String(repeating: "拆", count: 28) + "44", "    4户"])
        // English breaks at spaces.
        let en = TextTable.wrap("attachments cleared on 539.97 mu (100.0%), 38 houses demolished", width: 30)
        #expect(en == ["attachments cleared on 539.97", "mu (100.0%), 38 houses", "demolished"])
    }
}
