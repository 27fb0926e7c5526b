extension Geometry {
    /// The geometry with (nested) collections flattened into one Point/LineString/Polygon or its Multi* form; the
    /// geometry itself when it is not a collection; nil for a collection that mixes points, lines and polygons.
    ///
    /// Walks the collection with an explicit stack, so no nesting depth costs stack, and the result has no nesting
    /// left: what the overlap engine gets from a flattened utility is one flat MultiLineString.
    public func flattened() -> Geometry? {
        guard case .geometryCollection = self else { return self }
        var points: [Coordinate] = []
        var lines: [[Coordinate]] = []
        var polygons: [Polygon] = []
        var stack = [self]
        while let g = stack.popLast() {
            switch g {
            case .point(let c): if !(c.x.isNaN && c.y.isNaN) { points.append(c) }
            case .multiPoint(let cs): points += cs
            case .lineString(let cs): if !cs.isEmpty { lines.append(cs) }
            case .multiLineString(let ls): lines += ls.filter { !$0.isEmpty }
            case .polygon(let p): if !p.exterior.isEmpty { polygons.append(p) }
            case .multiPolygon(let ps): polygons += ps.filter { !$0.exterior.isEmpty }
            case .geometryCollection(let gs): stack += gs.reversed()
            }
        }
        switch (points.isEmpty, lines.isEmpty, polygons.isEmpty) {
        case (true, true, true): return .geometryCollection([])
        case (false, true, true): return points.count == 1 ? .point(points[0]) : .multiPoint(points)
        case (true, false, true): return lines.count == 1 ? .lineString(lines[0]) : .multiLineString(lines)
        case (true, true, false): return polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons)
        default: return nil
        }
    }
}
