import Foundation
import Testing

@testable import LandKit

@Suite("CRS, transformations and areas")
struct ProjectionTests {
    @Test(
        "CRS text forms",
        arguments: [
            ("EPSG:4544", 4544), ("epsg:4523", 4523), ("4544", 4544), ("zone35", 4523), ("cm105", 4544), ("wgs84", 4326),
            ("CRS84", 4326), ("cgcs2000", 4490), ("urn:ogc:def:crs:EPSG::4544", 4544), ("zone25", 4513), ("cm135", 4554),
        ])
    func parse(_ text: String, _ epsg: Int) throws {
        #expect(try CRS(parsing: text).epsg == epsg)
    }

    @Test("unknown CRS text is refused with the accepted forms", arguments: ["utm50", "zone12", "cm104", ""])
    func parseBad(_ text: String) {
        #expect(throws: ProjectionError.self) { try CRS(parsing: text) }
    }

    @Test("Gauss-Krüger zone helpers follow geo.md's formulas")
    func zones() {
        #expect(GaussKruger.zone(longitude: 104.5) == 35)
        #expect(GaussKruger.zone(longitude: 106.4) == 35)
        #expect(GaussKruger.zone(longitude: 106.6) == 36)
        #expect(GaussKruger.epsg(zone: 35, prefixed: true) == 4523)
        #expect(GaussKruger.epsg(zone: 35, prefixed: false) == 4544)
        #expect(GaussKruger.zone(prefixedEasting: 35_451_756.55) == 35)
        #expect(GaussKruger.zone(prefixedEasting: 451_756.55) == nil)
        #expect(GaussKruger.zone(prefixedEasting: 50_500_000) == nil)
        #expect(CRS(epsg: 4523).gaussKruger == GaussKruger(zone: 35, prefixed: true))
        #expect(CRS(epsg: 4544).gaussKruger?.centralMeridian == 105)
        #expect(CRS(epsg: 4544).gaussKruger?.falseEasting == 500_000)
        #expect(CRS(epsg: 4523).gaussKruger?.falseEasting == 35_500_000)
    }

    @Test("105°E 30°N in EPSG:4490 → EPSG:4544 is easting 500000, northing 3320113.397845 (cs2cs)")
    func forward() throws {
        // $ echo 30 105 | cs2cs EPSG:4490 EPSG:4544 -f %.6f   →   3320113.397845  500000.000000
        let t = try Transformer(from: .cgcs2000, to: .cm105)
        let p = try t.transform(Coordinate(105, 30))
        #expect(abs(p.x - 500_000) < 1e-6)
        #expect(abs(p.y - 3_320_113.397845) < 1e-5)
    }

    @Test("zone-35 prefixed and unprefixed EPSG:4544 coordinates are the same place")
    func prefixedAndUnprefixed() throws {
        // $ echo 30 104.5 | cs2cs EPSG:4490 EPSG:4523 -f %.6f  →  3320218.650410  35451756.551394
        // $ echo 30 104.5 | cs2cs EPSG:4490 EPSG:4544 -f %.6f  →  3320218.650410  451756.551394
        let prefixed = try Transformer(from: CRS(epsg: 4523), to: .cgcs2000).transform(Coordinate(35_451_756.551394, 3_320_218.650410))
        let plain = try Transformer(from: .cm105, to: .cgcs2000).transform(Coordinate(451_756.551394, 3_320_218.650410))
        #expect(abs(prefixed.x - 104.5) < 1e-9 && abs(prefixed.y - 30) < 1e-9)
        #expect(abs(plain.x - prefixed.x) < 1e-12 && abs(plain.y - prefixed.y) < 1e-12)
    }

    @Test("an unknown EPSG code is a ProjectionError, not a crash")
    func unknownCode() {
        #expect(throws: ProjectionError.self) { try Transformer(from: CRS(epsg: 999_999), to: .cgcs2000) }
    }

    @Test("CRS WKT and name come from PROJ's database")
    func wkt() throws {
        #expect(try CRS.cm105.name() == "CGCS2000 / 3-degree Gauss-Kruger CM 105E")
        #expect(try CRS.cm105.wkt().hasPrefix("PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger CM 105E\""))
    }

    @Test("a 100 m × 100 m square is 10000 m² planar = 15 mu exactly")
    func squareMu() throws {
        let a = PlanarArea.of(.polygon(square(500_000, 3_320_000, 100)))
        #expect(a == 10_000)
        #expect(AreaUnit.mu(squareMetres: a) == 15)
        #expect(AreaUnit.hectares(squareMetres: a) == 1)
        #expect(try GeometryEngine().area(.polygon(square(500_000, 3_320_000, 100))) == 10_000)
    }

    @Test("on the central meridian the ellipsoidal area of a 100 m square equals the planar to < 1e-5")
    func centralMeridian() throws {
        let calc = try AreaCalculator(crs: .cm105)
        let e = try calc.ellipsoidalArea(.polygon(square(499_950, 3_320_000, 100)))
        #expect(abs(e - 10_000) / 10_000 < 1e-5)
    }

    @Test("1.45° from the central meridian the ellipsoidal area is 0.05 % ± 0.01 % below the planar one")
    func zoneEdge() throws {
        // geo.md: +0.052 % to +0.057 % planar excess at 1.5°; ≈ (x/R)² with x ≈ 140 km → 0.048 %.
        let t = try Transformer(from: .cgcs2000, to: .cm105)
        let corner = try t.transform(Coordinate(105 - 1.45, 30))
        let calc = try AreaCalculator(crs: .cm105)
        let e = try calc.ellipsoidalArea(.polygon(square(corner.x, corner.y, 100)))
        let deficit = (10_000 - e) / 10_000
        #expect(abs(deficit - 0.0005) <= 0.0001)
    }

    @Test("the ellipsoidal area is never larger than the planar one across the zone", arguments: [0.0, 0.3, 0.7, 1.0, 1.3, 1.5])
    func neverLarger(_ offset: Double) throws {
        let t = try Transformer(from: .cgcs2000, to: .cm105)
        let calc = try AreaCalculator(crs: .cm105)
        for lat in [21.0, 25.0, 30.0, 35.0, 40.0] {
            for sign in [-1.0, 1.0] {
                let c = try t.transform(Coordinate(105 + sign * offset, lat))
                let e = try calc.ellipsoidalArea(.polygon(square(c.x, c.y, 100)))
                #expect(e <= 10_000 * (1 + 1e-9), "lon offset \(sign * offset), lat \(lat): \(e)")
            }
        }
    }

    @Test("the geodesic triangle (0,0)–(90°E,0)–(90°N) is exactly 1/8 of the CGCS2000 ellipsoid's surface")
    func octant() {
        // Closed form: S = 2πa²[1 + (1 − e²)/e · artanh e], e² = f(2 − f).
        let a = Geodesic.cgcs2000SemiMajorAxis, f = Geodesic.cgcs2000Flattening
        let e = (f * (2 - f)).squareRoot()
        let surface = 2 * Double.pi * a * a * (1 + (1 - e * e) / e * atanh(e))
        let area = Geodesic().ringArea([Coordinate(0, 0), Coordinate(90, 0), Coordinate(0, 90), Coordinate(0, 0)])
        #expect(abs(area - surface / 8) / (surface / 8) < 1e-9)
    }

    @Test("a parcel with a hole: area = outer − hole, planar (9600 m²) and ellipsoidal")
    func hole() throws {
        let outer = square(499_950, 3_320_000, 100), hole = square(499_990, 3_320_040, 20)
        let parcel = Geometry.polygon(Polygon(exterior: outer.exterior, holes: [hole.exterior]))
        #expect(PlanarArea.of(parcel) == 9_600)
        #expect(AreaUnit.mu(squareMetres: PlanarArea.of(parcel)) == 14.4)
        #expect(try GeometryEngine().area(parcel) == 9_600)
        let calc = try AreaCalculator(crs: .cm105)
        let whole = try calc.ellipsoidalArea(.polygon(outer)), inner = try calc.ellipsoidalArea(.polygon(hole))
        let withHole = try calc.ellipsoidalArea(parcel)
        #expect(abs(withHole - (whole - inner)) < 1e-9)
        #expect(abs(withHole - 9_600) / 9_600 < 1e-5)
    }

    @Test("geographic input is measured directly on the ellipsoid")
    func geographic() throws {
        let calc = try AreaCalculator(crs: .cgcs2000)
        // A 0.001° × 0.001° cell at the equator: ≈ (111319.49 m × 0.001) × (110574.27 m × 0.001) ≈ 12309 m².
        let cell = Geometry.polygon(
            Polygon(exterior: [Coordinate(0, 0), Coordinate(0.001, 0), Coordinate(0.001, 0.001), Coordinate(0, 0.001), Coordinate(0, 0)]))
        #expect(abs(try calc.ellipsoidalArea(cell) - 111.31949 * 110.57427) < 0.5)
    }
}
