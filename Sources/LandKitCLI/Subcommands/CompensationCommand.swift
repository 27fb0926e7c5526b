import ArgumentParser
import LandKit

/// Output format of the compensation estimate.
enum CompensationFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case csv
    case json
}

struct CompensationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compensation",
        abstract: "Estimate each project's compensation by its rate table, line by line (quantity × rate = amount).",
        discussion: Help.text(
            """
            Land: the acquired mu (the ellipsoidal overlap, 4 decimals) × the 区片综合地价 of its class and zone, plus 青苗费;
            attachments from the inventory; houses: floor area × the rate of their structure; per-household items. Each line
            is rounded half up to the fen; totals are exact sums of the lines. Amounts of single households are shown only
            with --unmasked. CSV and JSON give yuan as exact decimal text ("1234.50").

            Examples:
              landkit compensation --project x-ave-ext
              landkit compensation --format csv --unmasked > 补偿测算.csv
            """))

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only this project.") var project: String?
    @Option(help: "Output format: text, csv or json.") var format: CompensationFormat = .text
    @Flag(help: "Show the amounts of single households.") var unmasked = false

    struct JSONLine: Encodable {
        var category: String
        var item: String
        var quantity: String
        var unit: String
        var rate_yuan: Yuan
        var amount_yuan: Yuan
        var basis: String
    }

    struct JSONItem: Encodable {
        var entity: String
        var id: String
        var total_yuan: Yuan
        var lines: [JSONLine]
        var problems: [String]
    }

    struct JSONProject: Encodable {
        var project: String
        var rate_table: String
        var estimate_yuan: Yuan
        var by_category_yuan: [String: Yuan]
        var items: [JSONItem]
    }

    func run() throws {
        let estimates = try database.openForReading().read { try CompensationUseCases.estimates(projectID: project, in: $0) }
        if estimates.isEmpty { Output.err("no project has a rate table: `landkit project edit ID --rates NAME`") }
        func shown(_ i: ItemEstimate) -> Bool { unmasked || i.entity != .household }
        switch format {
        case .json:
            Output.out(
                try Output.json(
                    estimates.map { p in
                        JSONProject(
                            project: p.projectID, rate_table: p.rateTable, estimate_yuan: p.total,
                            by_category_yuan: Dictionary(
                                uniqueKeysWithValues: CompensationCategory.allCases.map { ($0.rawValue, p.total($0)) }),
                            items: p.items.filter(shown).map { i in
                                JSONItem(
                                    entity: i.entity.rawValue, id: i.id, total_yuan: i.total,
                                    lines: i.lines.map {
                                        JSONLine(
                                            category: $0.category.rawValue, item: $0.item, quantity: $0.quantity.fixed,
                                            unit: $0.unit.rawValue,
                                            rate_yuan: $0.rate, amount_yuan: $0.amount, basis: $0.basis)
                                    }, problems: i.problems)
                            })
                    }))
        case .csv:
            var rows = [["project", "entity", "id", "category", "item", "quantity", "unit", "rate_yuan", "amount_yuan", "basis"]]
            for p in estimates {
                for i in p.items where shown(i) {
                    for l in i.lines {
                        rows.append([
                            p.projectID, i.entity.rawValue, i.id, l.category.rawValue, l.item, l.quantity.fixed, l.unit.rawValue,
                            l.rate.plain,
                            l.amount.plain, l.basis,
                        ])
                    }
                }
                rows.append([p.projectID, "", "", "total", "", "", "", "", p.total.plain, ""])
            }
            Output.out(rows.map { $0.map { CSVReader().quote(OutputSafety.csvCell($0)) }.joined(separator: ",") }.joined(separator: "\n"))
        case .text:
            for p in estimates {
                Output.out("\(OutputSafety.terminal(p.projectName)) (\(p.projectID)), rate table \(OutputSafety.terminal(p.rateTable))")
                var rows = [["item", "category", "basis", "amount 元"]]
                for i in p.items where shown(i) {
                    for l in i.lines {
                        rows.append(["\(i.entity.rawValue) \(i.id)", "\(l.category.zh) \(l.item)", l.basis, l.amount.grouped])
                    }
                }
                for c in CompensationCategory.allCases { rows.append(["", c.zh, "", p.total(c).grouped]) }
                rows.append(["total", "合计", "", p.total.grouped])
                Output.out(TextTable.render(rows.map { $0.map(OutputSafety.terminal) }, numeric: [3]))
                let households = p.items.filter { $0.entity == .household }.count
                if !unmasked, households > 0 {
                    Output.out("\(households) households' own amounts are in the totals; per household: --unmasked")
                }
                let problems = p.items.flatMap { i in i.problems.map { "\(i.entity.rawValue) \(i.id): \($0)" } }
                for pr in problems.prefix(20) { Output.err("not priced: \(pr)") }
                if problems.count > 20 { Output.err("… and \(problems.count - 20) more items not priced") }
            }
        }
    }
}
