/// Builds polygons from loose rings by containment: a ring inside an odd number of other rings
/// is a hole of the smallest ring containing it, any other ring is an outer ring (a part).
///
/// Used where the file's own ring numbering cannot be trusted (survey TXT 圈号).
enum RingAssembly {
    /// A polygon built from input rings, with the input indices of its rings.
    struct Part {
        var polygon: Polygon
        var exteriorIndex: Int
        var holeIndices: [Int]
    }

    /// Assembles closed rings (first == last, ≥ 4 coordinates, non-zero area).
    /// Exteriors come out counter-clockwise and holes clockwise (RFC 7946 winding).
    static func assemble(_ rings: [[Coordinate]]) -> [Part] {
        let areas = rings.map(PlanarArea.ring)
        // Larger rings first: a container is always larger than what it contains.
        let order = rings.indices.sorted { areas[$0] > areas[$1] }
        var depth = [Int](repeating: 0, count: rings.count)
        var parent = [Int?](repeating: nil, count: rings.count)
        for (k, i) in order.enumerated() {
            for j in order[..<k] where contains(rings[j], ring: rings[i]) {
                depth[i] += 1
                if parent[i] == nil || areas[j] < areas[parent[i] ?? j] { parent[i] = j }
            }
        }
        var parts: [Part] = []
        var partOf: [Int: Int] = [:]
        for i in rings.indices where depth[i] % 2 == 0 {
            partOf[i] = parts.count
            parts.append(Part(polygon: Polygon(exterior: oriented(rings[i], ccw: true)), exteriorIndex: i, holeIndices: []))
        }
        for i in rings.indices where depth[i] % 2 == 1 {
            guard let p = parent[i], let k = partOf[p] else { continue }
            parts[k].polygon.holes.append(oriented(rings[i], ccw: false))
            parts[k].holeIndices.append(i)
        }
        // Keep parts in file order of their exterior ring.
        return parts.sorted { $0.exteriorIndex < $1.exteriorIndex }
    }

    /// Signed shoelace area (positive = counter-clockwise).
    static func signedArea(_ r: [Coordinate]) -> Double { PlanarArea.signedRing(r) }

    static func oriented(_ r: [Coordinate], ccw: Bool) -> [Coordinate] {
        (signedArea(r) > 0) == ccw ? r : r.reversed()
    }

    /// True when `ring` lies inside `outer`: most of its vertices are strictly inside
    /// (vertices on the boundary count for neither side).
    static func contains(_ outer: [Coordinate], ring: [Coordinate]) -> Bool {
        var inside = 0, outside = 0
        for c in ring.dropLast() {
            switch locate(c, in: outer) {
            case .inside: inside += 1
            case .outside: outside += 1
            case .boundary: break
            }
        }
        return inside > outside
    }

    enum Location { case inside, outside, boundary }

    /// Crossing-number point-in-ring test on a closed ring.
    static func locate(_ p: Coordinate, in ring: [Coordinate]) -> Location {
        var inside = false
        guard ring.count >= 4 else { return .outside }
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            // On the segment?
            let cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
            if abs(cross) <= 1e-9 * max(1, abs(b.x - a.x) + abs(b.y - a.y)),
                p.x >= min(a.x, b.x), p.x <= max(a.x, b.x), p.y >= min(a.y, b.y), p.y <= max(a.y, b.y)
            {
                return .boundary
            }
            if (a.y > p.y) != (b.y > p.y) {
                let xCross = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x)
                if p.x < xCross { inside.toggle() }
            }
        }
        return inside ? .inside : .outside
    }
}

extension RingAssembly {
    /// A ring checked as the survey TXT reader checks its rings: repeated consecutive points
    /// dropped, at least 3 distinct points, closed (first point repeated at the end), non-zero area.
    enum Checked {
        /// The closed ring; `wasOpen` when the input did not repeat its first point.
        case ring([Coordinate], wasOpen: Bool)
        /// Why the ring is unusable (lower case, for a diagnostic).
        case bad(String)
    }

    static func check(_ points: [Coordinate]) -> Checked {
        var dedup: [Coordinate] = []
        for c in points where dedup.last != c { dedup.append(c) }
        if dedup.count > 1, dedup.first == dedup.last { dedup.removeLast() }
        let distinct = Set(dedup).count
        guard distinct >= 3 else { return .bad("has \(distinct) distinct point\(distinct == 1 ? "" : "s") (at least 3 needed)") }
        let ring = dedup + [dedup[0]]
        guard PlanarArea.ring(ring) >= 1e-6 else { return .bad("has zero area (all points on a line)") }
        return .ring(ring, wasOpen: points.first != points.last)
    }
}
