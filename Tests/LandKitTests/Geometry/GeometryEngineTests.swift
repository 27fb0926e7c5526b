import Testing

@testable import LandKit

/// Squares in a projected CRS (metres), from the lower-left corner.
func square(_ x: Double, _ y: Double, _ size: Double) -> Polygon {
    Polygon(exterior: [
        Coordinate(x, y), Coordinate(x + size, y), Coordinate(x + size, y + size), Coordinate(x, y + size), Coordinate(x, y),
    ])
}

@Suite("Geometry engine (GEOS)")
struct GeometryEngineTests {
    let engine: GeometryEngine

    init() throws {
        engine = try GeometryEngine()
    }

    @Test("a bow-tie is invalid with GEOS's reason \"Self-intersection\"")
    func bowTie() throws {
        let bowTie = Geometry.polygon(
            Polygon(exterior: [Coordinate(0, 0), Coordinate(10, 10), Coordinate(10, 0), Coordinate(0, 10), Coordinate(0, 0)]))
        let reason = try engine.invalidityReason(bowTie)
        #expect(reason?.hasPrefix("Self-intersection") == true)
        // MakeValid keeps both triangles: 2 × (10 × 5 / 2) = 50 m² (buffer(0) would keep only one).
        let repaired = try engine.makeValid(bowTie)
        #expect(try engine.isValid(repaired))
        #expect(abs(try engine.area(repaired) - 50) < 1e-9)
    }

    @Test("a hole sticking out of its shell is cut off by the STRUCTURE repair (100 − 25 = 75 m²)")
    func protrudingHole() throws {
        // Shell 10 × 10; hole 10 × 5 from x = 5 to 15: half of the hole (5 × 5 = 25) is inside the shell.
        let p = Geometry.polygon(
            Polygon(
                exterior: square(0, 0, 10).exterior,
                holes: [[Coordinate(5, 2.5), Coordinate(15, 2.5), Coordinate(15, 7.5), Coordinate(5, 7.5), Coordinate(5, 2.5)]]))
        #expect(try engine.invalidityReason(p) != nil)
        let repaired = try engine.makeValid(p)
        #expect(abs(try engine.area(repaired) - 75) < 1e-9)
    }

    @Test("two squares overlapping by half intersect in half the area; squares sharing an edge intersect in 0")
    func overlapAndTouch() throws {
        let a = Geometry.polygon(square(0, 0, 100))
        let half = Geometry.polygon(square(50, 0, 100))
        let neighbour = Geometry.polygon(square(100, 0, 100))
        #expect(abs(try engine.area(engine.intersection(a, half)) - 5000) < 1e-9)
        #expect(try engine.area(engine.intersection(a, neighbour)) == 0)
        #expect(try engine.intersects(a, neighbour))  // touching intersects, but with no area
        #expect(!(try engine.containsProperly(a, .polygon(square(0, 0, 50)))))  // shares the boundary
        #expect(try engine.containsProperly(a, .polygon(square(10, 10, 50))))
        #expect(abs(try engine.area(engine.union(a, half)) - 15000) < 1e-9)
        #expect(abs(try engine.area(engine.difference(a, half)) - 5000) < 1e-9)
    }

    @Test("a 1000 m centerline buffered to a 60 m corridor with flat ends covers 60000 m²")
    func corridor() throws {
        let line = Geometry.lineString([Coordinate(500_000, 3_320_000), Coordinate(501_000, 3_320_000)])
        let corridor = try engine.corridor(centerline: line, widthMetres: 60)
        #expect(abs(try engine.area(corridor) - 60_000) < 1e-6)
        #expect(corridor.envelope == Envelope(minX: 500_000, minY: 3_319_970, maxX: 501_000, maxY: 3_320_030))
        #expect(throws: GeometryError.self) { try engine.corridor(centerline: line, widthMetres: -1) }
    }

    @Test("prepared predicates, point on surface and the STRtree")
    func preparedAndIndex() throws {
        let zone = try engine.prepare(.polygon(square(0, 0, 100)))
        #expect(try zone.intersects(.point(Coordinate(100, 50))))
        #expect(try zone.covers(.point(Coordinate(100, 50))))
        #expect(!(try zone.containsProperly(.point(Coordinate(100, 50)))))
        let inner = try engine.pointOnSurface(.polygon(square(0, 0, 100)))
        #expect(try engine.contains(.polygon(square(0, 0, 100)), .point(inner)))

        let tree = try STRtree(engine: engine)
        for i in 0..<10 { try tree.insert(Envelope(minX: Double(i) * 10, minY: 0, maxX: Double(i) * 10 + 5, maxY: 5), item: i) }
        #expect(try tree.query(Envelope(minX: 12, minY: 1, maxX: 33, maxY: 2)).sorted() == [1, 2, 3])  // boxes 10–15, 20–25, 30–35
        #expect(try tree.query(Envelope(minX: 6, minY: 1, maxX: 9, maxY: 2)).isEmpty)
        #expect(throws: GeometryError.self) { try tree.insert(Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1), item: 99) }
    }

    @Test("GEOS failures become thrown errors, not crashes")
    func failuresThrow() throws {
        // A ring of 2 points cannot exist in GEOS.
        let bad = Geometry.polygon(Polygon(exterior: [Coordinate(0, 0), Coordinate(1, 1)]))
        #expect(throws: GeometryError.self) { try engine.area(bad) }
    }

    @Test(
        "values survive a round trip through GEOS",
        arguments: [
            "POINT (1 2)", "LINESTRING (0 0, 1 1, 2 0)", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))",
            "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))", "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
            "MULTIPOINT ((1 1), (2 2))",
        ])
    func geosRoundTrip(_ wkt: String) throws {
        let g = try Geometry(wkt: wkt)
        #expect(try engine.value(engine.make(g)) == g)
    }
}
