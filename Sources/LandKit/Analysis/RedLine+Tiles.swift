/// One square piece of a red line: the part of the red line inside one grid cell.
struct RedLineTile: Sendable, Hashable {
    /// The piece, valid and polygonal, red line CRS (metres).
    var geometry: Geometry
    /// The grid cell it was cut from; cells are aligned to multiples of the tile size so that
    /// neighbouring cells share exactly the same seam coordinates.
    var cell: Envelope
    /// True when the piece is the whole cell (a single rectangle with the cell's corners): a
    /// shape whose box lies in such cells is wholly inside the red line, no GEOS needed.
    var isFullCell: Bool {
        guard case .polygon(let p) = geometry, p.holes.isEmpty else { return false }
        let corners: Set<Coordinate> = [
            Coordinate(cell.minX, cell.minY), Coordinate(cell.maxX, cell.minY), Coordinate(cell.maxX, cell.maxY),
            Coordinate(cell.minX, cell.maxY),
        ]
        return p.exterior.allSatisfy(corners.contains) && Set(p.exterior) == corners
    }
}

extension RedLine {
    /// Cuts the red line into the non-empty pieces of a square grid aligned to multiples of
    /// `sizeMetres` (GEOS ClipByRect), each checked for validity and repaired (STRUCTURE) if needed.
    ///
    /// The grid is split recursively (halves, then quarters, …) so that each clip only sees the
    /// part of the red line left in its half: cells far from a long, thin corridor cost nothing.
    /// - Parameter sizeMetres: edge of a grid cell in CRS metres (> 0).
    /// - Returns: the tiles in row-major order of their cells (south to north, west to east).
    func tiles(sizeMetres s: Double) throws(OverlapError) -> [RedLineTile] {
        guard s > 0, s.isFinite else { throw OverlapError("tile size must be a positive number of metres, got \(s)") }
        guard let envelope else { return [] }
        let limit = Double(1 << 40)
        guard [envelope.minX, envelope.minY, envelope.maxX, envelope.maxY].allSatisfy({ $0.isFinite && abs($0 / s) < limit }) else {
            throw OverlapError("the red line's coordinates are not finite metres in a projected CRS (box \(envelope))")
        }
        let x0 = Int((envelope.minX / s).rounded(.down)), x1 = Int((envelope.maxX / s).rounded(.down)) + 1
        let y0 = Int((envelope.minY / s).rounded(.down)), y1 = Int((envelope.maxY / s).rounded(.down)) + 1
        func rect(_ xa: Int, _ xb: Int, _ ya: Int, _ yb: Int) -> Envelope {
            Envelope(minX: Double(xa) * s, minY: Double(ya) * s, maxX: Double(xb) * s, maxY: Double(yb) * s)
        }
        var tiles: [(row: Int, column: Int, tile: RedLineTile)] = []
        do {
            let engine = try GeometryEngine()
            func visit(_ g: GEOSGeom, _ xa: Int, _ xb: Int, _ ya: Int, _ yb: Int) throws {
                if try engine.isEmpty(g) { return }
                if xb - xa == 1, yb - ya == 1 {
                    let piece = try engine.validated(g).geometry
                    let polygons = try engine.polygons(piece).filter { PlanarArea.of(.polygon($0)) > 0 }
                    guard !polygons.isEmpty else { return }
                    let geometry: Geometry = polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons)
                    tiles.append((ya, xa, RedLineTile(geometry: geometry, cell: rect(xa, xb, ya, yb))))
                } else if xb - xa >= yb - ya {
                    let mid = (xa + xb) / 2
                    try visit(try engine.clip(g, to: rect(xa, mid, ya, yb)), xa, mid, ya, yb)
                    try visit(try engine.clip(g, to: rect(mid, xb, ya, yb)), mid, xb, ya, yb)
                } else {
                    let mid = (ya + yb) / 2
                    try visit(try engine.clip(g, to: rect(xa, xb, ya, mid)), xa, xb, ya, mid)
                    try visit(try engine.clip(g, to: rect(xa, xb, mid, yb)), xa, xb, mid, yb)
                }
            }
            let whole = try engine.make(geometry)
            try visit(try engine.clip(whole, to: rect(x0, x1, y0, y1)), x0, x1, y0, y1)
        } catch let error as OverlapError {
            throw error
        } catch {
            throw OverlapError("cutting the red line into \(s) m tiles failed: \(error)")
        }
        return tiles.sorted { ($0.row, $0.column) < ($1.row, $1.column) }.map(\.tile)
    }
}

extension RedLineTile {
    /// Boxes that together cover every tile: per row of cells, one box per run of neighbouring
    /// tiles, each the union of its tiles' own boxes. A shape overlapping the red line with positive
    /// area overlaps a tile, so its box meets one of these: they are what to ask a spatial index for,
    /// far tighter than the red line's box for a diagonal corridor.
    static func coverage(of tiles: [RedLineTile], sizeMetres s: Double) -> [Envelope] {
        var rows: [Int: [(column: Int, box: Envelope)]] = [:]
        for tile in tiles {
            guard let box = tile.geometry.envelope else { continue }
            let row = Int((tile.cell.minY / s).rounded()), column = Int((tile.cell.minX / s).rounded())
            rows[row, default: []].append((column, box))
        }
        var boxes: [Envelope] = []
        for row in rows.keys.sorted() {
            var run: (last: Int, box: Envelope)?
            for (column, box) in rows[row, default: []].sorted(by: { $0.column < $1.column }) {
                if let r = run, r.last + 1 == column {
                    run = (column, r.box.union(box))
                } else {
                    if let r = run { boxes.append(r.box) }
                    run = (column, box)
                }
            }
            if let r = run { boxes.append(r.box) }
        }
        return boxes
    }
}
