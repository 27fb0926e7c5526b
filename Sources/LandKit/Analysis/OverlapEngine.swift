import Foundation

/// Computes what one red line takes: acquired parcel areas, inside/edge buildings and utility
/// lengths, in batches, on long-lived worker threads.
///
/// Built once per red line: the red line is cut into square tiles (aligned to multiples of the
/// tile size), and each worker thread — created one after another — builds its own GEOS context,
/// its own prepared tiles and STRtree, and its own PROJ transformer. Batches are then streamed
/// through without rebuilding anything; only `Sendable` values cross threads.
///
/// Per parcel (geo.md, "The fast overlap pipeline"): a box test on values first (a box meeting
/// no tile is outside; a box lying in tiles the red line fills entirely is wholly inside, no
/// GEOS object is built for either), then STRtree of tile boxes → prepared
/// `Intersects` → prepared `ContainsProperly` (wholly inside: the stored areas are reused) →
/// otherwise `parcel ∩ tile` for each tile it meets, polygonal parts only, planar areas summed
/// and the ellipsoidal area of those pieces computed on CGCS2000. A total under 0.01 m² is zero
/// and the parcel is not listed (touching is not overlapping).
///
/// Results do not depend on the number of threads or on the tiling (up to ~1e-6 m² of rounding
/// where a seam cuts a parcel), and come sorted by key.
///
/// Totals across projects, land counted once: build an engine on ``RedLine/union(_:)`` of the
/// projects' red lines; each parcel's overlap is then its area inside any project, and the sum
/// over parcels never counts a square metre twice (per-project engines give per-project figures).
///
/// Calls block the calling thread until the batch is done (keep them off the cooperative thread
/// pool in async code); concurrent callers take turns. The engine is `Sendable`: it holds only the
/// red line value, its configuration and the channel to its workers.
public final class OverlapEngine: Sendable {
    /// How the engine cuts and spreads the work.
    public struct Configuration: Sendable, Hashable {
        /// Edge of a red line tile, metres (200–500 m works well; geo.md).
        public var tileSizeMetres: Double
        /// Worker threads (≥ 1); defaults to the active processor count.
        public var threads: Int
        /// Overlaps under this ellipsoidal area, m², are flagged as slivers for review.
        public var sliverThresholdSquareMetres: Double
        /// Items per unit of work handed to a worker: small enough to balance the threads, large
        /// enough that handing out work costs nothing.
        public var chunkSize: Int

        public init(
            tileSizeMetres: Double = 250, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
            sliverThresholdSquareMetres: Double = 1, chunkSize: Int = 256
        ) {
            self.tileSizeMetres = tileSizeMetres
            self.threads = threads
            self.sliverThresholdSquareMetres = sliverThresholdSquareMetres
            self.chunkSize = chunkSize
        }
    }

    public let redLine: RedLine
    public let configuration: Configuration
    /// Number of non-empty tiles the red line was cut into.
    public let tileCount: Int
    /// Boxes covering the tiles (a run of neighbouring tiles per row each): a shape with a positive
    /// overlap has a box meeting one of them, so these are what to ask a store's spatial index for.
    public let coverage: [Envelope]
    private let channel = WorkerChannel()

    /// Cuts the red line into tiles and starts the worker threads, one after another.
    /// - Parameters:
    ///   - redLine: the project's red line (its CRS is the CRS of every shape given later).
    ///   - configuration: tile size, threads, sliver threshold.
    /// - Throws: `OverlapError` for a bad configuration, or when a worker cannot build its GEOS
    ///   or PROJ objects (e.g. PROJ does not know the CRS).
    public init(redLine: RedLine, configuration: Configuration = Configuration()) throws(OverlapError) {
        guard configuration.threads >= 1 else {
            throw OverlapError("an overlap engine needs at least 1 thread, got \(configuration.threads)")
        }
        guard configuration.chunkSize >= 1 else { throw OverlapError("chunk size must be at least 1, got \(configuration.chunkSize)") }
        guard configuration.sliverThresholdSquareMetres >= 0, configuration.sliverThresholdSquareMetres.isFinite else {
            throw OverlapError("sliver threshold must be a non-negative number of m², got \(configuration.sliverThresholdSquareMetres)")
        }
        self.redLine = redLine
        self.configuration = configuration
        let tiles = try redLine.tiles(sizeMetres: configuration.tileSizeMetres)
        tileCount = tiles.count
        coverage = RedLineTile.coverage(of: tiles, sizeMetres: configuration.tileSizeMetres)
        for id in 0..<configuration.threads {
            let channel = channel
            let thread = Thread {
                OverlapWorker.serve(id: id, channel: channel, redLine: redLine, tiles: tiles, configuration: configuration)
            }
            thread.name = "landkit-overlap-\(id)"
            thread.stackSize = 16 << 20  // GEOS recurses on complex shapes
            thread.start()
            // One after another: GEOS context creation races (libgeos #1311), and a failure is
            // reported here rather than on the first batch.
            if let failure = channel.awaitStartup(of: id) {
                channel.close()
                throw OverlapError("overlap worker \(id + 1) could not start: \(failure)")
            }
        }
    }

    /// An engine on the union of several projects' red lines, for totals that count land once:
    /// each parcel's overlap is then its area inside any of the projects.
    /// - Throws: `OverlapError` when the red lines' CRSs differ, or as ``init(redLine:configuration:)``.
    public convenience init(unionOf redLines: [RedLine], configuration: Configuration = Configuration()) throws(OverlapError) {
        try self.init(redLine: try RedLine.union(redLines), configuration: configuration)
    }

    deinit { channel.close() }

    /// Stops the worker threads; later calls throw. Also done when the engine is released.
    public func close() { channel.close() }

    /// The acquired area of each parcel of the batch that overlaps the red line.
    /// - Parameter batch: parcels in the red line's CRS (e.g. ~10 000 at a time from the store).
    /// - Returns: only the overlapping parcels (≥ 0.01 m²), sorted by key, and diagnostics for
    ///   parcels repaired or skipped.
    /// - Throws: `OverlapError` when the engine is closed.
    public func parcels(_ batch: [ParcelShape]) throws(OverlapError) -> OverlapBatch<ParcelOverlap> {
        try run(batch, key: \.key, envelope: \.source.envelope, WorkChunk.Items.parcels) { if case .parcels(let o) = $0 { o } else { [] } }
    }

    /// The position of each building of the batch that is inside or on the edge of the red line.
    /// - Parameter batch: footprints or points in the red line's CRS.
    /// - Returns: inside and edge buildings sorted by key (outside ones are not listed).
    /// - Throws: `OverlapError` when the engine is closed.
    public func buildings(_ batch: [BuildingShape]) throws(OverlapError) -> OverlapBatch<BuildingOverlap> {
        try run(batch, key: \.key, envelope: \.geometry.envelope, WorkChunk.Items.buildings) {
            if case .buildings(let o) = $0 { o } else { [] }
        }
    }

    /// The length inside the red line of each utility line of the batch (metres), and the point or
    /// footprint utilities inside it.
    /// - Parameter batch: utilities in the red line's CRS.
    /// - Returns: utilities to relocate sorted by key (lines with < 0.01 m inside are not listed).
    /// - Throws: `OverlapError` when the engine is closed.
    public func utilities(_ batch: [UtilityShape]) throws(OverlapError) -> OverlapBatch<UtilityOverlap> {
        try run(batch, key: \.key, envelope: \.geometry.envelope, WorkChunk.Items.utilities) {
            if case .utilities(let o) = $0 { o } else { [] }
        }
    }

    private func run<Shape, Overlap>(
        _ batch: [Shape], key: (Shape) -> Int64, envelope: (Shape) -> Envelope?, _ wrap: ([Shape]) -> WorkChunk.Items,
        _ unwrap: (ChunkResult.Overlaps) -> [Overlap]
    ) throws(OverlapError) -> OverlapBatch<Overlap> where Overlap: Sendable & Hashable, Overlap: Keyed {
        // Bounding-box prefilter on the caller's thread: shapes whose boxes miss the red line's never
        // cross to a worker. Shapes without a finite box go on, so the workers report them.
        var batch = batch
        if let box = redLine.envelope {
            batch = batch.filter { shape in
                guard let e = envelope(shape), e.minX.isFinite, e.minY.isFinite, e.maxX.isFinite, e.maxY.isFinite else {
                    return true
                }
                return e.intersects(box)
            }
        }
        var chunks: [WorkChunk] = []
        var start = 0
        while start < batch.count {
            let end = min(batch.count, start + configuration.chunkSize)
            chunks.append(WorkChunk(index: chunks.count, items: wrap(Array(batch[start..<end]))))
            start = end
        }
        guard let results = channel.run(chunks) else { throw OverlapError("the overlap engine is closed") }
        // Chunks come back in input order and each keeps its items in input order, so sorting by
        // (key, position) gives the same array whatever thread did what.
        let overlaps = results.flatMap { unwrap($0.overlaps) }.enumerated()
            .sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            .map(\.element)
        return OverlapBatch(overlaps: overlaps, diagnostics: results.flatMap(\.diagnostics))
    }
}

/// Results the engine sorts by their item's key.
protocol Keyed {
    var key: Int64 { get }
}

extension ParcelOverlap: Keyed {}
extension BuildingOverlap: Keyed {}
extension UtilityOverlap: Keyed {}
