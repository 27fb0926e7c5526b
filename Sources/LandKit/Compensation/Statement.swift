import Foundation

/// A household's (or parcel's) own compensation statement (补偿明细单): what it is due by the rate
/// table, line by line with the basis, the agreement signed, every payment, what is still owed, and
/// the documents kept. Built by ``StatementUseCases``; rendered as a printable page by ``html(unmasked:)``.
public struct Statement: Sendable {
    public var projectID: String
    public var projectName: String
    public var entity: EntityKind
    public var id: String
    /// Village and group (村组).
    public var place: String?
    /// Head of household — personal data, shown masked unless asked for.
    public var head: String?
    public var idCard: String?
    /// Floor area and structure of the house, for households.
    public var floorAreaSquareMetres: Double?
    public var structure: String?
    /// The parcel's share in the red line, ellipsoidal m², for parcels.
    public var overlapSquareMetres: Double?
    /// The current stage.
    public var stage: Stage
    /// The estimate by the project's rate table (nil: the project has none).
    public var estimate: ItemEstimate?
    public var rateTable: String?
    public var agreements: [MoneyRecord]
    public var payments: [MoneyRecord]
    public var attachments: [Attachment]
    /// The date printed on it.
    public var date: LocalDate
    public var timeZone: String

    public var agreed: Yuan { agreements.map(\.amount).sum() }
    public var paid: Yuan { payments.map(\.amount).sum() }
    /// Agreed minus paid (nil before an agreement).
    public var owed: Yuan? { agreements.isEmpty ? nil : agreed - paid }

    /// A self-contained, printable HTML page (A4, no external resources), in Chinese.
    public func html(unmasked: Bool = false) -> String {
        let esc = Markup.escape
        let head = unmasked ? self.head : PersonalData.maskName(self.head)
        let idCard = unmasked ? self.idCard : PersonalData.maskIDCard(self.idCard)
        var o = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(projectName)) · \(entity == .household ? "房屋" : "地块") \(esc(id)) · 补偿明细单</title>
            <style>
            body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1d1d1f;margin:0;background:#fff}
            .page{max-width:780px;margin:0 auto;padding:28px 32px}
            h1{font-size:22px;text-align:center;margin:0 0 4px} .sub{text-align:center;color:#555;margin:0 0 18px;font-size:13px}
            table{border-collapse:collapse;width:100%;margin:6px 0 16px;font-size:13.5px}
            th,td{border:1px solid #999;padding:5px 7px;text-align:left;vertical-align:top} th{background:#f2f2ee;font-weight:600}
            td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            tr.total td{font-weight:700;background:#fafaf7}
            h2{font-size:15px;margin:14px 0 2px;border-left:4px solid #3f007d;padding-left:8px}
            .muted{color:#666;font-size:12.5px} .sign{display:flex;justify-content:space-between;margin-top:36px;font-size:14px}
            .sign div{width:30%;border-top:1px solid #333;padding-top:6px}
            @media print{.page{padding:0} @page{size:A4;margin:16mm}}
            </style>
            </head>
            <body>
            <div class="page">

            """
        o += "<h1>\(esc(projectName)) 征地拆迁补偿明细单</h1>\n"
        o += "<p class=\"sub\">打印日期 \(date) · 金额单位：元（每行按“数量 × 单价”四舍五入到分，合计为各行之和）</p>\n"
        o += "<table class=\"who\">\n"
        o += "<tr><th>\(entity == .household ? "房屋编号" : "宗地编号")</th><td>\(esc(id))</td><th>村组</th><td>\(esc(place ?? ""))</td></tr>\n"
        if entity == .household {
            o += "<tr><th>户主</th><td>\(esc(head ?? ""))</td><th>身份证号</th><td>\(esc(idCard ?? ""))</td></tr>\n"
            let area = floorAreaSquareMetres.map { String(format: "%.2f m²", $0) } ?? ""
            o += "<tr><th>建筑面积</th><td>\(area)</td><th>结构</th><td>\(esc(structure ?? ""))</td></tr>\n"
        } else if let m2 = overlapSquareMetres {
            o += "<tr><th>征收面积</th><td colspan=\"3\">\(String(format: "%.2f m²（%.4f 亩）", m2, AreaUnit.mu(squareMetres: m2)))</td></tr>\n"
        }
        o += "<tr><th>当前阶段</th><td colspan=\"3\">\(esc(stage.zh))</td></tr>\n</table>\n"

        o += "<h2>补偿测算</h2>\n"
        if let estimate, !estimate.lines.isEmpty {
            o += "<p class=\"muted\">依据补偿标准：\(esc(rateTable ?? ""))</p>\n"
            o += "<table class=\"lines\">\n<tr><th>类别</th><th>项目</th><th>计算依据</th><th>金额</th></tr>\n"
            for l in estimate.lines {
                o +=
                    "<tr><td>\(esc(l.category.zh))</td><td>\(esc(l.item))</td><td>\(esc(l.basis))</td><td class=\"num\">\(l.amount.grouped)</td></tr>\n"
            }
            o += "<tr class=\"total\"><td colspan=\"3\">测算合计</td><td class=\"num\">\(estimate.total.grouped)</td></tr>\n</table>\n"
            if !estimate.problems.isEmpty {
                o += "<p class=\"muted\">未能测算：\(estimate.problems.map(esc).joined(separator: "；"))</p>\n"
            }
        } else {
            o += "<p class=\"muted\">本项目未设补偿标准，或本户无可测算项目。</p>\n"
        }

        o += "<h2>补偿协议</h2>\n"
        if agreements.isEmpty {
            o += "<p class=\"muted\">尚未签订协议。</p>\n"
        } else {
            o += "<table class=\"agreements\">\n<tr><th>协议编号</th><th>签订日期</th><th>协议金额</th><th>与测算差额</th></tr>\n"
            for a in agreements {
                let diff = estimate.map { a.amount - $0.total }.map { ($0.isNegative ? "" : "+") + $0.grouped } ?? ""
                o +=
                    "<tr><td>\(esc(a.number))</td><td>\(local(a.at))</td><td class=\"num\">\(a.amount.grouped)</td><td class=\"num\">\(diff)</td></tr>\n"
            }
            o += "</table>\n"
        }

        o += "<h2>兑付记录</h2>\n"
        if payments.isEmpty {
            o += "<p class=\"muted\">尚无兑付。</p>\n"
        } else {
            o += "<table class=\"payments\">\n<tr><th>凭证号</th><th>日期</th><th>金额</th><th>累计已付</th><th>说明</th></tr>\n"
            var running = Yuan(fen: 0)
            for p in payments {
                running = running + p.amount
                o +=
                    "<tr><td>\(esc(p.number))</td><td>\(local(p.at))</td><td class=\"num\">\(p.amount.grouped)</td><td class=\"num\">\(running.grouped)</td><td>\(esc(p.note.map(PersonalData.maskNumbers(in:)) ?? ""))</td></tr>\n"
            }
            o += "</table>\n"
        }
        if let owed {
            o +=
                "<table class=\"balance\">\n<tr class=\"total\"><td>协议金额</td><td class=\"num\">\(agreed.grouped)</td><td>已兑付</td><td class=\"num\">\(paid.grouped)</td><td>尚欠</td><td class=\"num\">\(owed.grouped)</td></tr>\n</table>\n"
        }
        if !attachments.isEmpty {
            o += "<h2>存档文件</h2>\n<table class=\"attachments\">\n<tr><th>类别</th><th>文件</th><th>大小</th><th>SHA-256（前 12 位）</th></tr>\n"
            for a in attachments {
                o +=
                    "<tr><td>\(esc(a.kind.zh))\(a.agreementNumber.map { "（\(esc($0))）" } ?? "")</td><td>\(esc(a.fileName))</td><td class=\"num\">\(Attachment.sizeText(a.size))</td><td>\(a.sha256.prefix(12))</td></tr>\n"
            }
            o += "</table>\n"
        }
        o += "<div class=\"sign\"><div>\(entity == .household ? "户主" : "权利人")签字</div><div>经办人签字</div><div>日期</div></div>\n"
        o += "<p class=\"muted\" style=\"margin-top:18px\">由 LandKit 生成。面积为 CGCS2000 椭球面积；金额为精确十进制，未经浮点运算。</p>\n"
        o += "</div>\n</body>\n</html>\n"
        return o
    }

    private func local(_ d: Date) -> String {
        LocalDate(d, timeZone: TimeZone(identifier: timeZone) ?? Timestamps.chinaStandardTime).description
    }
}

/// The statement of one household or parcel.
public enum StatementUseCases {
    /// - Throws: `WorkflowError` for an unknown project, or an item not in it.
    public static func statement(store: any LandStore, entity: EntityKind, id: String, projectID: String) throws -> Statement {
        try store.read { s in
            guard let p = try s.project(id: projectID) else { throw WorkflowError(.unknownProject, "no project \(projectID)") }
            guard entity != .utility else { throw WorkflowError(.invalidInput, "statements are for households and parcels") }
            guard let item = try s.item(entity, id: id, projectID: projectID) else {
                throw WorkflowError(
                    try s.featureExists(entity, id: id) ? .notInProject : .unknownItem,
                    "\(entity.rawValue) \(id) is not an item of project \(projectID)")
            }
            let tz = try s.timeZone()
            let rates = try s.projectRates(projectID: projectID)
            let estimate = try rates.flatMap { _ in
                try CompensationUseCases.estimates(projectID: projectID, in: s).first?.items.first { $0.entity == entity && $0.id == id }
            }
            let money = try s.moneyRecords(projectID: projectID, entity: entity, id: id)
            var statement = Statement(
                projectID: p.id, projectName: p.name, entity: entity, id: id, place: nil, head: nil, idCard: nil,
                floorAreaSquareMetres: nil,
                structure: nil, overlapSquareMetres: item.land?.squareMetres, stage: item.status.stage, estimate: estimate,
                rateTable: rates,
                agreements: money.filter { $0.kind == .agreement }, payments: money.filter { $0.kind == .payment },
                attachments: try s.attachments(projectID: projectID, entity: entity, id: id),
                date: LocalDate(Date(), timeZone: TimeZone(identifier: tz) ?? Timestamps.chinaStandardTime), timeZone: tz)
            if entity == .household, let b = try s.building(id: id) {
                statement.place = [b.village, b.group].compactMap { $0 }.joined()
                statement.head = b.head
                statement.idCard = b.idCard
                statement.floorAreaSquareMetres = b.floorAreaSquareMetres
                statement.structure = b.structure
            } else if let parcel = try s.parcel(id: id) {
                statement.place = [parcel.village, parcel.group].compactMap { $0 }.joined()
            }
            return statement
        }
    }
}
