import Foundation

/// One worker thread's private state: its GEOS context, its own prepared copies of the red line
/// tiles and their STRtree, and its own PROJ transformer (inside `AreaCalculator`).
///
/// Built on the worker thread and never leaves it (not `Sendable`): GEOS contexts, prepared
/// geometries, STRtrees and PROJ objects are all single-thread objects (libgeos #825, PROJ docs).
/// GEOS objects made for an item die with the item, so memory stays flat across batches.
final class OverlapWorker {
    /// Pieces (and overlaps) under this many m² are zero: GEOS predicates and overlays can
    /// disagree by such slivers where shapes only touch (libgeos #1018).
    static let zeroAreaSquareMetres = 0.01
    /// Utility lengths under this many metres are zero (a line touching the red line).
    static let zeroLengthMetres = 0.01

    private let engine: GeometryEngine
    private let tiles: [PreparedGeometry]
    private let tree: STRtree
    private let areas: AreaCalculator
    private let redLine: RedLine
    private let sliverThreshold: Double
    /// The whole red line, prepared, built on first use (buildings and utilities only).
    private var wholeRedLine: PreparedGeometry?
    /// Grid cells (column, row) that hold a tile: a shape whose box meets none of them is outside
    /// without building any GEOS object for it.
    private let occupied: Set<SIMD2<Int>>
    /// Cells wholly inside the red line (the tile is the full cell square).
    private let fullCells: Set<SIMD2<Int>>
    private let tileSize: Double
    /// Copied out of `redLine`: reading it through the struct would retain buffers shared with the
    /// other workers on every item (atomic reference counts bouncing between cores).
    private let redLineBox: Envelope?

    init(redLine: RedLine, tiles: [RedLineTile], configuration: OverlapEngine.Configuration) throws {
        engine = try GeometryEngine()
        var prepared: [PreparedGeometry] = []
        prepared.reserveCapacity(tiles.count)
        tree = try STRtree(engine: engine)
        for (index, tile) in tiles.enumerated() {
            prepared.append(try engine.prepare(tile.geometry))
            try tree.insert(tile.cell, item: index)
        }
        self.tiles = prepared
        tileSize = configuration.tileSizeMetres
        redLineBox = redLine.envelope
        func cellIndex(_ tile: RedLineTile) -> SIMD2<Int> {
            SIMD2(
                Int((tile.cell.minX / configuration.tileSizeMetres).rounded()),
                Int((tile.cell.minY / configuration.tileSizeMetres).rounded()))
        }
        occupied = Set(tiles.map(cellIndex))
        fullCells = Set(tiles.filter(\.isFullCell).map(cellIndex))
        areas = try AreaCalculator(crs: redLine.crs)
        self.redLine = redLine
        sliverThreshold = configuration.sliverThresholdSquareMetres
    }

    /// The thread body: builds the worker, reports to the engine, then serves chunks until the
    /// channel closes.
    static func serve(id: Int, channel: WorkerChannel, redLine: RedLine, tiles: [RedLineTile], configuration: OverlapEngine.Configuration) {
        let worker: OverlapWorker
        do {
            worker = try OverlapWorker(redLine: redLine, tiles: tiles, configuration: configuration)
        } catch {
            channel.reportStartup(of: id, failure: "\(error)")
            return
        }
        channel.reportStartup(of: id, failure: nil)
        while let chunk = channel.nextChunk() {
            channel.finish(worker.process(chunk))
        }
    }

    func process(_ chunk: WorkChunk) -> ChunkResult {
        var diagnostics: [Diagnostic] = []
        func each<Shape, Overlap>(_ shapes: [Shape], key: (Shape) -> Int64, _ body: (Shape, inout [Diagnostic]) throws -> Overlap?)
            -> [Overlap]
        {
            var out: [Overlap] = []
            for shape in shapes {
                do {
                    if let overlap = try body(shape, &diagnostics) { out.append(overlap) }
                } catch {
                    diagnostics.append(Diagnostic(.error, "cannot compute the overlap: \(error)", feature: String(key(shape))))
                }
            }
            return out
        }
        switch chunk.items {
        case .parcels(let shapes):
            return ChunkResult(index: chunk.index, overlaps: .parcels(each(shapes, key: \.key, parcel)), diagnostics: diagnostics)
        case .buildings(let shapes):
            return ChunkResult(index: chunk.index, overlaps: .buildings(each(shapes, key: \.key, building)), diagnostics: diagnostics)
        case .utilities(let shapes):
            return ChunkResult(index: chunk.index, overlaps: .utilities(each(shapes, key: \.key, utility)), diagnostics: diagnostics)
        }
    }

    // MARK: Tiles

    /// How a shape meets the tiles.
    private enum Reach {
        case outside
        /// One tile contains the shape properly (interior only), so the red line does.
        case whollyInside
        /// The shape meets these tiles (sorted, so sums run in the same order on every thread).
        case partly([Int])
    }

    /// What the shape's box alone tells (no GEOS object built).
    private enum QuickReach {
        /// The box meets no tile.
        case outside
        /// Every cell the box overlaps is wholly inside the red line, so the shape is covered by
        /// the red line (its area is all acquired).
        case whollyInside
        case unknown
    }

    private func quickReach(_ geometry: Geometry) -> QuickReach { quickReach(box: geometry.envelope) }

    private func quickReach(box: Envelope?) -> QuickReach {
        guard let box else { return .outside }
        guard let redLineBox, box.intersects(redLineBox) else { return .outside }
        // Clamped to the red line's box (finite, checked when tiling) so the cell numbers fit an Int.
        let minX = max(box.minX, redLineBox.minX), maxX = min(box.maxX, redLineBox.maxX)
        let minY = max(box.minY, redLineBox.minY), maxY = min(box.maxY, redLineBox.maxY)
        let cx = Int((minX / tileSize).rounded(.down)), cy = Int((minY / tileSize).rounded(.down))
        let x1 = Int((maxX / tileSize).rounded(.down)), y1 = Int((maxY / tileSize).rounded(.down))
        if !fullCells.isEmpty, box.minX >= redLineBox.minX, box.maxX <= redLineBox.maxX, box.minY >= redLineBox.minY,
            box.maxY <= redLineBox.maxY
        {
            // Every cell the box overlaps with positive area is full: the shape lies in their union,
            // which is inside the red line (seams between full cells are interior to it).
            let fx1 = max(cx, Int((maxX / tileSize).rounded(.up)) - 1), fy1 = max(cy, Int((maxY / tileSize).rounded(.up)) - 1)
            if (fx1 - cx + 1) * (fy1 - cy + 1) <= 64,
                (cx...fx1).allSatisfy({ x in (cy...fy1).allSatisfy { fullCells.contains(SIMD2(x, $0)) } })
            {
                return .whollyInside
            }
        }
        // Cells from one to the west/south as well: a box edge on a seam touches that cell too.
        let x0 = cx - 1, y0 = cy - 1
        guard (x1 - x0 + 1) * (y1 - y0 + 1) <= 64 else { return .unknown }  // a big shape: let the STRtree decide
        for x in x0...x1 {
            for y in y0...y1 where occupied.contains(SIMD2(x, y)) { return .unknown }
        }
        return .outside
    }

    private func reach(_ g: GEOSGeom) throws -> Reach {
        guard !tiles.isEmpty else { return .outside }
        var hits: [Int] = []
        for index in tree.query(g).sorted() {
            let tile = tiles[index]
            guard try tile.intersects(g) else { continue }
            // Tiles only share seams, so a shape properly inside one tile meets no other: only the
            // first tile it meets can contain it.
            if hits.isEmpty, try tile.containsProperly(g) { return .whollyInside }
            hits.append(index)
        }
        return hits.isEmpty ? .outside : .partly(hits)
    }

    /// The polygonal parts of shape ∩ tiles; lines and points where they only touch are dropped.
    private func pieces(_ g: GEOSGeom, _ hits: [Int]) throws -> [Polygon] {
        var polygons: [Polygon] = []
        for index in hits {
            polygons += try engine.polygons(try engine.intersection(tiles[index].geometry, g))
        }
        return polygons
    }

    private func whole() throws -> PreparedGeometry {
        if let wholeRedLine { return wholeRedLine }
        let prepared = try engine.prepare(redLine.geometry)
        wholeRedLine = prepared
        return prepared
    }

    /// Tiles the shape meets (sorted).
    private func hitTiles(_ g: GEOSGeom) throws -> [Int] {
        var hits: [Int] = []
        for index in tree.query(g).sorted() where try tiles[index].intersects(g) { hits.append(index) }
        return hits
    }

    /// The shape itself when valid; otherwise the shape repaired with MakeValid (STRUCTURE), and a
    /// warning. Only shapes that reach an overlay are checked: overlays need valid input, the
    /// prepared predicates before them do not.
    private func validated(_ g: GEOSGeom, key: Int64, _ diagnostics: inout [Diagnostic]) throws -> (shape: GEOSGeom, hits: [Int]?) {
        guard let reason = try engine.invalidityReason(g) else { return (g, nil) }
        diagnostics.append(
            Diagnostic(
                .warning, "geometry is invalid (\(reason)); repaired with MakeValid (STRUCTURE) for the overlap", feature: String(key)))
        let repaired = try engine.makeValid(g)
        return (repaired, try hitTiles(repaired))
    }

    // MARK: Parcels

    private func parcel(_ p: ParcelShape, _ diagnostics: inout [Diagnostic]) throws -> ParcelOverlap? {
        func whollyInside() -> ParcelOverlap? {
            guard p.planarAreaSquareMetres >= Self.zeroAreaSquareMetres else { return nil }
            return ParcelOverlap(
                key: p.key, overlapSquareMetres: p.ellipsoidalAreaSquareMetres, overlapPlanarSquareMetres: p.planarAreaSquareMetres,
                fraction: 1, isSliver: p.ellipsoidalAreaSquareMetres < sliverThreshold, isWhollyInside: true)
        }
        switch quickReach(box: p.source.envelope) {
        case .outside: return nil
        case .whollyInside: return whollyInside()
        case .unknown: break
        }
        let g = try engine.make(p.source)
        let found: [Int]
        switch try reach(g) {
        case .outside: return nil
        case .whollyInside: return whollyInside()
        case .partly(let hits): found = hits
        }
        let (shape, repairedHits) = try validated(g, key: p.key, &diagnostics)
        let polygons = try pieces(shape, repairedHits ?? found)
        let planar = PlanarArea.of(.multiPolygon(polygons))
        // The zero rule applies to the parcel's total, not to each tile's piece, so that the
        // result does not depend on where the seams fall.
        guard planar >= Self.zeroAreaSquareMetres else { return nil }
        let ellipsoidal = try areas.ellipsoidalArea(.multiPolygon(polygons))
        let fraction: Double
        if p.ellipsoidalAreaSquareMetres > 0 {
            fraction = min(1, ellipsoidal / p.ellipsoidalAreaSquareMetres)
        } else if p.planarAreaSquareMetres > 0 {
            fraction = min(1, planar / p.planarAreaSquareMetres)
        } else {
            fraction = 0
        }
        return ParcelOverlap(
            key: p.key, overlapSquareMetres: ellipsoidal, overlapPlanarSquareMetres: planar, fraction: fraction,
            isSliver: ellipsoidal < sliverThreshold, isWhollyInside: false)
    }

    // MARK: Buildings

    private func building(_ b: BuildingShape, _ diagnostics: inout [Diagnostic]) throws -> BuildingOverlap? {
        if b.geometry.isPuntal {
            let (inside, total) = try pointsCovered(b.geometry)
            guard inside > 0 else { return nil }
            return BuildingOverlap(
                key: b.key, position: inside == total ? .inside : .edge, overlapPlanarSquareMetres: 0,
                fraction: Double(inside) / Double(total))
        }
        guard !b.geometry.polygons.isEmpty else {
            throw GeometryError("a building needs a footprint polygon or a point, got a \(b.geometry.typeName.lowercased())")
        }
        let quick = quickReach(b.geometry)
        if quick == .outside { return nil }
        if quick == .whollyInside {
            return BuildingOverlap(key: b.key, position: .inside, overlapPlanarSquareMetres: PlanarArea.of(b.geometry), fraction: 1)
        }
        let g = try engine.make(b.geometry)
        switch try reach(g) {
        case .outside:
            return nil
        case .whollyInside:
            return BuildingOverlap(key: b.key, position: .inside, overlapPlanarSquareMetres: PlanarArea.of(b.geometry), fraction: 1)
        case .partly(let hits):
            let (shape, repairedHits) = try validated(g, key: b.key, &diagnostics)
            let footprint = try engine.area(shape)
            let inside = PlanarArea.of(.multiPolygon(try pieces(shape, repairedHits ?? hits)))
            guard inside >= Self.zeroAreaSquareMetres else { return nil }  // touching the red line only
            let within = try whole().covers(shape)
            return BuildingOverlap(
                key: b.key, position: within ? .inside : .edge, overlapPlanarSquareMetres: within ? footprint : inside,
                fraction: within ? 1 : (footprint > 0 ? min(1, inside / footprint) : 0))
        }
    }

    /// How many of the geometry's points the red line covers (a point on the boundary is covered).
    private func pointsCovered(_ geometry: Geometry) throws -> (inside: Int, total: Int) {
        var inside = 0, total = 0
        try geometry.forEachCoordinate { c in
            total += 1
            let point = try engine.make(.point(c))
            for index in tree.query(point).sorted() where try tiles[index].covers(point) {
                inside += 1
                break
            }
        }
        return (inside, total)
    }

    // MARK: Utilities

    private func utility(_ u: UtilityShape, _ diagnostics: inout [Diagnostic]) throws -> UtilityOverlap? {
        if u.geometry.isPuntal {
            let (inside, _) = try pointsCovered(u.geometry)
            return inside > 0 ? UtilityOverlap(key: u.key, lengthInsideMetres: 0, lengthMetres: 0, isItem: true) : nil
        }
        if !u.geometry.polygons.isEmpty {
            // A facility with a footprint: one item when a positive-area part is inside.
            let g = try engine.make(u.geometry)
            switch try reach(g) {
            case .outside: return nil
            case .whollyInside: return UtilityOverlap(key: u.key, lengthInsideMetres: 0, lengthMetres: 0, isItem: true)
            case .partly(let hits):
                let (shape, repairedHits) = try validated(g, key: u.key, &diagnostics)
                let inside = PlanarArea.of(.multiPolygon(try pieces(shape, repairedHits ?? hits)))
                return inside >= Self.zeroAreaSquareMetres
                    ? UtilityOverlap(key: u.key, lengthInsideMetres: 0, lengthMetres: 0, isItem: true) : nil
            }
        }
        let g = try engine.make(u.geometry)
        let length = try engine.length(g)
        let inside: Double
        switch try reach(g) {
        case .outside: return nil
        case .whollyInside: inside = length
        case .partly:
            // Not summed per tile: a line running along a seam lies in both tiles' boundaries and
            // would be counted twice. Intersect with the whole red line instead (utilities are few).
            inside = try engine.length(try engine.intersection(try whole().geometry, g))
        }
        guard inside >= Self.zeroLengthMetres else { return nil }
        return UtilityOverlap(key: u.key, lengthInsideMetres: inside, lengthMetres: length, isItem: false)
    }
}

@available(*, unavailable, message: "a worker owns GEOS and PROJ objects of its own thread")
extension OverlapWorker: Sendable {}
