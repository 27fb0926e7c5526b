/// The aggregated parcel layer of a large project: a grid over the map frame in which every cell
/// takes the stage covering most of it.
///
/// Coverage is sampled at cell centres (a parcel covers the cells whose centres lie inside it); a
/// parcel too small to contain any centre adds its own area to the cell of its centre instead, so
/// small parcels are not lost. Cells with less than 30 % cover stay empty.
struct MapRaster {
    let columns: Int
    let rows: Int
    let cell: Double
    let originX: Double
    let originY: Double
    private let stageCount: Int
    private var cover: [Float]

    init(originX: Double, originY: Double, width: Double, height: Double, cell: Double, stageCount: Int) {
        self.cell = max(cell, 0.5)
        self.originX = originX
        self.originY = originY
        columns = max(1, Int((width / self.cell).rounded(.up)))
        rows = max(1, Int((height / self.cell).rounded(.up)))
        self.stageCount = stageCount
        cover = Array(repeating: 0, count: columns * rows * stageCount)
    }

    /// Adds a parcel's polygons (pixel coordinates) at `stage`.
    mutating func add(_ polygons: [[[(Double, Double)]]], stage: Int) {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        var area = 0.0
        for rings in polygons {
            for (r, ring) in rings.enumerated() {
                var a = 0.0
                for (i, p) in ring.enumerated() {
                    minX = min(minX, p.0); maxX = max(maxX, p.0); minY = min(minY, p.1); maxY = max(maxY, p.1)
                    let q = ring[(i + 1) % ring.count]
                    a += p.0 * q.1 - q.0 * p.1
                }
                area += r == 0 ? abs(a) / 2 : -abs(a) / 2
            }
        }
        guard minX.isFinite, maxX.isFinite, minY.isFinite, maxY.isFinite else { return }
        let i0 = max(0, Int(((minX - originX) / cell - 0.5).rounded(.up)))
        let i1 = min(columns - 1, Int(((maxX - originX) / cell - 0.5).rounded(.down)))
        let j0 = max(0, Int(((minY - originY) / cell - 0.5).rounded(.up)))
        let j1 = min(rows - 1, Int(((maxY - originY) / cell - 0.5).rounded(.down)))
        var hits = 0
        if i0 <= i1 && j0 <= j1 {
            for j in j0...j1 {
                let y = originY + (Double(j) + 0.5) * cell
                for i in i0...i1 {
                    let x = originX + (Double(i) + 0.5) * cell
                    if Self.contains(polygons, x, y) {
                        cover[(j * columns + i) * stageCount + stage] += 1
                        hits += 1
                    }
                }
            }
        }
        if hits == 0 {
            let i = Int(((minX + maxX) / 2 - originX) / cell), j = Int(((minY + maxY) / 2 - originY) / cell)
            guard i >= 0, i < columns, j >= 0, j < rows else { return }
            cover[(j * columns + i) * stageCount + stage] += Float(max(area, 0) / (cell * cell))
        }
    }

    /// Even-odd point-in-polygon over every ring.
    static func contains(_ polygons: [[[(Double, Double)]]], _ x: Double, _ y: Double) -> Bool {
        var inside = false
        for rings in polygons {
            for ring in rings where ring.count >= 3 {
                var j = ring.count - 1
                for i in 0..<ring.count {
                    let a = ring[i], b = ring[j]
                    if (a.1 > y) != (b.1 > y) && x < (b.0 - a.0) * (y - a.1) / (b.1 - a.1) + a.0 { inside.toggle() }
                    j = i
                }
            }
        }
        return inside
    }

    /// One path per stage: horizontal runs of cells of that stage, as rectangles. Index = stage.
    func paths() -> [PathText] {
        var out = Array(repeating: PathText(), count: stageCount)
        let c = Markup.tenths(cell)
        for j in 0..<rows {
            var runStage = -1, runStart = 0
            func flush(_ end: Int) {
                guard runStage >= 0 else { return }
                let x = Markup.tenths(originX) + runStart * c, y = Markup.tenths(originY) + j * c
                out[runStage].rect(x: x, y: y, width: (end - runStart) * c, height: c)
            }
            for i in 0..<columns {
                let base = (j * columns + i) * stageCount
                var best = -1, bestCover: Float = 0.3
                var total: Float = 0
                for s in 0..<stageCount {
                    let v = cover[base + s]
                    total += v
                    if v > bestCover || (best >= 0 && v == bestCover && v > 0) { best = s; bestCover = v }
                }
                if best < 0 && total >= 0.3 {
                    // Mixed small parcels: the largest share wins.
                    var m: Float = 0
                    for s in 0..<stageCount where cover[base + s] > m { m = cover[base + s]; best = s }
                }
                if best != runStage {
                    flush(i)
                    runStage = best
                    runStart = i
                }
            }
            flush(columns)
        }
        return out
    }
}
