import Foundation

/// The values LandKit derives from a feature's geometry and stores beside it: a parcel's areas and
/// a utility's length. One rule for the importer, for features edited outside LandKit (QGIS, GDAL)
/// whose stored values must be recomputed, and for `info --verify`, which checks stored values
/// against the geometry.
///
/// Not `Sendable`: it owns a PROJ transformer and a GEOS context; each thread makes its own.
public final class FeatureMeasures {
    public let crs: CRS
    private let areas: AreaCalculator
    private let engine: GeometryEngine

    /// - Parameter crs: the CRS of the geometries (the storage CRS, projected in metres).
    public init(crs: CRS) throws {
        self.crs = crs
        areas = try AreaCalculator(crs: crs)
        engine = try GeometryEngine()
    }

    /// A parcel's areas, m²: ellipsoidal on CGCS2000 (the official figure) and planar in `crs`.
    public func parcelAreas(_ g: Geometry) throws -> (ellipsoidal: Double, planar: Double) {
        (try areas.ellipsoidalArea(g), PlanarArea.of(g))
    }

    /// A utility's length in metres (planar, in `crs`); 0 for a point utility (a pole, a substation point).
    public func utilityLength(_ g: Geometry) throws -> Double {
        g.isPuntal || g.isEmpty ? 0 : try engine.length(g)
    }

    /// LandKit's validity rule for a stored feature, one for the importer and for features drawn
    /// outside LandKit (QGIS, GDAL): a valid geometry (or a point) is kept; an invalid one is
    /// repaired with GEOS MakeValid (STRUCTURE method), parcels and buildings keeping only the
    /// polygons it gives; when no polygon with area is left, nothing can stand for it.
    public func validated(_ g: Geometry, layer: FeatureLayer) throws -> GeometryCheck {
        guard !g.isPuntal, let reason = try engine.invalidityReason(g) else { return .valid }
        let fixed = try engine.makeValid(g)
        switch layer {
        case .parcels, .buildings:
            let polys = fixed.polygons.filter { !$0.exterior.isEmpty }
            let kept: Geometry = polys.count == 1 ? .polygon(polys[0]) : .multiPolygon(polys)
            guard !polys.isEmpty, PlanarArea.of(kept) > 0 else { return .unrepairable(reason: reason) }
            return .repaired(kept, reason: reason)
        case .utilities:
            return .repaired(fixed, reason: reason)
        }
    }

    /// What `info --verify` says of a stored parcel, one rule for every store: its geometry is invalid, or its
    /// stored areas (m² ellipsoidal, m² planar, mu) do not match the geometry. Empty when all is well.
    public func parcelProblems(
        id: String, geometry g: Geometry, areaSquareMetres e: Double, planarSquareMetres p: Double, mu: Double
    ) throws -> [String] {
        var problems: [String] = []
        if !g.isPuntal, let reason = try engine.invalidityReason(g) {
            problems.append("parcel \(id): its geometry is invalid (\(reason)): redraw it or import it again")
        }
        let (ce, cp) = try parcelAreas(g)
        if !Self.agree(stored: e, computed: ce) || !Self.agree(stored: p, computed: cp)
            || !Self.agree(stored: mu * AreaUnit.squareMetresPerMu, computed: ce)
        {
            problems.append(
                "parcel \(id): stored areas (\(Self.m2(e)) m² ellipsoidal, \(Self.m2(p)) m² planar, \(mu) mu) do not match its geometry (\(Self.m2(ce)) m², \(Self.m2(cp)) m² planar): import it again"
            )
        }
        return problems
    }

    /// What `info --verify` says of a stored utility whose stored length does not match its geometry, or nil.
    public func utilityProblem(id: String, geometry g: Geometry, lengthMetres l: Double) throws -> String? {
        let cl = try utilityLength(g)
        guard !Self.agree(stored: l, computed: cl) else { return nil }
        return "utility \(id): stored length \(Self.m2(l)) m does not match its geometry (\(Self.m2(cl)) m): import it again"
    }

    private static func m2(_ v: Double) -> String { String(format: "%.2f", v) }

    /// True when a stored value and a recomputed one are the same measure: within 0.01 m² (or m),
    /// the size below which LandKit treats areas as zero, or 1e-9 of the value for large features.
    public static func agree(stored: Double, computed: Double) -> Bool {
        abs(stored - computed) <= max(0.01, 1e-9 * abs(computed))
    }
}

/// What ``FeatureMeasures/validated(_:layer:)`` made of a geometry.
public enum GeometryCheck: Sendable {
    /// Valid as it is.
    case valid
    /// Invalid (GEOS's reason, with its position in the geometry's own coordinates) and repaired to this geometry.
    case repaired(Geometry, reason: String)
    /// Invalid, and nothing with area is left after repair.
    case unrepairable(reason: String)
}

@available(*, unavailable, message: "owns a PROJ transformer and a GEOS context")
extension FeatureMeasures: Sendable {}
