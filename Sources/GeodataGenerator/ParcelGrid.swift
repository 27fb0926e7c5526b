import LandKit

/// A point in EPSG:4544 in whole centimetres. Parcel vertices are kept as integers so that
/// neighbouring parcels share exactly the same coordinates and the output is identical on every run.
struct Centimetres: Hashable {
    var x: Int64
    var y: Int64

    var coordinate: Coordinate { Coordinate(Double(x) / 100, Double(y) / 100) }

    init(x: Int64, y: Int64) {
        self.x = x
        self.y = y
    }

    /// Rounds metres to the nearest centimetre.
    init(_ c: Coordinate) {
        x = Int64((c.x * 100).rounded())
        y = Int64((c.y * 100).rounded())
    }
}

/// What a column or row band of the grid is: farmland, an existing road strip or a canal.
enum BandKind {
    case field, road, canal
}

/// The parcel tiling: a grid of column and row bands of varying widths whose interior vertices are
/// jittered. Every vertex is a function of its grid position, so a parcel can be rebuilt at any
/// time without holding the grid in memory (needed for the million-parcel benchmark sets).
struct ParcelGrid {
    let columns: Int
    let rows: Int
    /// South-west corner of the study area (EPSG:4544, cm).
    let origin: Centimetres
    /// Column boundaries, `columns + 1` offsets east of the origin (cm).
    let columnEdges: [Int64]
    /// Row boundaries, `rows + 1` offsets north of the origin (cm).
    let rowEdges: [Int64]
    let columnKinds: [BandKind]
    let rowKinds: [BandKind]
    /// Largest east-west shift of the vertices on each column boundary (cm).
    private let jitterX: [Int64]
    /// Largest north-south shift of the vertices on each row boundary (cm).
    private let jitterY: [Int64]
    private let hash: PositionHash

    /// Width and height of the study area in metres.
    var widthMetres: Double { Double(columnEdges[columns]) / 100 }
    var heightMetres: Double { Double(rowEdges[rows]) / 100 }
    var count: Int { columns * rows }

    /// Mean column width and row height (m); their product is the mean parcel size, about 2.7 mu.
    static let meanColumnWidth = 40.0
    static let meanRowHeight = 45.0

    /// - Parameters:
    ///   - columns, rows: grid size; `columns × rows` parcels.
    ///   - center: centre of the study area (EPSG:4544, m), rounded to whole metres.
    init(columns: Int, rows: Int, center: Coordinate, seed: UInt64) {
        self.columns = columns
        self.rows = rows
        hash = PositionHash(seed: SplitMix64.mix(seed ^ 0x6772_6964))
        var rng = SplitMix64.derived(seed: seed, "columns")
        let (cw, ck) = ParcelGrid.bands(count: columns, total: Double(columns) * ParcelGrid.meanColumnWidth, base: 30...50, rng: &rng)
        rng = SplitMix64.derived(seed: seed, "rows")
        let (rh, rk) = ParcelGrid.bands(count: rows, total: Double(rows) * ParcelGrid.meanRowHeight, base: 34...54, rng: &rng)
        columnEdges = cw
        rowEdges = rh
        columnKinds = ck
        rowKinds = rk
        let w = Double(cw[columns]) / 100, h = Double(rh[rows]) / 100
        origin = Centimetres(x: Int64((center.x - w / 2).rounded()) * 100, y: Int64((center.y - h / 2).rounded()) * 100)
        func amplitudes(_ edges: [Int64], _ kinds: [BandKind]) -> [Int64] {
            let n = kinds.count
            return (0...n).map { i in
                guard i > 0, i < n, kinds[i - 1] == .field, kinds[i] == .field else { return 0 }
                return min(edges[i] - edges[i - 1], edges[i + 1] - edges[i]) * 15 / 100
            }
        }
        jitterX = amplitudes(cw, ck)
        jitterY = amplitudes(rh, rk)
    }

    /// Band widths that add up to `total` metres, as cumulative edges in cm. Fields come in runs
    /// of similar width (plots laid out together); a 10 m road or 8 m canal strip now and then.
    private static func bands(count: Int, total: Double, base: ClosedRange<Double>, rng: inout SplitMix64) -> ([Int64], [BandKind]) {
        var widths: [Double] = []
        var kinds: [BandKind] = []
        var run = 0
        var runBase = 0.0
        var untilRoad = rng.int(14...30)
        var untilCanal = rng.int(24...50)
        for i in 0..<count {
            untilRoad -= 1
            untilCanal -= 1
            let inside = i >= 2 && i <= count - 3 && kinds.last == .field
            if inside && untilRoad <= 0 {
                widths.append(10)
                kinds.append(.road)
                untilRoad = rng.int(28...46)
                continue
            }
            if inside && untilCanal <= 0 {
                widths.append(8)
                kinds.append(.canal)
                untilCanal = rng.int(40...70)
                continue
            }
            if run == 0 {
                run = rng.int(4...12)
                runBase = rng.uniform(base.lowerBound, base.upperBound)
            }
            run -= 1
            widths.append(runBase * rng.uniform(0.9, 1.1))
            kinds.append(.field)
        }
        let special = zip(widths, kinds).filter { $0.1 != .field }.reduce(0) { $0 + $1.0 }
        let fields = zip(widths, kinds).filter { $0.1 == .field }.reduce(0) { $0 + $1.0 }
        let scale = (total - special) / fields
        var edges: [Int64] = [0]
        var sum = 0.0
        for (w, k) in zip(widths, kinds) {
            sum += k == .field ? w * scale : w
            edges.append(Int64((sum * 100).rounded()))
        }
        edges[count] = Int64((total * 100).rounded())
        return (edges, kinds)
    }

    /// The vertex on column boundary `i` and row boundary `j` (EPSG:4544, cm).
    func vertex(_ i: Int, _ j: Int) -> Centimetres {
        let dx = Int64((Double(jitterX[i]) * hash.signed(1, i, j)).rounded())
        let dy = Int64((Double(jitterY[j]) * hash.signed(2, i, j)).rounded())
        return Centimetres(x: origin.x + columnEdges[i] + dx, y: origin.y + rowEdges[j] + dy)
    }

    /// The parcel in column `c` and row `r` (row 0 is the southernmost): a closed,
    /// counter-clockwise ring SW, SE, NE, NW, SW.
    func ring(column c: Int, row r: Int) -> [Centimetres] {
        let sw = vertex(c, r)
        return [sw, vertex(c + 1, r), vertex(c + 1, r + 1), vertex(c, r + 1), sw]
    }

    func polygon(column c: Int, row r: Int) -> Polygon {
        Polygon(exterior: ring(column: c, row: r).map(\.coordinate))
    }

    /// Parcel number 0 is the north-west corner; numbers run west to east, then north to south.
    func cell(index: Int) -> (column: Int, row: Int) {
        (index % columns, rows - 1 - index / columns)
    }

    func index(column c: Int, row r: Int) -> Int { (rows - 1 - r) * columns + c }

    /// Centre of the unjittered cell (EPSG:4544, m).
    func center(column c: Int, row r: Int) -> Coordinate {
        Coordinate(
            Double(origin.x + (columnEdges[c] + columnEdges[c + 1]) / 2) / 100,
            Double(origin.y + (rowEdges[r] + rowEdges[r + 1]) / 2) / 100)
    }

    /// The study area's extent (EPSG:4544, m).
    var extent: Envelope {
        Envelope(
            minX: Double(origin.x) / 100, minY: Double(origin.y) / 100,
            maxX: Double(origin.x + columnEdges[columns]) / 100, maxY: Double(origin.y + rowEdges[rows]) / 100)
    }

    /// Columns and rows whose cells may meet `box` (jitter included).
    func cells(meeting box: Envelope) -> (columns: Range<Int>, rows: Range<Int>) {
        func range(_ edges: [Int64], _ lo: Double, _ hi: Double, _ o: Int64) -> Range<Int> {
            let n = edges.count - 1
            let a = Int64((lo * 100).rounded(.down)) - o - 1000
            let b = Int64((hi * 100).rounded(.up)) - o + 1000
            var start = 0
            while start < n && edges[start + 1] < a { start += 1 }
            var end = start
            while end < n && edges[end] <= b { end += 1 }
            return start..<max(start, end)
        }
        return (range(columnEdges, box.minX, box.maxX, origin.x), range(rowEdges, box.minY, box.maxY, origin.y))
    }

    /// Grid size for about `parcels` cells with columns : rows near 4 : 3 — exact when `parcels`
    /// has a divisor pair with a ratio between 1 and 2.
    static func shape(parcels: Int) -> (columns: Int, rows: Int) {
        var best: (Int, Int)?
        var bestScore = Double.infinity
        var r = 1
        while r * r <= parcels {
            if parcels % r == 0 {
                let c = parcels / r
                let ratio = Double(c) / Double(r)
                if ratio >= 1, ratio <= 2 {
                    let score = abs(log(ratio / (4.0 / 3.0)))
                    if score < bestScore {
                        bestScore = score
                        best = (c, r)
                    }
                }
            }
            r += 1
        }
        if let best { return best }
        let rows = max(1, Int((Double(parcels) * 3 / 4).squareRoot().rounded()))
        return ((parcels + rows - 1) / rows, rows)
    }
}

import Foundation
