import Foundation

/// The paragraph for the work report, generated from a project's figures, in the style of the
/// sub-district's yearly report ("X大道延长线除边线3户（不影响施工）外其他已完成").
/// Mu with 2 decimals, percentages with 1.
public enum Narrative {
    static func mu(_ v: Double) -> String { String(format: "%.2f", v) }
    static func pct(_ v: Double) -> String { String(format: "%.1f", v) }

    /// Has anything happened at all?
    static func started(_ p: ProjectProgress) -> Bool {
        (p.land.reachedMu[.surveyed] ?? 0) > 0.0001 || p.households.stage[.pending] != p.households.inside + p.households.edge
            || p.utilities.stage[.pending] != p.utilities.items || !p.blockers.isEmpty || !p.deferredItems.isEmpty
    }

    /// The exceptions in Chinese: 边线3户（不影响施工）, 棉丰变电站（施工方原因）, …
    static func exceptionsZh(_ p: ProjectProgress) -> [String] {
        var out: [String] = []
        let deferredHouses = p.deferredItems.filter { $0.entity == .household }
        let edge = deferredHouses.filter { $0.position == .edge }.count, inner = deferredHouses.count - edge
        if edge > 0 { out.append("边线\(edge)户（不影响施工）") }
        if inner > 0 { out.append("\(inner)户（暂缓，不影响施工）") }
        let deferredLand = p.deferredItems.filter { $0.entity == .parcel }.count
        if deferredLand > 0 { out.append("\(deferredLand)宗地（暂缓，不影响施工）") }
        let deferredUtil = p.deferredItems.filter { $0.entity == .utility }.count
        if deferredUtil > 0 { out.append("\(deferredUtil)处杆线管线（暂缓，不影响施工）") }
        // Blocked items grouped by reason; utilities by name (棉丰变电站), others by count.
        for reason in BlockReason.allCases {
            let group = p.blockers.filter { $0.reason == reason }
            guard !group.isEmpty else { continue }
            var names: [String] = []
            let utilities = group.filter { $0.entity == .utility }
            names += utilities.map { $0.label ?? $0.id }
            let houses = group.filter { $0.entity == .household }.count
            if houses > 0 { names.append("\(houses)户") }
            let parcels = group.filter { $0.entity == .parcel }.count
            if parcels > 0 { names.append("\(parcels)宗地") }
            out.append(names.joined(separator: "、") + "（\(reason.zh)）")
        }
        return out
    }

    public static func chinese(_ p: ProjectProgress) -> String {
        var parts: [String] = []
        let total = p.households.inside + p.households.edge
        if !started(p) {
            return
                "\(p.name)：涉及用地\(mu(p.land.requiredMu))亩\(total > 0 ? "、房屋\(total)户" : "")\(p.utilities.items > 0 ? "、杆线管线\(p.utilities.items)处" : "")，尚未启动。"
        }
        if p.land.requiredMu > 0 {
            if p.land.clearedMu > 0.0001 {
                var s = "清理附着物\(mu(p.land.clearedMu))亩（\(pct(p.land.clearedPct))%）"
                if p.land.handedOverMu > 0.0001 { s += "，已交地\(mu(p.land.handedOverMu))亩" }
                parts.append(s)
            } else if (p.land.reachedMu[.agreed] ?? 0) > 0.0001 {
                let comp = p.land.reachedMu[.compensated] ?? 0
                parts.append(
                    comp > 0.0001
                        ? "签订协议\(mu(p.land.reachedMu[.agreed] ?? 0))亩，支付补偿（租金）\(mu(comp))亩" : "签订协议\(mu(p.land.reachedMu[.agreed] ?? 0))亩"
                )
            } else if (p.land.reachedMu[.inventoried] ?? 0) >= p.land.requiredMu - 0.005 {
                parts.append("勘测定界图已出，摸底工作已结束")
            } else if (p.land.reachedMu[.surveyed] ?? 0) >= p.land.requiredMu - 0.005 {
                parts.append("勘测定界图已出，摸底\(mu(p.land.reachedMu[.inventoried] ?? 0))亩")
            } else if (p.land.reachedMu[.surveyed] ?? 0) > 0.0001 {
                parts.append("完成勘测定界\(mu(p.land.reachedMu[.surveyed] ?? 0))亩")
            }
        }
        if total > 0 {
            if p.households.demolished > 0 {
                parts.append("拆除房屋\(p.households.demolished)户")
            } else if p.households.signed > 0 {
                parts.append("签约房屋\(p.households.signed)户")
            } else if (total - (p.households.stage[.pending] ?? 0)) > 0 {
                parts.append("入户摸底\(total - (p.households.stage[.pending] ?? 0))户")
            }
        }
        if p.utilities.items > 0 && p.utilities.relocated > 0 {
            parts.append("迁改杆线管线\(p.utilities.relocated)处（\(String(format: "%.0f", p.utilities.relocatedMetres))米）")
        }
        if let m = p.money, m.agreements > 0 { parts.append("已签订补偿协议\(agreementsZh(m))，兑付补偿款\(m.paid.wan)万元") }
        var text = "\(p.name)：" + (parts.isEmpty ? "" : parts.joined(separator: "，"))
        let exceptions = exceptionsZh(p)
        if p.open.isEmpty {
            text += (parts.isEmpty ? "" : "；") + (exceptions.isEmpty ? "已全部完成。" : "除\(exceptions.joined(separator: "、"))外其他已完成。")
        } else {
            var rest: [String] = []
            if p.open.landMu >= 0.005 { rest.append("\(mu(p.open.landMu))亩未清表") }
            if p.open.households > 0 { rest.append("\(p.open.households)户未拆除") }
            if p.open.utilities > 0 { rest.append("\(p.open.utilities)处杆线管线未迁改") }
            text += (parts.isEmpty ? "" : "；") + "尚有" + rest.joined(separator: "、")
            if !exceptions.isEmpty { text += "，另有" + exceptions.joined(separator: "、") }
            text += "。"
        }
        return text
    }

    /// "161份（房屋22户、地块139宗）": agreements are counted per household (户) and per parcel (宗).
    static func agreementsZh(_ m: ProjectMoney) -> String {
        let houses = m.householdAgreements, parcels = m.agreements - m.householdAgreements
        if parcels == 0 { return "\(houses)户" }
        if houses == 0 { return "\(parcels)宗" }
        return "\(m.agreements)份（房屋\(houses)户、地块\(parcels)宗）"
    }

    static func agreementsEn(_ m: ProjectMoney) -> String {
        let houses = m.householdAgreements, parcels = m.agreements - m.householdAgreements
        func n(_ k: Int, _ one: String, _ many: String) -> String { "\(k) \(k == 1 ? one : many)" }
        let all = n(m.agreements, "compensation agreement", "compensation agreements")
        if houses == 0 || parcels == 0 {
            return all + " (\(houses == 0 ? n(parcels, "parcel", "parcels") : n(houses, "household", "households")))"
        }
        return all + " (\(n(houses, "household", "households")), \(n(parcels, "parcel", "parcels")))"
    }

    static func exceptionsEn(_ p: ProjectProgress) -> [String] {
        var out: [String] = []
        let deferredHouses = p.deferredItems.filter { $0.entity == .household }
        let edge = deferredHouses.filter { $0.position == .edge }.count, inner = deferredHouses.count - edge
        func n(_ k: Int, _ one: String, _ many: String) -> String { "\(k) \(k == 1 ? one : many)" }
        if edge > 0 { out.append(n(edge, "edge household", "edge households") + " (no construction impact)") }
        if inner > 0 { out.append(n(inner, "household", "households") + " (deferred, no construction impact)") }
        let deferredLand = p.deferredItems.filter { $0.entity == .parcel }.count
        if deferredLand > 0 { out.append(n(deferredLand, "parcel", "parcels") + " (deferred, no construction impact)") }
        let deferredUtil = p.deferredItems.filter { $0.entity == .utility }.count
        if deferredUtil > 0 { out.append(n(deferredUtil, "utility", "utilities") + " (deferred, no construction impact)") }
        for reason in BlockReason.allCases {
            let group = p.blockers.filter { $0.reason == reason }
            guard !group.isEmpty else { continue }
            var names = group.filter { $0.entity == .utility }.map { $0.label ?? $0.id }
            let houses = group.filter { $0.entity == .household }.count
            if houses > 0 { names.append(n(houses, "household", "households")) }
            let parcels = group.filter { $0.entity == .parcel }.count
            if parcels > 0 { names.append(n(parcels, "parcel", "parcels")) }
            out.append(names.joined(separator: ", ") + " (blocked: \(reason.en))")
        }
        return out
    }

    public static func english(_ p: ProjectProgress) -> String {
        let total = p.households.inside + p.households.edge
        if !started(p) {
            return
                "\(p.name): \(mu(p.land.requiredMu)) mu of land\(total > 0 ? ", \(total) households" : "")\(p.utilities.items > 0 ? ", \(p.utilities.items) utilities" : ""); not started yet."
        }
        var parts: [String] = []
        if p.land.requiredMu > 0 {
            if p.land.clearedMu > 0.0001 {
                var s = "attachments cleared on \(mu(p.land.clearedMu)) mu (\(pct(p.land.clearedPct))%)"
                if p.land.handedOverMu > 0.0001 { s += ", \(mu(p.land.handedOverMu)) mu handed over" }
                parts.append(s)
            } else if (p.land.reachedMu[.agreed] ?? 0) > 0.0001 {
                let comp = p.land.reachedMu[.compensated] ?? 0
                parts.append(
                    "agreements signed on \(mu(p.land.reachedMu[.agreed] ?? 0)) mu"
                        + (comp > 0.0001 ? ", compensation (rent) paid on \(mu(comp)) mu" : ""))
            } else if (p.land.reachedMu[.inventoried] ?? 0) >= p.land.requiredMu - 0.005 {
                parts.append("survey map issued and baseline inventory finished")
            } else if (p.land.reachedMu[.surveyed] ?? 0) >= p.land.requiredMu - 0.005 {
                parts.append("survey map issued, \(mu(p.land.reachedMu[.inventoried] ?? 0)) mu inventoried")
            } else if (p.land.reachedMu[.surveyed] ?? 0) > 0.0001 {
                parts.append("\(mu(p.land.reachedMu[.surveyed] ?? 0)) mu surveyed")
            }
        }
        if total > 0 {
            if p.households.demolished > 0 {
                parts.append("\(p.households.demolished) \(p.households.demolished == 1 ? "house" : "houses") demolished")
            } else if p.households.signed > 0 {
                parts.append("\(p.households.signed) households signed")
            } else if (total - (p.households.stage[.pending] ?? 0)) > 0 {
                parts.append("\(total - (p.households.stage[.pending] ?? 0)) households inventoried")
            }
        }
        if p.utilities.items > 0 && p.utilities.relocated > 0 {
            parts.append("\(p.utilities.relocated) utilities relocated (\(String(format: "%.0f", p.utilities.relocatedMetres)) m)")
        }
        if let m = p.money, m.agreements > 0 {
            parts.append("\(agreementsEn(m)) signed, \(m.paid.wan) × 10k yuan paid")
        }
        var text = "\(p.name): " + parts.joined(separator: ", ")
        let exceptions = exceptionsEn(p)
        if p.open.isEmpty {
            text +=
                (parts.isEmpty ? "" : "; ") + (exceptions.isEmpty ? "all done." : "all done except \(exceptions.joined(separator: ", ")).")
        } else {
            var rest: [String] = []
            if p.open.landMu >= 0.005 { rest.append("\(mu(p.open.landMu)) mu to clear") }
            if p.open.households > 0 { rest.append("\(p.open.households) households to demolish") }
            if p.open.utilities > 0 { rest.append("\(p.open.utilities) utilities to relocate") }
            text += (parts.isEmpty ? "" : "; ") + rest.joined(separator: ", ")
            if !exceptions.isEmpty { text += "; also " + exceptions.joined(separator: ", ") }
            text += "."
        }
        return text
    }
}
