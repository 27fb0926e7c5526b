import LandKit

/// What one project takes: parcels (overlap ≥ 1 m²), houses inside or on the red line, utilities crossing it.
struct Membership {
    /// The union of the project's zones (EPSG:4544).
    var redLine: Geometry
    /// Parcel numbers (grid index) and planar overlap (m²), in parcel order.
    var parcels: [(index: Int, overlapSquareMetres: Double)] = []
    /// Household indices wholly inside the red line.
    var inside: [Int] = []
    /// Household indices crossing the red line (边线户).
    var edge: [Int] = []
    /// Utility indices meeting the red line.
    var utilities: [Int] = []

    var overlapSquareMetres: Double { parcels.reduce(0) { $0 + $1.overlapSquareMetres } }

    /// Overlaps below this are touching, not overlapping (domain.md): a house that only touches
    /// the red line is outside, not an edge household.
    static let touchingSquareMetres = 0.01
}

extension ZoneSpec {
    /// The zone as a polygonal red line (a centerline becomes a flat-ended corridor).
    func redLine(_ engine: GeometryEngine) throws -> Geometry {
        switch shape {
        case .polygon(let p): return .polygon(p)
        case .centerline(let line, let width): return try engine.corridor(centerline: .lineString(line), widthMetres: width)
        }
    }
}

/// Computes memberships with GEOS: prepared red line, bounding-box candidates from the grid.
struct MembershipCalculator {
    let engine: GeometryEngine
    let grid: ParcelGrid

    func redLine(of project: ProjectSpec) throws -> Geometry {
        var parts: [Geometry] = []
        for z in project.zones { parts.append(try z.redLine(engine)) }
        return parts.count == 1 ? parts[0] : try engine.unaryUnion(.geometryCollection(parts))
    }

    func membership(of project: ProjectSpec, households: [Household], utilities: [Utility]) throws -> Membership {
        let red = try redLine(of: project)
        guard let box = red.envelope else { throw GeneratorError("project \(project.id) has an empty red line") }
        let prepared = try engine.prepare(red)
        var m = Membership(redLine: red)
        let (cols, rows) = grid.cells(meeting: box)
        for r in rows {
            for c in cols {
                let p = Geometry.polygon(grid.polygon(column: c, row: r))
                guard let e = p.envelope, e.intersects(box) else { continue }
                if try prepared.containsProperly(p) {
                    m.parcels.append((grid.index(column: c, row: r), PlanarArea.of(p)))
                } else if try prepared.intersects(p) {
                    let a = try engine.area(try engine.intersection(p, red))
                    if a >= 1 { m.parcels.append((grid.index(column: c, row: r), a)) }
                }
            }
        }
        m.parcels.sort { $0.index < $1.index }
        for (i, h) in households.enumerated() {
            let g = Geometry.polygon(h.footprint)
            guard let e = g.envelope, e.intersects(box) else { continue }
            if try prepared.covers(g) {
                m.inside.append(i)
            } else if try prepared.intersects(g), try engine.area(try engine.intersection(g, red)) >= Membership.touchingSquareMetres {
                m.edge.append(i)
            }
        }
        for (i, u) in utilities.enumerated() {
            guard let e = u.geometry.envelope, e.intersects(box) else { continue }
            if try prepared.intersects(u.geometry) { m.utilities.append(i) }
        }
        return m
    }
}
