import LandKit

/// Where the named places of X街道 are. Positions are written in a 6 000 m × 4 500 m "core" frame
/// (u east, v north, metres) and mapped into EPSG:4544 by ``Layout/place(_:)``: the core sits in the
/// middle of the study area, shrunk when the study area is smaller than the core (tiny test sets)
/// and kept at full size when it is larger (benchmark sets only add land around it).
struct Layout {
    static let coreWidth = 6_000.0
    static let coreHeight = 4_500.0

    let scale: Double
    let coreOrigin: Coordinate

    init(grid: ParcelGrid) {
        let e = grid.extent
        scale = min(1, e.width / Layout.coreWidth, e.height / Layout.coreHeight)
        coreOrigin = Coordinate(
            (e.minX + e.maxX) / 2 - scale * Layout.coreWidth / 2,
            (e.minY + e.maxY) / 2 - scale * Layout.coreHeight / 2)
    }

    /// A core-frame position in EPSG:4544 (m), rounded to the centimetre.
    func place(_ u: Double, _ v: Double) -> Coordinate {
        let c = Coordinate(coreOrigin.x + scale * u, coreOrigin.y + scale * v)
        return Coordinate((c.x * 100).rounded() / 100, (c.y * 100).rounded() / 100)
    }

    func place(_ points: [(Double, Double)]) -> [Coordinate] { points.map { place($0.0, $0.1) } }

    /// A closed ring from core-frame corners.
    func ring(_ points: [(Double, Double)]) -> [Coordinate] {
        let r = place(points)
        guard let first = r.first else { return r }
        return r + [first]
    }

    /// A rectangle from core-frame corners.
    func rectangle(_ u0: Double, _ v0: Double, _ u1: Double, _ v1: Double) -> [Coordinate] {
        ring([(u0, v0), (u1, v0), (u1, v1), (u0, v1)])
    }
}
