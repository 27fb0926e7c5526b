import ArgumentParser
import Foundation
import LandKit

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case md
    case csv
    case json
    case html
}

extension ReportLanguage: ExpressibleByArgument {}
extension ReportBreakdown: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Progress for leaders: land (mu), households, utilities, blockers, change since a date, and the report paragraph.",
        discussion: Help.text(
            """
            Areas are ellipsoidal mu on CGCS2000. --as-of reports any past date from the event log; --since adds the change
            since that date. Personal data is masked unless --unmasked is given.

            Examples:
              landkit report
              landkit report --project x-ave-ext --since 2021-12-24 --format md
              landkit report --as-of 2021-12-31 --format html --out report.html
              landkit report --project x-ave-ext --by section
            """))

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only this project.") var project: String?
    @Option(help: ArgumentHelp("Report as of the end of this date (default: now).", valueName: "YYYY-MM-DD")) var asOf: String?
    @Option(help: ArgumentHelp("Add the change since the end of this date.", valueName: "YYYY-MM-DD")) var since: String?
    @Option(help: "text, md, csv, json or html.") var format: ReportFormat = .text
    @Option(help: "Language of the text: zh or en.") var lang: ReportLanguage = .zh
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE")) var out: String?
    @Flag(help: "Show personal data (names) in full.") var unmasked = false
    @Flag(help: "Also projects closed by the report date.") var includeClosed = false
    @Option(help: ArgumentHelp("Also break each project down by section (标段) or team.", valueName: "section|team"))
    var by: ReportBreakdown?
    @Flag(help: "Text: every column and full names (wider than 120 columns).") var wide = false
    @Flag(inversion: .prefixedNo, help: "Start CSV with a UTF-8 byte-order mark (Excel on Windows reads Chinese text then).")
    var bom = true

    func parseDate(_ text: String?, _ flag: String) throws -> LocalDate? {
        guard let text else { return nil }
        guard let d = LocalDate(text) else { throw ValidationError("\(flag) \"\(text)\" is not a date YYYY-MM-DD") }
        return d
    }

    func run() throws {
        let asOfDate = try parseDate(asOf, "--as-of"), sinceDate = try parseDate(since, "--since")
        if let a = asOfDate, let s = sinceDate, s > a { throw ValidationError("--since \(s) is after --as-of \(a)") }
        let store = try database.openForReading()
        let report = try ReportUseCases.report(
            store: store, asOf: asOfDate, since: sinceDate, projectID: project, unmasked: unmasked, includeClosed: includeClosed,
            breakdown: by, logger: database.logger())
        if !report.staleProjects.isEmpty {
            Output.err(
                "warning: the figures of \(report.staleProjects.count) project(s) predate changes to features or red lines (an import, a zone change, an edit in QGIS): run `landkit overlaps` first"
            )
        }
        let text: String
        switch format {
        case .json: text = try ReportFormatter.json(report, lang: lang)
        case .text: text = ReportFormatter.text(report, lang: lang, wide: wide)
        case .md: text = ReportFormatter.markdown(report, lang: lang)
        case .csv: text = Output.csv(ReportFormatter.csv(report), bom: bom)
        case .html: text = try ReportUseCases.dashboard(report, store: store, asOf: asOfDate)
        }
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else { throw CLIError("cannot write \(out)") }
            Output.err("wrote \(out)")
        } else {
            Output.out(text)
        }
    }
}
