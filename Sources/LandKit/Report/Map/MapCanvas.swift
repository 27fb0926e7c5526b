/// Storage CRS (metres, y up) → SVG pixels (y down), and compact path text.
///
/// Paths are written in tenths of a pixel with relative moves ("M12.3 45.6l1.2-3.4 5 6z"); the
/// deltas are taken between *rounded* absolute positions, so rounding never accumulates. A vertex
/// closer than ``minStepTenths`` to the last one kept is dropped: the eye cannot see it at the
/// output size, and it is most of the bytes of a detailed survey.
struct MapCanvas {
    /// World x of the left edge of the frame, metres.
    var minX: Double
    /// World y of the top edge of the frame, metres.
    var maxY: Double
    /// Pixels per metre.
    var scale: Double
    /// Pixel position of the frame's top-left corner.
    var originX: Double
    var originY: Double
    /// Smallest distance between kept vertices, tenths of a pixel (5 = 0.5 px).
    var minStepTenths = 5

    func x(_ c: Coordinate) -> Double { originX + (c.x - minX) * scale }
    func y(_ c: Coordinate) -> Double { originY + (maxY - c.y) * scale }

    /// A point in tenths of a pixel.
    func tenths(_ c: Coordinate) -> (Int, Int) { (Markup.tenths(x(c)), Markup.tenths(y(c))) }

    /// The ring in tenths of a pixel with vertices closer than ``minStepTenths`` dropped (closing point
    /// not repeated for closed rings).
    func simplified(_ ring: [Coordinate], closed: Bool) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        out.reserveCapacity(min(ring.count, 64))
        let step2 = minStepTenths * minStepTenths
        for c in ring {
            guard c.x.isFinite, c.y.isFinite else { continue }
            let p = tenths(c)
            if let last = out.last {
                let dx = p.0 - last.0, dy = p.1 - last.1
                if dx * dx + dy * dy < step2 { continue }
            }
            out.append(p)
        }
        if closed, out.count > 1, let first = out.first, let last = out.last {
            let dx = last.0 - first.0, dy = last.1 - first.1
            if dx * dx + dy * dy < step2 { out.removeLast() }
        }
        if !closed, out.count == 1, let c = ring.last, c.x.isFinite, c.y.isFinite {
            // Keep a short line visible as a line, even when shorter than a step.
            let p = tenths(c)
            if p != out[0] { out.append(p) }
        }
        return out
    }
}

/// Appends SVG path data in tenths of a pixel.
struct PathText {
    private(set) var text = ""
    private var lastIsLetter = true

    var isEmpty: Bool { text.isEmpty }

    mutating func reserve(_ n: Int) { text.reserveCapacity(n) }

    private mutating func letter(_ l: String) {
        text += l
        lastIsLetter = true
    }

    private mutating func number(_ t: Int) {
        if t >= 0 && !lastIsLetter { text += " " }
        text += Markup.decimal(tenths: t)
        lastIsLetter = false
    }

    /// A subpath through `points` (tenths of a pixel); closed with `z` when `close`.
    mutating func add(_ points: [(Int, Int)], close: Bool) {
        guard let first = points.first else { return }
        letter("M")
        number(first.0)
        number(first.1)
        guard points.count > 1 else {
            if close { letter("z") }
            return
        }
        letter("l")
        var last = first
        for p in points.dropFirst() {
            number(p.0 - last.0)
            number(p.1 - last.1)
            last = p
        }
        if close { letter("z") }
    }

    /// An axis-aligned rectangle, tenths of a pixel.
    mutating func rect(x: Int, y: Int, width: Int, height: Int) {
        letter("M")
        number(x)
        number(y)
        letter("h")
        number(width)
        letter("v")
        number(height)
        letter("h")
        number(-width)
        letter("z")
    }
}

extension MapCanvas {
    /// Path data of the polygons of `geometry`; empty when every ring collapsed below a step.
    func polygonPath(_ geometry: Geometry, into path: inout PathText) -> Bool {
        var drew = false
        for polygon in geometry.polygons {
            let outer = simplified(polygon.exterior, closed: true)
            guard outer.count >= 3 else { continue }
            path.add(outer, close: true)
            drew = true
            for hole in polygon.holes {
                let h = simplified(hole, closed: true)
                if h.count >= 3 { path.add(h, close: true) }
            }
        }
        return drew
    }

    /// Path data of the lines of `geometry` (line strings, multi line strings, polygon rings).
    func linePath(_ geometry: Geometry, into path: inout PathText) -> Bool {
        var drew = false
        func line(_ cs: [Coordinate]) {
            let pts = simplified(cs, closed: false)
            if pts.count >= 2 {
                path.add(pts, close: false)
                drew = true
            }
        }
        switch geometry {
        case .lineString(let cs): line(cs)
        case .multiLineString(let ls): ls.forEach(line)
        case .polygon, .multiPolygon: for p in geometry.polygons { p.rings.forEach(line) }
        case .geometryCollection(let gs): for g in gs { drew = linePath(g, into: &path) || drew }
        case .point, .multiPoint: break
        }
        return drew
    }

    /// A representative pixel position of `geometry`: the centre of its bounding box, or the middle
    /// vertex of a line (which lies on the line).
    func anchor(_ geometry: Geometry) -> (x: Double, y: Double)? {
        switch geometry {
        case .lineString(let cs) where !cs.isEmpty:
            let c = cs[cs.count / 2]
            return (x(c), y(c))
        case .multiLineString(let ls):
            guard let longest = ls.max(by: { $0.count < $1.count }), !longest.isEmpty else { return nil }
            let c = longest[longest.count / 2]
            return (x(c), y(c))
        default:
            guard let e = geometry.envelope else { return nil }
            let c = Coordinate((e.minX + e.maxX) / 2, (e.minY + e.maxY) / 2)
            return (x(c), y(c))
        }
    }
}
