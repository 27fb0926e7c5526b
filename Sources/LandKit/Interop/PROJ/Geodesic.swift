import CLandKitPROJ

/// Geodesic polygon areas on the CGCS2000 ellipsoid (GRS80: a = 6378137 m, 1/f = 298.257222101),
/// with PROJ's geodesic library (Karney's algorithm, `geod_polygonarea`).
public struct Geodesic: Sendable {
    public static let cgcs2000SemiMajorAxis = 6_378_137.0
    public static let cgcs2000Flattening = 1 / 298.257222101

    private var g = geod_geodesic()

    public init(semiMajorAxis a: Double = Self.cgcs2000SemiMajorAxis, flattening f: Double = Self.cgcs2000Flattening) {
        geod_init(&g, a, f)
    }

    /// Unsigned area in m² of one ring given as (longitude, latitude) degrees. A closing point
    /// equal to the first is ignored.
    public func ringArea(_ ring: [Coordinate]) -> Double {
        var n = ring.count
        if n > 1, ring[0] == ring[n - 1] { n -= 1 }
        guard n >= 3 else { return 0 }
        var lats = [Double](repeating: 0, count: n), lons = [Double](repeating: 0, count: n)
        for i in 0..<n {
            lons[i] = ring[i].x
            lats[i] = ring[i].y
        }
        var area = 0.0, perimeter = 0.0
        withUnsafePointer(to: g) { gp in
            geod_polygonarea(gp, &lats, &lons, Int32(n), &area, &perimeter)
        }
        return abs(area)
    }

    /// Area in m² of polygonal geometry in (longitude, latitude) degrees: for each polygon
    /// |outer| − Σ|holes|. Non-polygonal parts count 0.
    public func area(lonLat g: Geometry) -> Double {
        g.polygons.reduce(0) { sum, p in
            sum + ringArea(p.exterior) - p.holes.reduce(0) { $0 + ringArea($1) }
        }
    }
}
