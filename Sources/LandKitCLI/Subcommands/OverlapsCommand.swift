import ArgumentParser
import Foundation
import LandKit

enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case csv
    case json
}

struct OverlapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overlaps",
        abstract: "Compute what is stale, then list acquisitions (mu), houses inside/on the edge and utilities to relocate.",
        discussion: Help.text(
            """
            Areas are ellipsoidal on CGCS2000 (official), planar figures are given too. A project's red line is the union
            of its zones. Pieces under 0.01 m² are zero; overlaps under the sliver threshold are listed for review.
            Only what changed since the last run is recomputed.

            Examples:
              landkit overlaps
              landkit overlaps --project x-ave-ext --format json
            """))

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only this project.") var project: String?
    @Option(help: "Worker threads (default: one per core).") var threads: Int?

    /// The threads to use: as given, or one per core.
    var threadCount: Int { max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount) }
    @Option(help: ArgumentHelp("Overlaps under this many m² are listed as slivers.", valueName: "M2")) var sliver: Double = 1
    @Option(help: "Output format: table, csv or json.") var format: TableFormat = .table
    @Flag(help: "Compute only; print a one-line summary.") var quiet = false
    @Flag(inversion: .prefixedNo, help: "Start CSV with a UTF-8 byte-order mark (Excel on Windows reads Chinese text then).")
    var bom = true

    func validate() throws {
        guard (threads ?? 1) >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard sliver >= 0, sliver.isFinite else { throw ValidationError("--sliver must be a non-negative number of m²") }
    }

    struct JSONParcel: Encodable {
        var id: String
        var overlap_m2: Double
        var overlap_planar_m2: Double
        var overlap_mu: Double
        var fraction: Double
        var sliver: Bool
        var out_of_zone: Bool
    }

    struct JSONBuilding: Encodable {
        var id: String
        var position: String
        var out_of_zone: Bool
    }

    struct JSONUtility: Encodable {
        var id: String
        var length_m: Double
        var out_of_zone: Bool
    }

    struct JSONProject: Encodable {
        var id: String
        var name: String
        var parcels: [JSONParcel]
        var buildings: [JSONBuilding]
        var utilities: [JSONUtility]
        var slivers: [String]
        var required_m2: Double
        var required_planar_m2: Double
        var required_mu: Double
    }

    struct JSONRevision: Encodable {
        var project: String
        var from_revision: Int
        var to_revision: Int
        var parcels_added: [String]
        var parcels_removed: [String]
        var parcels_changed: [String]
        var delta_m2: Double
        var delta_mu: Double
        var households_became_inside: [String]
        var households_became_edge: [String]
        var households_became_outside: [String]
        var utilities_added: [String]
        var utilities_removed: [String]

        init(_ d: RevisionDiff) {
            project = d.projectID
            from_revision = d.fromRevision
            to_revision = d.toRevision
            parcels_added = d.parcelsAdded
            parcels_removed = d.parcelsRemoved
            parcels_changed = d.parcelsChanged
            delta_m2 = d.deltaSquareMetres
            delta_mu = d.deltaMu
            households_became_inside = d.becameInside
            households_became_edge = d.becameEdge
            households_became_outside = d.becameOutside
            utilities_added = d.utilitiesAdded
            utilities_removed = d.utilitiesRemoved
        }
    }

    struct JSONOutput: Encodable {
        var crs: String
        var projects: [JSONProject]
        /// What red-line revisions did, in this run.
        var revisions: [JSONRevision]
        /// Items that left the red line after they had progressed and are not closed yet ("project:entity:id").
        var out_of_zone_open: [String]
        var union_required_m2: Double
        var union_required_mu: Double
        var union_note: String
    }

    func run() throws {
        let store = try database.open()
        let logger = database.logger()
        let config = OverlapEngine.Configuration(threads: threadCount, sliverThresholdSquareMetres: sliver)
        let progress = ProgressLine(label: "overlaps", unit: "projects", enabled: Output.stderrIsTerminal && !quiet)
        defer { progress.finish() }
        let summary = try OverlapUseCases.compute(
            store: store, projectID: project, configuration: config, logger: logger, progress: progress.handler
        ).summary
        progress.finish()
        for d in summary.diagnostics { Output.err(d.description) }
        for (e, id, p) in summary.newlyOutOfZone {
            Output.err("\(e.rawValue) \(id) no longer overlaps \(p): kept (it had progressed) and marked out of zone")
        }
        for d in summary.revisions { Output.err(Self.describe(d)) }
        let computed =
            summary.nothingToDo
            ? "nothing was stale"
            : "recomputed \(summary.projectsComputed.count) project(s): \(summary.parcelsExamined) parcels, \(summary.buildingsExamined) buildings, \(summary.utilitiesExamined) utilities examined"
        if quiet {
            Output.out(computed)
            return
        }
        Output.err(computed)
        let listing = try OverlapUseCases.listing(store: store, projectID: project)
        let result = JSONOutput(
            crs: listing.crs.description,
            projects: listing.projects.map { p in
                JSONProject(
                    id: p.project.id, name: p.project.name,
                    parcels: p.parcels.map {
                        let land = $0.land ?? LandOverlap(squareMetres: 0, planarSquareMetres: 0, fraction: 0, sliver: false)
                        return JSONParcel(
                            id: $0.id, overlap_m2: land.squareMetres, overlap_planar_m2: land.planarSquareMetres, overlap_mu: land.mu,
                            fraction: land.fraction, sliver: land.sliver, out_of_zone: $0.outOfZone)
                    },
                    buildings: p.households.map {
                        JSONBuilding(id: $0.id, position: ($0.position ?? .inside).rawValue, out_of_zone: $0.outOfZone)
                    },
                    utilities: p.utilities.map { JSONUtility(id: $0.id, length_m: $0.lengthMetres ?? 0, out_of_zone: $0.outOfZone) },
                    slivers: p.slivers.map(\.id), required_m2: p.requiredSquareMetres, required_planar_m2: p.requiredPlanarSquareMetres,
                    required_mu: AreaUnit.mu(squareMetres: p.requiredSquareMetres))
            },
            revisions: summary.revisions.map(JSONRevision.init),
            out_of_zone_open: listing.projects.flatMap { p in
                p.items.filter { $0.outOfZone && !$0.status.closed }.map { "\(p.project.id):\($0.entity.rawValue):\($0.id)" }
            },
            union_required_m2: listing.unionRequiredSquareMetres,
            union_required_mu: AreaUnit.mu(squareMetres: listing.unionRequiredSquareMetres),
            union_note: "land inside several projects is counted once")
        switch format {
        case .json:
            Output.out(try Output.json(result))
        case .csv:
            var lines = ["project,entity,id,overlap_m2,overlap_planar_m2,overlap_mu,fraction,position,length_m,sliver,out_of_zone"]
            for p in result.projects {
                for x in p.parcels {
                    lines.append(
                        "\(p.id),parcel,\(csv(x.id)),\(f(x.overlap_m2, 4)),\(f(x.overlap_planar_m2, 4)),\(f(x.overlap_mu, 4)),\(f(x.fraction, 6)),,,\(x.sliver),\(x.out_of_zone)"
                    )
                }
                for b in p.buildings { lines.append("\(p.id),household,\(csv(b.id)),,,,,\(b.position),,,\(b.out_of_zone)") }
                for u in p.utilities { lines.append("\(p.id),utility,\(csv(u.id)),,,,,,\(f(u.length_m, 2)),,\(u.out_of_zone)") }
            }
            Output.out(Output.csv(lines.joined(separator: "\n"), bom: bom))
        case .table:
            var rows = [["project", "parcels", "required mu", "planar mu", "inside", "edge", "utilities", "length m", "slivers"]]
            for p in result.projects {
                rows.append([
                    p.id, "\(p.parcels.filter { !$0.out_of_zone }.count)", f(p.required_mu, 2),
                    f(AreaUnit.mu(squareMetres: p.required_planar_m2), 2),
                    "\(p.buildings.filter { $0.position == "inside" && !$0.out_of_zone }.count)",
                    "\(p.buildings.filter { $0.position == "edge" && !$0.out_of_zone }.count)",
                    "\(p.utilities.filter { !$0.out_of_zone }.count)",
                    f(p.utilities.filter { !$0.out_of_zone }.reduce(0) { $0 + $1.length_m }, 1), "\(p.slivers.count)",
                ])
            }
            var text = TextTable.render(rows, numeric: Set(1...8))
            text +=
                "\n\nall projects, land counted once: \(f(result.union_required_mu, 2)) mu (\(f(result.union_required_m2, 1)) m², ellipsoidal CGCS2000)"
            let slivers = result.projects.flatMap { p in p.slivers.map { "\(p.id):\($0)" } }
            if !slivers.isEmpty {
                text +=
                    "\nslivers to review (< \(f(sliver, 2)) m²): " + slivers.prefix(20).joined(separator: ", ")
                    + (slivers.count > 20 ? " …" : "")
            }
            if !result.out_of_zone_open.isEmpty {
                text +=
                    "\nout of the red line after progress, to close with `landkit status close … --note`: "
                    + result.out_of_zone_open.prefix(20).joined(separator: ", ") + (result.out_of_zone_open.count > 20 ? " …" : "")
            }
            Output.out(text)
        }
    }

    /// One line per revision: what it did to the project's items.
    static func describe(_ d: RevisionDiff) -> String {
        func list(_ ids: [String]) -> String {
            ids.isEmpty ? "" : " (" + ids.prefix(8).joined(separator: ", ") + (ids.count > 8 ? " …" : "") + ")"
        }
        return
            "red line of \(d.projectID) revised (revision \(d.fromRevision) → \(d.toRevision)): parcels +\(d.parcelsAdded.count)\(list(d.parcelsAdded)) −\(d.parcelsRemoved.count)\(list(d.parcelsRemoved)), \(d.parcelsChanged.count) changed, "
            + String(format: "%+.2f mu", d.deltaMu)
            + "; households: \(d.becameInside.count) now inside\(list(d.becameInside)), \(d.becameEdge.count) now on the edge\(list(d.becameEdge)), \(d.becameOutside.count) now outside\(list(d.becameOutside)); utilities +\(d.utilitiesAdded.count) −\(d.utilitiesRemoved.count)"
    }

    private func f(_ v: Double, _ d: Int) -> String { String(format: "%.\(d)f", v) }
    private func csv(_ s: String) -> String { OutputSafety.csvCell(s) }
}
