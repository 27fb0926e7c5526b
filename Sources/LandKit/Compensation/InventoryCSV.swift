/// The survey inventory file (`landkit inventory import`): UTF-8 or GBK CSV with the header
/// `entity,id,item,quantity,unit` and optional `project,note` (Chinese aliases: 类型, 编号, 项目名称/品名,
/// 数量, 单位, 项目, 备注). Entity is parcel (地块) or household (户/房屋).
public enum InventoryCSV {
    public static let maximumBytes = 32 << 20
    public static let maximumRows = 500_000

    static let columns: [(String, [String])] = [
        ("entity", ["entity", "类型", "对象类型"]), ("id", ["id", "编号", "对象编号"]), ("item", ["item", "品名", "名称", "附着物"]),
        ("quantity", ["quantity", "数量"]), ("unit", ["unit", "单位"]), ("project", ["project", "项目"]), ("note", ["note", "备注"]),
    ]

    /// Reads every line; bad rows are collected with their lines.
    /// - Throws: `FormatError` (size, header), `ImportError` with every bad row (nothing is returned then).
    public static func read(_ bytes: [UInt8], file: String) throws -> [InventoryLine] {
        let csv = try HeaderedCSV(
            bytes, file: file, what: "an inventory", columns: columns, required: ["entity", "id", "item", "quantity", "unit"],
            expected: "entity,id,item,quantity,unit[,project,note]", maximumBytes: maximumBytes, maximumRows: maximumRows)
        var lines: [InventoryLine] = []
        var diags: [Diagnostic] = []
        for r in csv.rows {
            let field = r.field
            func bad(_ m: String) { diags.append(Diagnostic(.error, m, file: file, line: r.line, feature: field("id"))) }
            guard let e = field("entity"), let entity = StatusCSV.entityAliases[e.lowercased()], entity != .utility else {
                bad("entity \"\(field("entity") ?? "")\" is not parcel or household")
                continue
            }
            guard let id = field("id") else { bad("no id"); continue }
            guard let item = field("item") else { bad("no item"); continue }
            guard let u = field("unit"), let unit = CompensationUnit(parsing: u) else {
                bad("unit \"\(field("unit") ?? "")\" is not one of \(CompensationUnit.list)")
                continue
            }
            let quantity: Quantity
            do {
                quantity = try Quantity(parsing: field("quantity") ?? "")
            } catch {
                bad(error.message)
                continue
            }
            guard !(quantity < .zero) else { bad("quantity \(quantity) is negative"); continue }
            lines.append(
                InventoryLine(
                    entity: entity, id: id, projectID: field("project"), item: item, quantity: quantity, unit: unit, note: field("note")))
        }
        guard diags.isEmpty else { throw ImportError(file: file, diagnostics: diags) }
        return lines
    }
}
