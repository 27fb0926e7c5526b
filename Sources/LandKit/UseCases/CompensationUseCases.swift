import Foundation
import Logging

/// Rate tables, inventory, estimates, agreements and payments: the use cases the CLI (and later the
/// server) share. Every write is one transaction: all or nothing.
public enum CompensationUseCases {
    /// Reads a rate table file and stores it under `name`.
    /// - Throws: `FormatError`/`ImportError` for a bad file (every bad row by line), a store error for a name in use.
    public static func importRates(_ bytes: [UInt8], file: String, name: String, store: any LandStore) throws -> RateTable {
        let table = try RateTableCSV.read(bytes, file: file, name: name)
        let (text, _) = try TextDecoding.decode(bytes, file: file)
        try store.write { try $0.saveRateTable(table, source: text) }
        return table
    }

    /// The stored rate table `name`, parsed.
    /// - Throws: `WorkflowError.invalidInput` when there is no such table.
    public static func rateTable(_ name: String, in s: any StoreSession) throws -> RateTable {
        guard let source = try s.rateTableSource(name: name) else {
            throw WorkflowError(.invalidInput, "no rate table \(name): see `landkit rates list`")
        }
        return try RateTableCSV.read(Array(source.utf8), file: "rate table \(name)", name: name)
    }

    /// Makes project `projectID` use the rate table `name`.
    public static func setProjectRates(projectID: String, name: String, store: any LandStore) throws {
        try ProjectUseCases.edit(store: store, projectID: projectID, .init(rates: name), by: nil, note: nil)
    }

    /// Reads an inventory CSV and replaces the inventory of every item it names, checking each names a feature.
    /// - Returns: the lines stored.
    public static func importInventory(_ bytes: [UInt8], file: String, store: any LandStore) throws -> [InventoryLine] {
        let lines = try InventoryCSV.read(bytes, file: file)
        try store.write { s in
            var unknown: [Diagnostic] = []
            var checked: [String: Bool] = [:]
            for l in lines {
                let k = "\(l.entity.rawValue) \(l.id)"
                let exists = try checked[k] ?? s.featureExists(l.entity, id: l.id)
                checked[k] = exists
                if !exists { unknown.append(Diagnostic(.error, "unknown \(k)", file: file, feature: l.id)) }
            }
            guard unknown.isEmpty else { throw ImportError(file: file, diagnostics: unknown) }
            try s.replaceInventory(lines)
        }
        return lines
    }

    /// The estimate of every project with a rate table (or of `projectID`).
    /// - Throws: `WorkflowError` for an unknown project or one without a rate table.
    public static func estimates(projectID: String?, in s: any StoreSession) throws -> [ProjectEstimate] {
        let projects: [Project]
        if let projectID {
            guard let p = try s.project(id: projectID) else { throw WorkflowError(.unknownProject, "no project \(projectID)") }
            guard try s.projectRates(projectID: projectID) != nil else {
                throw WorkflowError(
                    .invalidInput, "project \(projectID) has no rate table: `landkit project edit \(projectID) --rates NAME`")
            }
            projects = [p]
        } else {
            projects = try s.projects().filter { try s.projectRates(projectID: $0.id) != nil }
        }
        let inventory = Dictionary(grouping: try s.inventory()) { "\($0.entity.rawValue)\u{0}\($0.id)" }
        let timeZone = try s.timeZone()
        var out: [ProjectEstimate] = []
        for p in projects {
            guard let name = try s.projectRates(projectID: p.id) else { continue }
            let estimator = CompensationEstimator(table: try rateTable(name, in: s))
            let signed = Dictionary(
                try s.moneyRecords(projectID: p.id).filter { $0.kind == .agreement }.map {
                    ("\($0.entity.rawValue)\u{0}\($0.entityID)", LocalDate($0.at, timeZone: TimeZone(identifier: timeZone) ?? .gmt))
                }, uniquingKeysWith: { a, _ in a })
            var items: [ItemEstimate] = []
            for item in try s.items(projectID: p.id, entity: nil) where !item.outOfZone {
                let key = "\(item.entity.rawValue)\u{0}\(item.id)"
                let inv = (inventory[key] ?? []).filter { $0.projectID == nil || $0.projectID == p.id }
                switch item.overlap {
                case .land(let l):
                    guard !l.sliver else { continue }
                    let parcel = try s.parcel(id: item.id)
                    items.append(
                        estimator.estimate(
                            .init(
                                parcelID: item.id, overlapSquareMetres: l.squareMetres, landClass: parcel?.landClass,
                                landClassName: parcel?.landClassName, village: parcel?.village, acquired: p.kind.acquiresLand),
                            inventory: inv))
                case .household:
                    let b = try s.building(id: item.id)
                    items.append(
                        estimator.estimate(
                            .init(buildingID: item.id, floorAreaSquareMetres: b?.floorAreaSquareMetres, structure: b?.structure),
                            inventory: inv,
                            signedOn: signed[key]))
                case .utility: continue
                }
            }
            out.append(ProjectEstimate(projectID: p.id, projectName: p.name, rateTable: name, items: items))
        }
        return out
    }

    /// Records agreements or payments in one transaction, all or nothing, through ``MoneyLedger``.
    /// - Throws: the first `WorkflowError` (nothing is recorded then).
    public static func record(_ requests: [MoneyRequest], store: any LandStore, logger: Logger) throws -> [MoneyOutcome] {
        let out = try store.write { s -> [MoneyOutcome] in
            let ledger = MoneyLedger(workflow: Workflow(timeZone: try s.timeZone()))
            return try requests.map { r in try ledger.record(r, estimate: try estimate(of: r, in: s), in: s) }
        }
        logger.info("money: \(out.count) record(s) written")
        return out
    }

    /// Reads an agreement or payment CSV and records every row, or none: every bad row is reported by line.
    /// - Throws: `FormatError` for a file that is not such a file; `ImportError` listing every bad row.
    public static func importCSV(
        _ bytes: [UInt8], file: String, kind: MoneyRecordKind, defaultBy: String?, store: any LandStore, logger: Logger
    ) throws -> [MoneyOutcome] {
        let timeZone = try store.read { try $0.timeZone() }
        let (rows, diagnostics) = try MoneyCSV.read(bytes, file: file, kind: kind, defaultBy: defaultBy, timeZone: timeZone)
        return try store.write { s -> [MoneyOutcome] in
            let ledger = MoneyLedger(workflow: Workflow(timeZone: timeZone))
            var diags = diagnostics
            var out: [MoneyOutcome] = []
            for row in rows {
                do {
                    out.append(try ledger.record(row.request, estimate: nil, in: s))
                } catch let e as WorkflowError {
                    diags.append(Diagnostic(.error, e.message, file: file, line: row.line, feature: row.request.id))
                }
            }
            guard diags.isEmpty else { throw ImportError(file: file, diagnostics: diags.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
            logger.info("money import: \(out.count) record(s) of \(file)")
            return out
        }
    }

    /// The estimate of the item an agreement is for, when its project has a rate table.
    private static func estimate(of r: MoneyRequest, in s: any StoreSession) throws -> Yuan? {
        guard r.kind == .agreement, try s.projectRates(projectID: r.projectID) != nil else { return nil }
        return try estimates(projectID: r.projectID, in: s).first?.items.first { $0.entity == r.entity && $0.id == r.id }?.total
    }

    /// Budget, signed and paid of every project (or `projectID`) at the end of `asOf` (nil: now).
    public static func moneySummaries(projectID: String?, asOf: LocalDate?, in s: any StoreSession) throws -> [MoneySummary] {
        let timeZone = try s.timeZone()
        let limit = asOf.map { Timestamps.endOfDay($0, timeZone: timeZone) } ?? Timestamps.now()
        let today = asOf ?? LocalDate(limit, timeZone: TimeZone(identifier: timeZone) ?? .gmt)
        let estimates = Dictionary(uniqueKeysWithValues: try estimates(projectID: nil, in: s).map { ($0.projectID, $0.total) })
        let records = try s.moneyRecords(projectID: projectID).filter { $0.at <= limit }
        let projects = try projectID.map { id in try s.project(id: id).map { [$0] } ?? [] } ?? s.projects()
        return projects.map { p in
            let mine = records.filter { $0.projectID == p.id }
            var unpaid: [MoneySummary.Unpaid] = []
            for a in mine where a.kind == .agreement {
                let paid = MoneyLedger.balance(mine, a.key).paid
                if paid < a.amount {
                    let signed = LocalDate(a.at, timeZone: TimeZone(identifier: timeZone) ?? .gmt)
                    unpaid.append(.init(agreement: a, paid: paid, daysSinceSigning: ReportBuilder.days(from: signed, to: today)))
                }
            }
            return MoneySummary(
                projectID: p.id, estimate: estimates[p.id], agreed: mine.filter { $0.kind == .agreement }.map(\.amount).sum(),
                agreements: mine.filter { $0.kind == .agreement }.count,
                householdAgreements: mine.filter { $0.kind == .agreement && $0.entity == .household }.count,
                paid: mine.filter { $0.kind == .payment }.map(\.amount).sum(),
                unpaid: unpaid)
        }
    }
}

/// A project's money at a date: budget (estimate), signed, paid and the agreements not yet paid in full.
public struct MoneySummary: Sendable, Hashable {
    public var projectID: String
    /// The estimate by the project's rate table (nil: it has none).
    public var estimate: Yuan?
    public var agreed: Yuan
    /// Agreements signed.
    public var agreements: Int
    /// Of those, the households'.
    public var householdAgreements: Int
    public var paid: Yuan
    public var unpaid: [Unpaid]

    /// An agreement not yet paid in full.
    public struct Unpaid: Sendable, Hashable {
        public var agreement: MoneyRecord
        public var paid: Yuan
        public var daysSinceSigning: Int
    }
}
