extension ProjectProgress.Change {
    /// One phrase of "what moved", e.g. 已签协议 +91 宗 123.45 亩; a setback (a move back, a new
    /// blocker) is marked so a page can show it differently.
    public struct Phrase: Sendable, Equatable {
        public var text: String
        public var isSetback: Bool
    }

    /// True when nothing moved.
    public var isEmpty: Bool { phrases(.zh).isEmpty }

    /// Every move, in workflow order: land by stage (mu and parcels), households and utilities by
    /// stage, blockers, red-line revisions. The one wording the text, Markdown and HTML reports share.
    public func phrases(_ lang: ReportLanguage) -> [Phrase] {
        let zh = lang == .zh
        var out: [Phrase] = []
        func signed(_ v: Double) -> String { (v > 0 ? "+" : "") + String(format: "%.2f", v) }
        func signed(_ v: Int) -> String { (v > 0 ? "+" : "") + "\(v)" }
        for st in LandStage.allCases {
            let mu = landReachedMu[st] ?? 0, n = landReachedParcels[st] ?? 0
            guard abs(mu) >= 0.005 || n != 0 else { continue }
            out.append(
                Phrase(
                    text: zh ? "\(st.zh) \(signed(n)) 宗 \(signed(mu)) 亩" : "\(signed(n)) parcels \(signed(mu)) mu \(st.en)",
                    isSetback: mu < 0 || n < 0))
        }
        for st in HouseholdStage.allCases {
            guard let n = householdsReached[st], n != 0 else { continue }
            out.append(Phrase(text: zh ? "\(st.zh) \(signed(n)) 户" : "\(signed(n)) households \(st.en)", isSetback: n < 0))
        }
        for st in UtilityStage.allCases {
            guard let n = utilitiesReached[st], n != 0 else { continue }
            out.append(Phrase(text: zh ? "\(st.zh) \(signed(n)) 处" : "\(signed(n)) utilities \(st.en)", isSetback: n < 0))
        }
        if newBlockers != 0 { out.append(Phrase(text: zh ? "新增受阻 \(newBlockers) 项" : "\(newBlockers) new blockers", isSetback: true)) }
        if resolvedBlockers != 0 {
            out.append(Phrase(text: zh ? "解除受阻 \(resolvedBlockers) 项" : "\(resolvedBlockers) blockers resolved", isSetback: false))
        }
        if redLineRevisions != 0 {
            out.append(Phrase(text: zh ? "红线调整 \(redLineRevisions) 次" : "\(redLineRevisions) red-line revisions", isSetback: false))
        }
        return out
    }
}
