import Testing

@testable import LandKit

/// Issue 12 defect 13: a geometry that moved less than 1 mm is unchanged. Distances are hand calculations.
@Suite("geometry sameness within 1 mm")
struct GeometryToleranceTests {
    static func ring(_ cs: [(Double, Double)]) -> [Coordinate] { (cs + [cs[0]]).map { Coordinate(x: $0.0, y: $0.1) } }
    static let square = [(500_000.0, 3_320_000.0), (500_010, 3_320_000), (500_010, 3_320_010), (500_000, 3_320_010)]

    @Test("every vertex moved by 0.6 mm diagonally (√(0.0004²+0.00045²) ≈ 0.60 mm): the same")
    func belowTolerance() {
        let a = Geometry.polygon(Polygon(exterior: Self.ring(Self.square)))
        let b = Geometry.polygon(Polygon(exterior: Self.ring(Self.square.map { ($0.0 + 0.0004, $0.1 - 0.00045) })))
        #expect(a.isSame(as: b))
    }

    @Test("one vertex moved by 1.5 mm (0.0009, 0.0012 → 1.5 mm): changed")
    func aboveTolerance() {
        var moved = Self.square
        moved[2] = (moved[2].0 + 0.0009, moved[2].1 + 0.0012)
        let a = Geometry.polygon(Polygon(exterior: Self.ring(Self.square)))
        #expect(!a.isSame(as: .polygon(Polygon(exterior: Self.ring(moved)))))
    }

    @Test("a ring re-oriented and started at another vertex (as the Shapefile driver writes it) is the same")
    func reorientedRing() {
        let a = Geometry.multiPolygon([Polygon(exterior: Self.ring(Self.square))])
        let reversed = [Self.square[2], Self.square[1], Self.square[0], Self.square[3]]
        #expect(a.isSame(as: .polygon(Polygon(exterior: Self.ring(reversed)))))
    }

    @Test("a vertex more, a line reversed, or a point for a polygon: changed")
    func structure() {
        let a = Geometry.polygon(Polygon(exterior: Self.ring(Self.square)))
        let more = Self.square + [(500_000, 3_320_005)]
        #expect(!a.isSame(as: .polygon(Polygon(exterior: Self.ring(more)))))
        let line = Geometry.lineString([Coordinate(x: 0, y: 0), Coordinate(x: 10, y: 0)])
        #expect(!line.isSame(as: .lineString([Coordinate(x: 10, y: 0), Coordinate(x: 0, y: 0)])))
        #expect(!a.isSame(as: .point(Coordinate(x: 500_000, y: 3_320_000))))
    }
}
