/// Area units used in Chinese land administration.
public enum AreaUnit {
    /// Square metres in one mu (亩): 10000 / 15.
    public static let squareMetresPerMu = 10_000.0 / 15.0

    /// m² → mu, exactly m² × 15 / 10000.
    public static func mu(squareMetres: Double) -> Double { squareMetres * 15 / 10_000 }

    /// m² → hectares (公顷).
    public static func hectares(squareMetres: Double) -> Double { squareMetres / 10_000 }

    /// hectares → m².
    public static func squareMetres(hectares: Double) -> Double { hectares * 10_000 }
}

/// Planar (Gauss plane) areas by the shoelace formula, |outer| − Σ|holes| per polygon, in CRS units².
public enum PlanarArea {
    public static func ring(_ r: [Coordinate]) -> Double { abs(signedRing(r)) }

    /// Signed shoelace area (positive = counter-clockwise) of one ring, in CRS units².
    public static func signedRing(_ r: [Coordinate]) -> Double {
        guard r.count >= 3 else { return 0 }
        // Shift to the first point: prefixed eastings (~3.5e7) would otherwise lose digits.
        let o = r[0]
        var s = 0.0
        for i in 0..<(r.count - 1) {
            let a = r[i], b = r[i + 1]
            s += (a.x - o.x) * (b.y - o.y) - (b.x - o.x) * (a.y - o.y)
        }
        // An open ring's closing edge (last → first) contributes 0 once shifted to the first point.
        return s / 2
    }

    public static func of(_ g: Geometry) -> Double {
        g.polygons.reduce(0) { sum, p in sum + ring(p.exterior) - p.holes.reduce(0) { $0 + ring($1) } }
    }
}

/// Computes official areas of geometries stored in one CRS: ellipsoidal (inverse-project to
/// CGCS2000 lon/lat, then geodesic area) and planar. Owns a PROJ transformer, so one per thread.
public final class AreaCalculator {
    public let crs: CRS
    private let toGeographic: Transformer?
    private let geodesic = Geodesic()

    /// - Parameter crs: the CRS of the geometries to measure (projected in metres, or geographic).
    public init(crs: CRS) throws(ProjectionError) {
        self.crs = crs
        toGeographic = crs.isGeographic ? nil : try Transformer(from: crs, to: .cgcs2000)
    }

    /// Ellipsoidal area in m² on CGCS2000 (the official 椭球面积).
    public func ellipsoidalArea(_ g: Geometry) throws(ProjectionError) -> Double {
        guard let toGeographic else { return geodesic.area(lonLat: g) }
        return geodesic.area(lonLat: try toGeographic.transform(g))
    }

    /// Planar area in CRS units² (m² on the Gauss plane); meaningless for geographic CRSs.
    public func planarArea(_ g: Geometry) -> Double { PlanarArea.of(g) }
}

@available(*, unavailable, message: "owns a PROJ transformer")
extension AreaCalculator: Sendable {}
