import Testing

@testable import LandKit

// Every figure below is a hand calculation on rectangles and straight lines in EPSG:4544
// (CGCS2000 / 3° Gauss-Krüger CM 105°E), near easting 500 000 m (on the central meridian, where
// k₀ = 1) and northing 3 350 000 m (~30.3°N). There the ellipsoidal area equals the planar one
// within ~1e-8 relative, so hand-computed planar areas also check the ellipsoidal ones.

private let crs = CRS.cm105
private let e0 = 500_000.0
private let n0 = 3_350_000.0

/// A rectangle from (x0, y0) to (x1, y1), metres in EPSG:4544.
private func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
    .polygon(Polygon(exterior: [Coordinate(x0, y0), Coordinate(x1, y0), Coordinate(x1, y1), Coordinate(x0, y1), Coordinate(x0, y0)]))
}

/// A parcel with its stored areas, as the importer would compute them.
private func parcel(_ key: Int64, _ geometry: Geometry, _ calculator: AreaCalculator? = nil) throws -> ParcelShape {
    ParcelShape(
        key: key, geometry: geometry,
        ellipsoidalAreaSquareMetres: try (calculator ?? AreaCalculator(crs: crs)).ellipsoidalArea(geometry),
        planarAreaSquareMetres: PlanarArea.of(geometry))
}

/// The 60 m × 1 km corridor of most tests: easting 500 000…501 000, northing 3 349 970…3 350 030.
private let corridor = box(e0, n0 - 30, e0 + 1000, n0 + 30)

private func engine(_ zones: [Geometry] = [corridor], tile: Double = 250, threads: Int = 2, chunk: Int = 256) throws -> OverlapEngine {
    try OverlapEngine(
        redLine: try RedLine(zones: zones, crs: crs),
        configuration: .init(tileSizeMetres: tile, threads: threads, chunkSize: chunk))
}

@Suite("Overlap engine")
struct OverlapEngineTests {
    @Suite("Parcels")
    struct Parcels {
        @Test("a parcel half inside the corridor acquires half its area (20 × 10 = 200 of 400 m²)")
        func halfInside() throws {
            let result = try engine().parcels([try parcel(1, box(e0 + 100, n0 + 20, e0 + 120, n0 + 40))])
            #expect(result.diagnostics.isEmpty)
            let overlap = try #require(result.overlaps.first)
            #expect(abs(overlap.overlapPlanarSquareMetres - 200) < 1e-6)
            #expect(abs(overlap.overlapSquareMetres - 200) < 200 * 1e-5)
            #expect(abs(overlap.fraction - 0.5) < 1e-6)
            #expect(!overlap.isSliver && !overlap.isWhollyInside)
        }

        @Test("a parcel touching the red line acquires 0 and is not listed")
        func touching() throws {
            let result = try engine().parcels([
                try parcel(1, box(e0 + 100, n0 + 30, e0 + 120, n0 + 50)),  // shares the northern edge
                try parcel(2, box(e0 + 1000, n0 - 10, e0 + 1010, n0)),  // shares part of the eastern end
                try parcel(3, box(e0 + 1000, n0 + 30, e0 + 1010, n0 + 40)),  // touches a corner only
            ])
            #expect(result.overlaps.isEmpty)
            #expect(result.diagnostics.isEmpty)
        }

        @Test("a parcel inside two overlapping zones of one project counts once")
        func overlappingZones() throws {
            // Zone B (100 × 100) overlaps the corridor on 100 × 60. Parcel 1 (20 × 20) lies in both
            // zones: 400 m², not 800. Parcel 2 lies in B and half in the corridor: 400, not 600.
            let zoneB = box(e0 + 50, n0 - 50, e0 + 150, n0 + 50)
            let result = try engine([corridor, zoneB]).parcels([
                try parcel(1, box(e0 + 60, n0 - 10, e0 + 80, n0 + 10)),
                try parcel(2, box(e0 + 60, n0 - 40, e0 + 80, n0 - 20)),
            ])
            #expect(result.overlaps.map(\.key) == [1, 2])
            for overlap in result.overlaps { #expect(abs(overlap.overlapPlanarSquareMetres - 400) < 1e-6) }
            // The red line itself: 60 000 + 100 × 100 − 100 × 60 = 64 000 m².
            #expect(abs(try RedLine(zones: [corridor, zoneB], crs: crs).planarAreaSquareMetres - 64_000) < 1e-6)
        }

        @Test("a parcel straddling a tile seam gets the same area as with one huge tile")
        func tileSeam() throws {
            // 500 250 and 3 350 000 are multiples of 250 m: seams of the 250 m grid.
            let shapes = [
                try parcel(1, box(e0 + 240, n0 + 20, e0 + 260, n0 + 40)),  // crosses a seam and the red line: 20 × 10 = 200
                try parcel(2, box(e0 + 240, n0 - 10, e0 + 260, n0 + 10)),  // inside, across a seam corner: 400
                try parcel(3, box(e0 + 245.3, n0 - 37.1, e0 + 263.9, n0 + 2.2)),  // 18.6 × (2.2 + 30) = 598.92
            ]
            let tiled = try engine(tile: 250).parcels(shapes).overlaps
            let single = try engine(tile: 1_000_000).parcels(shapes).overlaps
            #expect(tiled.count == 3 && single.count == 3)
            for (expected, (a, b)) in zip([200, 400, 598.92], zip(tiled, single)) {
                #expect(abs(a.overlapPlanarSquareMetres - expected) < 1e-6)
                #expect(abs(a.overlapPlanarSquareMetres - b.overlapPlanarSquareMetres) < 1e-6)
                #expect(abs(a.overlapSquareMetres - b.overlapSquareMetres) < 1e-6)
                #expect(abs(a.fraction - b.fraction) < 1e-9)
            }
        }

        @Test("a 60 m × 1 km centerline corridor over a grid of 10 m parcels acquires 60 000 m² planar")
        func corridorOverGrid() throws {
            let zone = try GeometryEngine().corridor(
                centerline: .lineString([Coordinate(e0, n0), Coordinate(e0 + 1000, n0)]), widthMetres: 60)
            // Grid offset by 3 m so that the corridor's edges and ends cut parcels.
            var shapes: [ParcelShape] = []
            let calculator = try AreaCalculator(crs: crs)
            for i in 0..<104 {
                for j in 0..<10 {
                    let x = e0 - 17 + Double(i) * 10, y = n0 - 57 + Double(j) * 10
                    shapes.append(try parcel(Int64(i * 100 + j), box(x, y, x + 10, y + 10), calculator))
                }
            }
            let result = try engine([zone]).parcels(shapes)
            #expect(result.diagnostics.isEmpty)
            let planar = result.overlaps.reduce(0) { $0 + $1.overlapPlanarSquareMetres }
            #expect(abs(planar - 60_000) < 1e-6)
        }

        @Test("a diagonal 60 m × 1 km corridor (a 600-800-1000 line) over 10 m parcels acquires 60 000 m²")
        func diagonalCorridorOverGrid() throws {
            let zone = try GeometryEngine().corridor(
                centerline: .lineString([Coordinate(e0 + 3, n0 + 7), Coordinate(e0 + 603, n0 + 807)]), widthMetres: 60)
            var shapes: [ParcelShape] = []
            let calculator = try AreaCalculator(crs: crs)
            for i in 0..<70 {
                for j in 0..<88 {
                    let x = e0 - 30 + Double(i) * 10, y = n0 - 30 + Double(j) * 10
                    shapes.append(try parcel(Int64(i * 1000 + j), box(x, y, x + 10, y + 10), calculator))
                }
            }
            let overlaps = try engine([zone]).parcels(shapes).overlaps
            let planar = overlaps.reduce(0) { $0 + $1.overlapPlanarSquareMetres }
            let ellipsoidal = overlaps.reduce(0) { $0 + $1.overlapSquareMetres }
            // The corner offsets (±24, ∓18) are rounded at ~5e-10 m, which moves the area by ~1e-6 m².
            #expect(abs(planar - 60_000) < 1e-4)
            #expect(abs(ellipsoidal - 60_000) < 60_000 * 1e-5)
        }

        @Test("ellipsoidal overlap = planar overlap on the central meridian, and = the stored area for parcels wholly inside")
        func ellipsoidalVersusPlanar() throws {
            let shapes = try syntheticParcels(count: 600)
            let byKey = Dictionary(uniqueKeysWithValues: shapes.map { ($0.key, $0) })
            let overlaps = try engine().parcels(shapes).overlaps
            #expect(overlaps.contains { $0.isWhollyInside })
            #expect(overlaps.contains { !$0.isWhollyInside })
            for overlap in overlaps {
                // On the central meridian the scale is 1 (k₀ = 1): the two areas differ only by the
                // rounding of PROJ's inverse projection and the geodesic sum (~1e-9 relative).
                #expect(overlap.overlapSquareMetres <= overlap.overlapPlanarSquareMetres * (1 + 1e-8))
                #expect(abs(overlap.overlapSquareMetres - overlap.overlapPlanarSquareMetres) <= overlap.overlapPlanarSquareMetres * 1e-5)
                if overlap.isWhollyInside, let stored = byKey[overlap.key] {
                    #expect(overlap.overlapSquareMetres == stored.ellipsoidalAreaSquareMetres)
                    #expect(overlap.overlapPlanarSquareMetres == stored.planarAreaSquareMetres)
                    #expect(overlap.fraction == 1)
                }
            }
        }

        @Test("100 km east of the central meridian the planar overlap exceeds the ellipsoidal one by ~0.025 %")
        func awayFromCentralMeridian() throws {
            // Hand: Gauss-Krüger scale k ≈ 1 + x² / (2R²), x = 100 km, R ≈ 6.37e6 m → 1.23e-4, so the
            // planar area is larger by k² − 1 ≈ 2.46e-4 (geo.md: +0.025 % at 1° from the CM).
            let zone = box(e0 + 100_000, n0 - 30, e0 + 101_000, n0 + 30)
            let overlaps = try engine([zone]).parcels([
                try parcel(1, box(e0 + 100_100, n0 + 20, e0 + 100_120, n0 + 40)),  // half inside: 200 m² planar
                try parcel(2, box(e0 + 100_200, n0 - 10, e0 + 100_220, n0 + 10)),  // wholly inside: 400 m² planar
            ]).overlaps
            #expect(overlaps.count == 2)
            for overlap in overlaps {
                let excess = overlap.overlapPlanarSquareMetres / overlap.overlapSquareMetres - 1
                #expect(excess > 2.3e-4 && excess < 2.6e-4)
            }
            #expect(abs(overlaps[0].overlapPlanarSquareMetres - 200) < 1e-6)
        }

        @Test("an overlap under the sliver threshold (1 m²) is listed and flagged; 0.005 m² is zero")
        func slivers() throws {
            let result = try engine().parcels([
                try parcel(1, box(e0 + 10, n0 + 29.9, e0 + 15, n0 + 40)),  // 5 × 0.1 = 0.5 m² inside
                try parcel(2, box(e0 + 20, n0 + 29.999, e0 + 25, n0 + 40)),  // 5 × 0.001 = 0.005 m²: zero
                try parcel(3, box(e0 + 30, n0 + 29, e0 + 35, n0 + 40)),  // 5 × 1 = 5 m²
            ])
            #expect(result.overlaps.map(\.key) == [1, 3])
            #expect(result.overlaps.map(\.isSliver) == [true, false])
            #expect(abs(result.overlaps[0].overlapPlanarSquareMetres - 0.5) < 1e-6)
        }

        @Test("single-thread and multi-thread runs give identical results, sorted by key")
        func threadsAgree() throws {
            let shapes = try syntheticParcels(count: 3000).reversed().map { $0 }
            let one = try engine(threads: 1).parcels(shapes)
            let two = try engine(threads: 2, chunk: 37).parcels(shapes)
            let three = try engine(threads: 3, chunk: 5).parcels(shapes)
            #expect(one.overlaps.count > 100)
            #expect(one == two)
            #expect(one == three)
            #expect(one.overlaps.map(\.key) == one.overlaps.map(\.key).sorted())
        }

        @Test("an engine serves many batches without rebuilding its tiles")
        func manyBatches() throws {
            let shapes = try syntheticParcels(count: 1000)
            let overlapEngine = try engine()
            let whole = try overlapEngine.parcels(shapes).overlaps
            var streamed: [ParcelOverlap] = []
            for start in stride(from: 0, to: shapes.count, by: 128) {
                streamed += try overlapEngine.parcels(Array(shapes[start..<min(start + 128, shapes.count)])).overlaps
            }
            #expect(streamed == whole)
            #expect(try overlapEngine.parcels([]).overlaps.isEmpty)
            overlapEngine.close()
            #expect(throws: OverlapError.self) { try overlapEngine.parcels(shapes) }
        }

        @Test("a parcel GEOS cannot build is reported as an error and the rest of the batch goes on")
        func unusableParcel() throws {
            let broken = ParcelShape(
                key: 5, geometry: .polygon(Polygon(exterior: [Coordinate(e0 + 10, n0), Coordinate(e0 + 20, n0)])),
                ellipsoidalAreaSquareMetres: 0, planarAreaSquareMetres: 0)
            let result = try engine().parcels([broken, try parcel(6, box(e0 + 100, n0, e0 + 110, n0 + 10))])
            #expect(result.overlaps.map(\.key) == [6])
            #expect(result.diagnostics.map(\.feature) == ["5"])
            #expect(result.diagnostics.first?.severity == .error)
        }

        @Test("an invalid parcel (bow-tie) is repaired for the overlap and reported")
        func invalidParcel() throws {
            let bowTie = Geometry.polygon(
                Polygon(exterior: [
                    Coordinate(e0 + 100, n0 + 20), Coordinate(e0 + 110, n0 + 30), Coordinate(e0 + 110, n0 + 20),
                    Coordinate(e0 + 100, n0 + 30), Coordinate(e0 + 100, n0 + 20),
                ]))
            // Hand: the crossing is at (105, 25); both triangles are 10 × 5 / 2 = 25 m² and lie inside
            // the corridor (northing ≤ n0 + 30), so the whole 50 m² is acquired.
            let shape = ParcelShape(key: 9, geometry: bowTie, ellipsoidalAreaSquareMetres: 50, planarAreaSquareMetres: 50)
            let result = try engine().parcels([shape])
            let overlap = try #require(result.overlaps.first)
            #expect(abs(overlap.overlapPlanarSquareMetres - 50) < 1e-6)
            #expect(result.diagnostics.map(\.feature) == ["9"])
            #expect(result.diagnostics.first?.severity == .warning)
        }
    }

    @Suite("Buildings")
    struct Buildings {
        @Test("a house crossing the red line is edge, one wholly inside is inside, a point house on the line is inside")
        func positions() throws {
            let result = try engine().buildings([
                BuildingShape(key: 1, geometry: box(e0 + 100, n0 + 25, e0 + 110, n0 + 35)),  // crosses: 10 × 5 inside
                BuildingShape(key: 2, geometry: box(e0 + 200, n0 - 10, e0 + 210, n0)),  // inside, on a seam
                BuildingShape(key: 3, geometry: box(e0 + 245, n0 - 20, e0 + 255, n0 - 10)),  // inside, across a seam
                BuildingShape(key: 4, geometry: .point(Coordinate(e0 + 300, n0 + 30))),  // point on the red line
                BuildingShape(key: 5, geometry: .point(Coordinate(e0 + 300, n0 + 31))),  // point outside
                BuildingShape(key: 6, geometry: box(e0 + 400, n0 + 30, e0 + 410, n0 + 40)),  // touches: outside
                BuildingShape(key: 7, geometry: box(e0 + 500, n0 + 50, e0 + 510, n0 + 60)),  // outside
                BuildingShape(key: 8, geometry: box(e0 + 600, n0 + 20, e0 + 610, n0 + 30)),  // inside, along the line
                BuildingShape(key: 9, geometry: .point(Coordinate(e0 + 700, n0))),  // point house inside
            ])
            #expect(result.diagnostics.isEmpty)
            #expect(result.overlaps.map(\.key) == [1, 2, 3, 4, 8, 9])
            #expect(result.overlaps.map(\.position) == [.edge, .inside, .inside, .inside, .inside, .inside])
            #expect(abs(result.overlaps[0].overlapPlanarSquareMetres - 50) < 1e-6)
            #expect(abs(result.overlaps[0].fraction - 0.5) < 1e-9)
        }
    }

    @Suite("Utilities")
    struct Utilities {
        @Test("a straight line crossing the 60 m corridor at 90° has 60 m inside", arguments: [1, 2])
        func crossingAtRightAngle(threads: Int) throws {
            let line = Geometry.lineString([Coordinate(e0 + 333, n0 - 200), Coordinate(e0 + 333, n0 + 200)])
            let overlap = try #require(try engine(threads: threads).utilities([UtilityShape(key: 1, geometry: line)]).overlaps.first)
            #expect(abs(overlap.lengthInsideMetres - 60) < 1e-6)
            #expect(abs(overlap.lengthMetres - 400) < 1e-6)
            #expect(!overlap.isItem)
        }

        @Test("a straight line crossing the 60 m corridor at 30° has 60 / sin 30° = 120 m inside")
        func crossingAtThirtyDegrees() throws {
            // Through a tile corner (500 500, 3 350 000), direction (cos 30°, sin 30°), ±200 m.
            let c = 3.0.squareRoot() / 2, s = 0.5
            let line = Geometry.lineString([Coordinate(e0 + 500 - 200 * c, n0 - 200 * s), Coordinate(e0 + 500 + 200 * c, n0 + 200 * s)])
            let overlap = try #require(try engine().utilities([UtilityShape(key: 1, geometry: line)]).overlaps.first)
            #expect(abs(overlap.lengthInsideMetres - 120) < 1e-6)
        }

        @Test("a line along a tile seam is counted once; a line touching the red line is not listed")
        func seamsAndTouching() throws {
            let result = try engine().utilities([
                UtilityShape(key: 1, geometry: .lineString([Coordinate(e0 + 100, n0), Coordinate(e0 + 400, n0)])),  // on seam n0: 300 m
                UtilityShape(key: 2, geometry: .lineString([Coordinate(e0 + 100, n0 + 30), Coordinate(e0 + 100, n0 + 90)])),  // touches
                UtilityShape(key: 3, geometry: .lineString([Coordinate(e0 + 10, n0 - 10), Coordinate(e0 + 20, n0 + 10)])),  // inside: √500
                UtilityShape(key: 4, geometry: .point(Coordinate(e0 + 900, n0 - 30))),  // substation on the line
                UtilityShape(key: 5, geometry: .point(Coordinate(e0 + 900, n0 - 31))),  // substation outside
            ])
            #expect(result.overlaps.map(\.key) == [1, 3, 4])
            #expect(abs(result.overlaps[0].lengthInsideMetres - 300) < 1e-6)
            #expect(abs(result.overlaps[1].lengthInsideMetres - 500.0.squareRoot()) < 1e-9)
            #expect(result.overlaps[2].isItem)
        }
    }

    @Suite("Red lines")
    struct RedLines {
        @Test("the union of two projects' red lines counts the shared land once")
        func unionAcrossProjects() throws {
            // A: the corridor (60 000 m²). B: a crossing road 60 × 200 (12 000 m²) sharing 60 × 60.
            let a = try RedLine(zones: [corridor], crs: crs)
            let b = try RedLine(zones: [box(e0 + 500, n0 - 100, e0 + 560, n0 + 100)], crs: crs)
            let both = try RedLine.union([a, b])
            #expect(abs(both.planarAreaSquareMetres - 68_400) < 1e-6)
            #expect(both.ellipsoidalAreaSquareMetres <= both.planarAreaSquareMetres)
            #expect(abs(both.ellipsoidalAreaSquareMetres - 68_400) < 68_400 * 1e-5)
            // A 100 × 100 parcel over the crossing: 6 000 in A, 6 000 in B, 8 400 in A ∪ B.
            let shape = try parcel(1, box(e0 + 480, n0 - 50, e0 + 580, n0 + 50))
            let once = try #require(try OverlapEngine(unionOf: [a, b]).parcels([shape]).overlaps.first)
            #expect(abs(once.overlapPlanarSquareMetres - 8_400) < 1e-6)
            let inA = try #require(try OverlapEngine(redLine: a).parcels([shape]).overlaps.first)
            #expect(abs(inA.overlapPlanarSquareMetres - 6_000) < 1e-6)
        }

        @Test("an invalid zone is repaired with STRUCTURE and reported; a line zone is refused")
        func repairs() throws {
            // Bow-tie: two triangles of 10 × 5 / 2 = 25 m² each.
            let bowTie = Geometry.polygon(
                Polygon(exterior: [
                    Coordinate(e0, n0), Coordinate(e0 + 10, n0 + 10), Coordinate(e0 + 10, n0), Coordinate(e0, n0 + 10), Coordinate(e0, n0),
                ]))
            let redLine = try RedLine(zones: [bowTie], crs: crs)
            #expect(abs(redLine.planarAreaSquareMetres - 50) < 1e-9)
            #expect(redLine.repairs.map(\.feature) == ["1"])
            #expect(throws: OverlapError.self) {
                try RedLine(zones: [.lineString([Coordinate(e0, n0), Coordinate(e0 + 1, n0)])], crs: crs)
            }
        }

        @Test("an empty red line takes nothing")
        func empty() throws {
            let overlapEngine = try OverlapEngine(redLine: try RedLine(zones: [], crs: crs))
            #expect(overlapEngine.tileCount == 0)
            #expect(try overlapEngine.parcels([try parcel(1, box(e0, n0, e0 + 10, n0 + 10))]).overlaps.isEmpty)
        }

        @Test("parcels deep inside a large zone are wholly inside, with the same figures as with one huge tile")
        func largeZone() throws {
            // A 2 km × 2 km zone (like a clearance zone) holds 8 × 8 full 250 m cells. Parcels: one
            // strictly inside a cell, one on a seam, one across a seam, one across the zone's edge.
            let zone = box(e0, n0, e0 + 2000, n0 + 2000)
            let shapes = [
                try parcel(1, box(e0 + 300, n0 + 300, e0 + 330, n0 + 330)),  // strictly inside cell (1, 1): 900
                try parcel(2, box(e0 + 250, n0 + 400, e0 + 280, n0 + 430)),  // west edge on the 500 250 seam: 900
                try parcel(3, box(e0 + 740, n0 + 740, e0 + 760, n0 + 760)),  // across a seam corner: 400
                try parcel(4, box(e0 + 1990, n0 + 990, e0 + 2010, n0 + 1010)),  // half out of the zone: 200
            ]
            let tiled = try engine([zone]).parcels(shapes).overlaps
            let single = try engine([zone], tile: 1_000_000).parcels(shapes).overlaps
            #expect(tiled.map(\.key) == [1, 2, 3, 4])
            #expect(tiled.map(\.isWhollyInside) == [true, true, true, false])
            #expect(single.map(\.isWhollyInside) == [true, true, true, false])
            for (expected, (a, b)) in zip([900.0, 900, 400, 200], zip(tiled, single)) {
                #expect(abs(a.overlapPlanarSquareMetres - expected) < 1e-6)
                #expect(abs(a.overlapSquareMetres - b.overlapSquareMetres) < 1e-6)
            }
            let houses = try engine([zone]).buildings([BuildingShape(key: 1, geometry: box(e0 + 300, n0 + 300, e0 + 310, n0 + 310))])
                .overlaps
            #expect(houses.map(\.position) == [.inside])
        }

        @Test("a 1 km corridor is cut into 250 m tiles along its length and at the 3 350 000 seam: 4 × 2 tiles")
        func tiles() throws {
            #expect(try engine().tileCount == 8)
        }
    }
}

/// Deterministic pseudo-random parcels around the corridor: 10–40 m rectangles, some inside,
/// some across its edges and the tile seams, some outside.
private func syntheticParcels(count: Int) throws -> [ParcelShape] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    let calculator = try AreaCalculator(crs: crs)
    var shapes: [ParcelShape] = []
    for key in 0..<count {
        let w = 10 + 30 * next(), h = 10 + 30 * next()
        let x = e0 - 50 + 1100 * next(), y = n0 - 90 + 180 * next() - h / 2
        let g = box(x, y, x + w, y + h)
        shapes.append(
            ParcelShape(
                key: Int64(key), geometry: g, ellipsoidalAreaSquareMetres: try calculator.ellipsoidalArea(g),
                planarAreaSquareMetres: PlanarArea.of(g)))
    }
    return shapes
}
