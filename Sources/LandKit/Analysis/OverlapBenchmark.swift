import Foundation

/// A synthetic, in-memory workload for timing ``OverlapEngine`` (for `Scripts/bench`), in
/// EPSG:4544 around easting 500 000 m, northing 3 350 000 m.
///
/// The red line is a 20 km × 60 m road corridor (a slightly sloping centerline, so tile seams and
/// parcel edges do not line up) plus two 600 m × 600 m blocks beside it (a plant and a
/// resettlement site). Parcels are 30 m squares on a grid in a band that follows the corridor;
/// most lie outside (rejected by the tile index), some inside the blocks, the rest on the red line.
public enum OverlapBenchmark {
    /// One timed run.
    public struct Measurement: Sendable, Hashable, CustomStringConvertible {
        public var parcels: Int
        public var overlapping: Int
        public var whollyInside: Int
        public var threads: Int
        public var tiles: Int
        /// Building the red line, cutting tiles, starting workers, seconds.
        public var setupSeconds: Double
        /// Streaming all parcels through the engine in batches, seconds.
        public var seconds: Double
        public var parcelsPerSecond: Double { seconds > 0 ? Double(parcels) / seconds : 0 }

        public var description: String {
            String(
                format: "%d parcels, %d threads, %d tiles: %.0f parcels/s (%.3f s; setup %.3f s; %d overlapping, %d wholly inside)",
                parcels, threads, tiles, parcelsPerSecond, seconds, setupSeconds, overlapping, whollyInside)
        }
    }

    public static let crs = CRS.cm105

    /// The zones of the synthetic project: the corridor and the two blocks, EPSG:4544 metres.
    public static func zones() throws(GeometryError) -> [Geometry] {
        let corridor = try GeometryEngine().corridor(
            centerline: .lineString([Coordinate(490_000, 3_349_250), Coordinate(510_000, 3_350_750)]), widthMetres: 60)
        func block(_ x: Double, _ y: Double) -> Geometry {
            .polygon(Envelope(minX: x, minY: y, maxX: x + 600, maxY: y + 600).polygon)
        }
        return [corridor, block(495_000, 3_349_650), block(505_000, 3_350_400)]
    }

    /// `count` square parcels with their stored ellipsoidal and planar areas, keys 0…count−1.
    /// - Parameters:
    ///   - count: number of parcels.
    ///   - sizeMetres: edge of a parcel; 30 m puts most of 100 000 parcels far from the red line,
    ///     5 m puts them all within ~130 m of the centerline (about half of them overlapping).
    public static func parcels(count: Int, sizeMetres size: Double = 30) throws(ProjectionError) -> [ParcelShape] {
        let calculator = try AreaCalculator(crs: crs)
        let columns = Int(20_000 / size)
        let rows = max(1, (count + columns - 1) / columns)
        var shapes: [ParcelShape] = []
        shapes.reserveCapacity(count)
        outer: for row in 0..<rows {
            for column in 0..<columns {
                if shapes.count == count { break outer }
                let x = 490_000 + Double(column) * size
                // The band follows the corridor (slope 0.075), rows centred on it, 7 m off the tile grid.
                let centre = 3_349_250 + 0.075 * (x - 490_000)
                let y = (centre / size).rounded(.down) * size + 0.37 * size + Double(row - rows / 2) * size
                let g = Geometry.polygon(Envelope(minX: x, minY: y, maxX: x + size, maxY: y + size).polygon)
                shapes.append(
                    ParcelShape(
                        key: Int64(shapes.count), geometry: g,
                        ellipsoidalAreaSquareMetres: try calculator.ellipsoidalArea(g), planarAreaSquareMetres: PlanarArea.of(g)))
            }
        }
        return shapes
    }

    /// Streams the parcels through a fresh engine and times it.
    /// - Parameters:
    ///   - parcels: from ``parcels(count:)``.
    ///   - threads: worker threads.
    ///   - batchSize: parcels per call, as the store streams them.
    ///   - tileSizeMetres: red line tile edge, metres.
    public static func measure(parcels: [ParcelShape], threads: Int, batchSize: Int = 10_000, tileSizeMetres: Double = 250) throws
        -> Measurement
    {
        let clock = ContinuousClock()
        var engine: OverlapEngine?
        let setup = try clock.measure {
            engine = try OverlapEngine(
                redLine: try RedLine(zones: try zones(), crs: crs),
                configuration: .init(tileSizeMetres: tileSizeMetres, threads: threads))
        }
        guard let engine else { throw OverlapError("the benchmark engine was not built") }
        _ = try engine.parcels(Array(parcels.prefix(threads * 512)))  // warm up: lazy GEOS indexes
        defer { engine.close() }
        var overlapping = 0, inside = 0
        let run = try clock.measure {
            for start in stride(from: 0, to: parcels.count, by: max(1, batchSize)) {
                let batch = try engine.parcels(Array(parcels[start..<min(parcels.count, start + batchSize)]))
                overlapping += batch.overlaps.count
                inside += batch.overlaps.count { $0.isWhollyInside }
            }
        }
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        return Measurement(
            parcels: parcels.count, overlapping: overlapping, whollyInside: inside, threads: threads, tiles: engine.tileCount,
            setupSeconds: seconds(setup), seconds: seconds(run))
    }
}
