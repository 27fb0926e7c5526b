extension Geometry {
    /// A re-imported geometry within this distance of the stored one is unchanged: metres in the storage CRS.
    ///
    /// 1 mm is below any survey's precision (国土TXT states 精度=0.001) and above the round-off of a
    /// projection round trip (storage → lon/lat → storage moves a vertex by well under 0.1 mm) or of a
    /// format that writes 15 significant digits, so exporting with ogr2ogr and importing again changes nothing.
    public static let unchangedToleranceMetres = 0.001

    /// Whether `other` is the same geometry as this one, every vertex within `tolerance` of its counterpart.
    ///
    /// The rule: the same kind (a polygon and a one-part multipolygon count as the same); the same parts in the
    /// same order; each polygon's exterior matched to the other's exterior and its holes matched one to one in
    /// any order; two rings match when they have the same number of distinct vertices and one of them, started at
    /// any vertex and read in either direction, has every vertex within `tolerance` (Euclidean distance) of the
    /// other's (writers such as the Shapefile driver re-orient rings and may start them elsewhere). Lines keep
    /// their direction. Coordinates are in the same CRS as `tolerance` (storage metres).
    /// - Parameters:
    ///   - other: the geometry to compare with.
    ///   - tolerance: the largest distance a vertex may have moved, in the unit of the coordinates.
    /// - Returns: true when no vertex moved by more than `tolerance`.
    public func isSame(as other: Geometry, within tolerance: Double = unchangedToleranceMetres) -> Bool {
        if self == other { return true }
        func near(_ a: Coordinate, _ b: Coordinate) -> Bool {
            let dx = a.x - b.x, dy = a.y - b.y
            return dx * dx + dy * dy <= tolerance * tolerance
        }
        func sameLine(_ a: [Coordinate], _ b: [Coordinate]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy(near)
        }
        func sameRing(_ a: [Coordinate], _ b: [Coordinate]) -> Bool {
            let ra = Self.openRing(a), rb = Self.openRing(b)
            guard ra.count == rb.count else { return false }
            guard !ra.isEmpty else { return true }
            let n = ra.count
            for start in 0..<n where near(ra[0], rb[start]) {
                if (0..<n).allSatisfy({ near(ra[$0], rb[(start + $0) % n]) }) { return true }
                if (0..<n).allSatisfy({ near(ra[$0], rb[(start - $0 + n) % n]) }) { return true }
            }
            return false
        }
        func samePolygon(_ a: Polygon, _ b: Polygon) -> Bool {
            guard a.holes.count == b.holes.count, sameRing(a.exterior, b.exterior) else { return false }
            var unmatched = b.holes
            for hole in a.holes {
                guard let i = unmatched.firstIndex(where: { sameRing(hole, $0) }) else { return false }
                unmatched.remove(at: i)
            }
            return true
        }
        func all<T>(_ a: [T], _ b: [T], _ same: (T, T) -> Bool) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy(same)
        }
        switch (self, other) {
        case (.point(let a), .point(let b)): return near(a, b)
        case (.multiPoint(let a), .multiPoint(let b)), (.lineString(let a), .lineString(let b)): return sameLine(a, b)
        case (.multiLineString(let a), .multiLineString(let b)): return all(a, b, sameLine)
        case (.polygon, .polygon), (.polygon, .multiPolygon), (.multiPolygon, .polygon), (.multiPolygon, .multiPolygon):
            return all(polygons, other.polygons, samePolygon)
        case (.geometryCollection(let a), .geometryCollection(let b)): return all(a, b) { $0.isSame(as: $1, within: tolerance) }
        default: return false
        }
    }

    /// The ring without its closing vertex.
    private static func openRing(_ ring: [Coordinate]) -> [Coordinate] {
        guard ring.count > 1, ring.first == ring.last else { return ring }
        return Array(ring.dropLast())
    }
}
