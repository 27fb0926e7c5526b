import ArgumentParser
import Foundation
import LandKit

/// Times the overlap engine alone, for `Scripts/bench`: loads every parcel and zone into memory
/// first (timed separately), then computes every project's overlaps without writing anything.
struct BenchOverlapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-overlaps",
        abstract: "Time OverlapEngine over all projects on data already in memory (for Scripts/bench).",
        discussion: """
            Prints one JSON object: load_s, compute_s, per-project totals (planar and ellipsoidal m²).

            Example:
              landkit-testsupport bench-overlaps --db zoned.gpkg --threads 2
            """)

    @OptionGroup var database: StoreOptions
    @Option(help: "Worker threads (default: all cores).") var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Parcels per engine call.") var batchSize: Int = 10_000
    @Flag(help: "Hand the engine only parcels whose bounding box meets the red line's (boxes computed while loading).")
    var prefilter = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
    }

    struct ProjectTotal: Encodable {
        var id: String
        var parcels: Int
        var planar_m2: Double
        var ellipsoidal_m2: Double
    }

    struct Result: Encodable {
        var load_s: Double
        var compute_s: Double
        var threads: Int
        var prefilter: Bool
        var parcels: Int
        var projects: Int
        var overlapping: Int
        var total_planar_m2: Double
        var total_m2: Double
        var per_project: [ProjectTotal]
    }

    func run() throws {
        let clock = ContinuousClock()
        let store = try database.open()
        let crs = store.storageCRS
        var shapes: [ParcelShape] = []
        var boxes: [Envelope?] = []
        var projectZones: [(String, [Zone])] = []
        let load = try clock.measure {
            try store.read { s in
                for p in try s.projects() {
                    projectZones.append((p.id, try s.zones(projectID: p.id)))
                }
                try s.forEachParcelBatch(batchSize: batchSize, onlyDirty: false) { batch in
                    for p in batch {
                        boxes.append(prefilter ? p.source.envelope : nil)
                        shapes.append(p.shape(key: Int64(shapes.count)))
                    }
                }
            }
        }
        var totals: [ProjectTotal] = []
        let configuration = OverlapEngine.Configuration(threads: threads)
        let compute = try clock.measure {
            for (id, zones) in projectZones {
                var total = ProjectTotal(id: id, parcels: 0, planar_m2: 0, ellipsoidal_m2: 0)
                defer { totals.append(total) }
                guard !zones.isEmpty else { continue }
                let redLine = try ProjectOverlaps.redLine(of: zones, crs: crs)
                let engine = try OverlapEngine(redLine: redLine, configuration: configuration)
                defer { engine.close() }
                var candidates = shapes
                if prefilter {
                    guard let box = redLine.envelope else { continue }
                    candidates = zip(shapes, boxes).compactMap { shape, b in b.map { $0.intersects(box) } == true ? shape : nil }
                }
                for start in stride(from: 0, to: candidates.count, by: batchSize) {
                    let out = try engine.parcels(Array(candidates[start..<min(candidates.count, start + batchSize)]))
                    for o in out.overlaps {
                        total.parcels += 1
                        total.planar_m2 += o.overlapPlanarSquareMetres
                        total.ellipsoidal_m2 += o.overlapSquareMetres
                    }
                }
            }
        }
        let result = Result(
            load_s: Self.seconds(load), compute_s: Self.seconds(compute), threads: threads, prefilter: prefilter, parcels: shapes.count,
            projects: projectZones.count, overlapping: totals.reduce(0) { $0 + $1.parcels },
            total_planar_m2: totals.reduce(0) { $0 + $1.planar_m2 }, total_m2: totals.reduce(0) { $0 + $1.ellipsoidal_m2 },
            per_project: totals)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
