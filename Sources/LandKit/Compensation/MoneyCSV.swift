import Foundation

/// The bulk agreement or payment file (`landkit agreement import`, `landkit payment import`): UTF-8 or
/// GBK CSV with the header `entity,id,project,number,amount` and optional `date,note,by` (Chinese
/// aliases: 类型, 编号, 项目, 协议编号/凭证号, 金额, 日期, 备注, 经办人). All rows or none are recorded.
public enum MoneyCSV {
    public static let maximumBytes = 16 << 20
    public static let maximumRows = 200_000

    static let columns: [(String, [String])] = [
        ("entity", ["entity", "类型", "对象类型"]), ("id", ["id", "编号", "对象编号"]), ("project", ["project", "项目"]),
        ("number", ["number", "no", "voucher", "协议编号", "凭证号", "凭证编号"]), ("amount", ["amount", "金额", "金额（元）", "金额(元)"]),
        ("date", ["date", "at", "日期", "时间"]), ("note", ["note", "备注"]), ("by", ["by", "经办人", "记录人"]),
    ]

    /// One row and its line.
    public struct Row: Sendable {
        public var line: Int
        public var request: MoneyRequest
    }

    /// Parses the file; every bad row is a diagnostic with its line.
    /// - Throws: `FormatError` when the file is not such a file at all (size, header).
    public static func read(_ bytes: [UInt8], file: String, kind: MoneyRecordKind, defaultBy: String?, timeZone: String) throws -> (
        rows: [Row], diagnostics: [Diagnostic]
    ) {
        let csv = try HeaderedCSV(
            bytes, file: file, what: kind == .agreement ? "an agreement file" : "a payment file", columns: columns,
            required: ["entity", "id", "project", "number", "amount"], expected: "entity,id,project,number,amount[,date,note,by]",
            maximumBytes: maximumBytes, maximumRows: maximumRows)
        var rows: [Row] = []
        var diags: [Diagnostic] = []
        for r in csv.rows {
            let field = r.field
            func bad(_ m: String) { diags.append(Diagnostic(.error, m, file: file, line: r.line, feature: field("id"))) }
            guard let e = field("entity"), let entity = StatusCSV.entityAliases[e.lowercased()], entity != .utility else {
                bad("entity \"\(field("entity") ?? "")\" is not parcel or household")
                continue
            }
            guard let id = field("id") else { bad("no id"); continue }
            guard let project = field("project") else { bad("no project"); continue }
            guard let number = field("number") else { bad(kind == .agreement ? "no agreement number" : "no voucher"); continue }
            let amount: Yuan
            do {
                amount = try Yuan(parsing: field("amount") ?? "")
            } catch {
                bad(error.message)
                continue
            }
            var at: Date?
            if let d = field("date") {
                do {
                    at = try Timestamps.parseInput(d, timeZone: timeZone)
                } catch {
                    bad(error.message)
                    continue
                }
            }
            rows.append(
                Row(
                    line: r.line,
                    request: MoneyRequest(
                        kind: kind, entity: entity, id: id, projectID: project, number: number, amount: amount, at: at, note: field("note"),
                        by: field("by") ?? defaultBy)))
        }
        return (rows, diags)
    }
}
