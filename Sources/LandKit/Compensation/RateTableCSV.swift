import Foundation

/// The rate-table file (docs: README "Compensation"; sample `geodata/rates-2021.csv`): UTF-8 or GBK CSV
/// with the header `category,item,zone,unit,rate,quantity,date` and one rate per row. Lines whose first
/// field starts with `#` are comments.
///
/// | category | item | zone | unit | rate | quantity | date |
/// |---|---|---|---|---|---|---|
/// | `valid` | `from` or `to` | | | | | the date |
/// | `land` (区片综合地价) | land-class code (0103) | price zone | 亩 | 元/亩 | | |
/// | `crop` (青苗费) | land-class code | | 亩 | 元/亩 | | |
/// | `attachment` (附着物) | 树, 井, 坟, 棚 … | | 株/口/座/m² | 元/unit | | |
/// | `house` (房屋) | 砖混, 框架, 砖木, 简易 | | m² | 元/m² | | |
/// | `household` (每户) | 搬迁费, 过渡费, 奖励 … | | 户/月 | 元/unit | default quantity (6 months) | sign-by date (奖励) |
/// | `village` (区片划分) | village name | its price zone | | | | |
///
/// Rates are yuan with at most 2 decimals (`1,250.00` accepted); nothing is rounded on reading.
public enum RateTableCSV {
    /// Files above this size are refused before parsing (a county table has a few hundred rows).
    public static let maximumBytes = 4 << 20
    /// At most this many rows.
    public static let maximumRows = 20_000

    static let header = ["category", "item", "zone", "unit", "rate", "quantity", "date"]

    /// Parses a rate table; every bad row is reported with its line, and nothing is returned unless all are good.
    /// - Throws: `FormatError` for a file that is not a rate table (size, header); `ImportError` listing every bad row.
    public static func read(_ bytes: [UInt8], file: String, name: String) throws -> RateTable {
        guard bytes.count <= maximumBytes else {
            throw FormatError("the file is \(bytes.count) bytes; a rate table may have at most \(maximumBytes) bytes", file: file)
        }
        let (records, _) = try CSVReader().records(bytes, file: file)
        let content = records.filter { r in
            !(r.fields.first?.trimmingCharacters(in: .whitespaces).hasPrefix("#") ?? false)
                && !r.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        guard let head = content.first else {
            throw FormatError("the file is empty: expected the header \(header.joined(separator: ","))", file: file)
        }
        let names = head.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [String: Int] = [:]
        for k in header { if let i = names.firstIndex(of: k) { index[k] = i } }
        let missing = ["category", "item", "rate"].filter { index[$0] == nil }
        guard missing.isEmpty else {
            throw FormatError(
                "missing column \(missing.joined(separator: ", ")) in the header (expected \(header.joined(separator: ",")))", file: file,
                line: head.line)
        }
        guard content.count <= maximumRows + 1 else {
            throw FormatError("the file has \(content.count - 1) rows; a rate table may have at most \(maximumRows)", file: file)
        }
        var table = RateTable(name: name)
        var diags: [Diagnostic] = []
        var seen: [String: Int] = [:]
        for r in content.dropFirst() {
            func field(_ k: String) -> String {
                guard let i = index[k], i < r.fields.count else { return "" }
                return r.fields[i].trimmingCharacters(in: .whitespaces)
            }
            func bad(_ m: String) { diags.append(Diagnostic(.error, m, file: file, line: r.line)) }
            let category = field("category").lowercased(), item = field("item"), zone = field("zone")
            let key = "\(category)|\(item)|\(zone)|\(field("unit"))"
            if let first = seen[key] {
                bad("\(category) \(item) \(zone) repeats line \(first)")
                continue
            }
            seen[key] = r.line
            func date(_ text: String) -> LocalDate?? {
                if text.isEmpty { return .some(nil) }
                guard let d = LocalDate(text) else {
                    bad("date \"\(text)\" is not YYYY-MM-DD")
                    return nil
                }
                return d
            }
            func rate() -> Yuan? {
                do {
                    let y = try Yuan(parsing: field("rate"))
                    guard !y.isNegative else {
                        bad("rate \(y.plain) is negative")
                        return nil
                    }
                    return y
                } catch {
                    bad("rate: \(error.message)")
                    return nil
                }
            }
            func unit(_ expected: [CompensationUnit]) -> CompensationUnit? {
                let text = field("unit")
                guard let u = CompensationUnit(parsing: text.isEmpty ? expected.first?.rawValue ?? "" : text) else {
                    bad("unit \"\(text)\" is not one of \(CompensationUnit.list)")
                    return nil
                }
                guard expected.isEmpty || expected.contains(u) else {
                    bad("\(category) rates are per \(expected.map(\.zh).joined(separator: " or ")), not per \(u.zh)")
                    return nil
                }
                return u
            }
            guard !item.isEmpty else {
                bad("no item")
                continue
            }
            switch category {
            case "valid":
                guard let parsed = date(field("date")) else { continue }
                guard let d = parsed else {
                    bad("valid \(item) needs a date")
                    continue
                }
                switch item.lowercased() {
                case "from": table.validFrom = d
                case "to": table.validTo = d
                default: bad("valid item \"\(item)\" is not from or to")
                }
            case "land":
                guard unit([.mu]) != nil, let y = rate() else { continue }
                table.land[.init(zone: zone, landClass: item)] = y
            case "crop":
                guard unit([.mu]) != nil, let y = rate() else { continue }
                table.crops[item] = y
            case "attachment":
                guard let u = unit([]), let y = rate() else { continue }
                table.attachments[.init(item: item, unit: u)] = y
            case "house":
                guard unit([.squareMetre]) != nil, let y = rate() else { continue }
                table.houses[item] = y
            case "household":
                guard let u = unit([.household, .month, .piece]), let y = rate(), let signedBy = date(field("date")) else { continue }
                var q = Quantity(1)
                if !field("quantity").isEmpty {
                    do {
                        q = try Quantity(parsing: field("quantity"))
                    } catch {
                        bad("quantity: \(error.message)")
                        continue
                    }
                }
                table.householdItems.append(.init(item: item, unit: u, rate: y, quantity: q, signedBy: signedBy))
            case "village":
                guard !zone.isEmpty else {
                    bad("village \(item) needs its price zone in the zone column")
                    continue
                }
                table.villageZones[item] = zone
            default:
                bad("category \"\(field("category"))\" is not valid, land, crop, attachment, house, household or village")
            }
        }
        if let from = table.validFrom, let to = table.validTo, to < from {
            diags.append(Diagnostic(.error, "valid to \(to) is before valid from \(from)", file: file))
        }
        guard diags.isEmpty else { throw ImportError(file: file, diagnostics: diags) }
        guard table.rateCount > 0 else { throw FormatError("the file holds no rates", file: file) }
        return table
    }
}
