import Testing

@testable import LandKit

/// A project's figures built by hand: `requiredMu` of land of which `clearedMu` cleared, households
/// (inside + edge) of which `demolished` demolished, utilities of which `relocated` relocated.
func progress(
    name: String = "X大道延长线", requiredMu: Double, clearedMu: Double, inside: Int, edge: Int, demolished: Int,
    utilities: Int = 0, relocated: Int = 0, relocatedMetres: Double = 0,
    blockers: [ProjectProgress.Blocker] = [], deferred: [ProjectProgress.DeferredItem] = [], open: ProjectProgress.Open
) -> ProjectProgress {
    var stageMu: [LandStage: Double] = [:], reached: [LandStage: Double] = [:]
    for s in LandStage.allCases { stageMu[s] = 0 }
    stageMu[.pending] = requiredMu - clearedMu
    stageMu[.cleared] = clearedMu
    for s in LandStage.allCases { reached[s] = s == .pending ? requiredMu : clearedMu }
    var hStage: [HouseholdStage: Int] = [:]
    for s in HouseholdStage.allCases { hStage[s] = 0 }
    hStage[.pending] = inside + edge - demolished
    hStage[.demolished] = demolished
    var uStage: [UtilityStage: Int] = [:]
    for s in UtilityStage.allCases { uStage[s] = 0 }
    uStage[.pending] = utilities - relocated
    uStage[.relocated] = relocated
    let deferredHouses = deferred.filter { $0.entity == .household }
    return ProjectProgress(
        id: "p", name: name, kind: .road, due: nil, daysLeft: nil,
        land: .init(
            parcels: 10, requiredSquareMetres: requiredMu * AreaUnit.squareMetresPerMu, requiredMu: requiredMu, byClass: [],
            stageMu: stageMu,
            reachedMu: reached, clearedMu: clearedMu, clearedPct: requiredMu > 0 ? clearedMu / requiredMu * 100 : 0, handedOverMu: 0,
            handedOverPct: 0),
        households: .init(
            inside: inside, edge: edge, stage: hStage, signed: demolished, vacated: demolished, demolished: demolished,
            demolishedPct: inside + edge > 0 ? Double(demolished) / Double(inside + edge) * 100 : 0,
            deferred: deferredHouses.count, deferredEdge: deferredHouses.filter { $0.position == .edge }.count),
        utilities: .init(
            items: utilities, lengthMetres: relocatedMetres, stage: uStage, relocated: relocated, relocatedMetres: relocatedMetres),
        blockers: blockers, deferredItems: deferred, change: nil, outOfZone: 0, open: open)
}

@Suite("Report paragraphs")
struct NarrativeTests {
    static let none = ProjectProgress.Open(landMu: 0, households: 0, utilities: 0)

    @Test("all done")
    func allDone() {
        let p = progress(requiredMu: 128.4, clearedMu: 128.4, inside: 37, edge: 0, demolished: 37, open: Self.none)
        #expect(Narrative.chinese(p) == "X大道延长线：清理附着物128.40亩（100.0%），拆除房屋37户；已全部完成。")
        #expect(Narrative.english(p) == "X大道延长线: attachments cleared on 128.40 mu (100.0%), 37 houses demolished; all done.")
    }

    @Test("agreements are counted per household (户) and per parcel (宗), and the paid sum is in 万元")
    func agreements() {
        var p = progress(requiredMu: 128.4, clearedMu: 128.4, inside: 22, edge: 0, demolished: 22, open: Self.none)
        // 161 agreements of which 22 households: 139 parcels; 24,510,200.49 yuan paid = 2451.02 万元 (half up).
        p.money = ProjectMoney(
            estimate: nil, agreed: Yuan(yuan: 24_510_201), agreements: 161, householdAgreements: 22, paid: Yuan(fen: 2_451_020_049),
            unpaid: [])
        #expect(
            Narrative.chinese(p)
                == "X大道延长线：清理附着物128.40亩（100.0%），拆除房屋22户，已签订补偿协议161份（房屋22户、地块139宗），兑付补偿款2451.02万元；已全部完成。")
        #expect(
            Narrative.english(p)
                == "X大道延长线: attachments cleared on 128.40 mu (100.0%), 22 houses demolished, 161 compensation agreements (22 households, 139 parcels) signed, 2451.02 × 10k yuan paid; all done."
        )
        p.money?.householdAgreements = 0
        #expect(Narrative.chinese(p).contains("已签订补偿协议161宗，"))
        #expect(Narrative.english(p).contains("161 compensation agreements (161 parcels) signed"))
    }

    @Test("all done except deferred edge households (no construction impact)")
    func exceptEdge() {
        let deferred = (1...3).map { ProjectProgress.DeferredItem(entity: .household, id: "H\($0)", position: .edge, note: "边线户，不影响施工") }
        let p = progress(requiredMu: 128.4, clearedMu: 128.4, inside: 34, edge: 6, demolished: 37, deferred: deferred, open: Self.none)
        #expect(Narrative.chinese(p) == "X大道延长线：清理附着物128.40亩（100.0%），拆除房屋37户；除边线3户（不影响施工）外其他已完成。")
        #expect(
            Narrative.english(p)
                == "X大道延长线: attachments cleared on 128.40 mu (100.0%), 37 houses demolished; all done except 3 edge households (no construction impact)."
        )
    }

    @Test("one item blocked by the contractor")
    func blockedByContractor() {
        let b = ProjectProgress.Blocker(
            entity: .utility, id: "SUB-MF", label: "棉丰变电站", reason: .contractor, owner: "contractor", note: nil, since: nil, days: nil)
        let p = progress(
            name: "X大道", requiredMu: 50, clearedMu: 50, inside: 0, edge: 0, demolished: 0, utilities: 5, relocated: 4,
            relocatedMetres: 1200,
            blockers: [b], open: Self.none)
        #expect(Narrative.chinese(p) == "X大道：清理附着物50.00亩（100.0%），迁改杆线管线4处（1200米）；除棉丰变电站（施工方原因）外其他已完成。")
        #expect(
            Narrative.english(p)
                == "X大道: attachments cleared on 50.00 mu (100.0%), 4 utilities relocated (1200 m); all done except 棉丰变电站 (blocked: contractor's side)."
        )
    }

    @Test("nothing started")
    func nothingStarted() {
        let p = progress(
            name: "阳安中学市政道路", requiredMu: 43.3, clearedMu: 0, inside: 1, edge: 4, demolished: 0,
            open: .init(landMu: 43.3, households: 5, utilities: 0))
        #expect(Narrative.chinese(p) == "阳安中学市政道路：涉及用地43.30亩、房屋5户，尚未启动。")
        #expect(Narrative.english(p) == "阳安中学市政道路: 43.30 mu of land, 5 households; not started yet.")
    }

    @Test("work under way lists what remains")
    func underWay() {
        let p = progress(
            requiredMu: 100, clearedMu: 60, inside: 10, edge: 0, demolished: 4, open: .init(landMu: 40, households: 6, utilities: 0))
        #expect(Narrative.chinese(p) == "X大道延长线：清理附着物60.00亩（60.0%），拆除房屋4户；尚有40.00亩未清表、6户未拆除。")
    }
}
