/// A parcel handed to ``OverlapEngine``: its key, its geometry and the areas already stored for it.
///
/// The geometry is in the red line's CRS (the storage CRS, a Gauss-Krüger CRS in metres) and is
/// expected to be valid (importers repair and record invalid parcels); the engine repairs a parcel
/// GEOS refuses and reports that as a warning.
public struct ParcelShape: Sendable, Hashable {
    /// The store's key for the parcel (e.g. the GeoPackage `fid`).
    public var key: Int64
    /// The parcel's polygon or multipolygon in the storage CRS (metres), as a value or as the WKB
    /// the store holds (decoded on a worker thread).
    public var source: ShapeGeometry
    /// The parcel's stored ellipsoidal area on CGCS2000, m²: reused for parcels wholly inside.
    public var ellipsoidalAreaSquareMetres: Double
    /// The parcel's stored planar (Gauss plane) area, m²: reused for parcels wholly inside.
    public var planarAreaSquareMetres: Double

    public init(key: Int64, geometry: Geometry, ellipsoidalAreaSquareMetres: Double, planarAreaSquareMetres: Double) {
        self.init(
            key: key, source: .value(geometry), ellipsoidalAreaSquareMetres: ellipsoidalAreaSquareMetres,
            planarAreaSquareMetres: planarAreaSquareMetres)
    }

    public init(key: Int64, source: ShapeGeometry, ellipsoidalAreaSquareMetres: Double, planarAreaSquareMetres: Double) {
        self.key = key
        self.source = source
        self.ellipsoidalAreaSquareMetres = ellipsoidalAreaSquareMetres
        self.planarAreaSquareMetres = planarAreaSquareMetres
    }
}

/// A shape's geometry as the overlap engine receives it: a value, or the WKB a store read, with
/// the bounding box the store keeps beside it (a GeoPackage blob's header envelope).
///
/// WKB is decoded on the worker thread that takes the shape, straight into GEOS, and only when the
/// box test cannot decide: a store hands over its bytes without decoding a single coordinate.
public enum ShapeGeometry: Sendable, Hashable {
    case value(Geometry)
    /// Well-known binary (either byte order) and its finite bounding box. A store without a box for
    /// the bytes (a blob header without one) decodes them and hands over a `.value` instead.
    case wkb([UInt8], envelope: Envelope)

    /// The geometry as a value (WKB decoded by LandKit's reader).
    /// - Throws: `GeometryError` naming where undecodable WKB stops making sense.
    public func value() throws(GeometryError) -> Geometry {
        switch self {
        case .value(let g): g
        case .wkb(let bytes, _): try Geometry(wkb: bytes)
        }
    }

    /// The bounding box (never decodes: WKB comes with its box).
    public var envelope: Envelope? {
        switch self {
        case .value(let g): g.envelope
        case .wkb(_, let envelope): envelope
        }
    }
}

/// The part of one parcel inside a red line (parcel ∩ red line).
public struct ParcelOverlap: Sendable, Hashable {
    public var key: Int64
    /// Ellipsoidal area of the overlap on CGCS2000, m² (the official figure).
    public var overlapSquareMetres: Double
    /// Planar (Gauss plane) area of the overlap, m².
    public var overlapPlanarSquareMetres: Double
    /// Share of the parcel inside the red line, 0…1 (ellipsoidal overlap / stored ellipsoidal area;
    /// exactly 1 for a parcel wholly inside).
    public var fraction: Double
    /// True when the overlap is under the engine's sliver threshold (ellipsoidal m²): list it for review.
    public var isSliver: Bool
    /// True when the parcel was found wholly inside the red line and its stored areas were reused.
    /// A parcel inside but across a seam of a tile the red line does not fill is measured piece by
    /// piece instead (false here, the same area within ~1e-6 m²).
    public var isWhollyInside: Bool

    public init(
        key: Int64, overlapSquareMetres: Double, overlapPlanarSquareMetres: Double, fraction: Double, isSliver: Bool, isWhollyInside: Bool
    ) {
        self.key = key
        self.overlapSquareMetres = overlapSquareMetres
        self.overlapPlanarSquareMetres = overlapPlanarSquareMetres
        self.fraction = fraction
        self.isSliver = isSliver
        self.isWhollyInside = isWhollyInside
    }
}

/// A building (house) handed to ``OverlapEngine``: a footprint polygon or a point, in the storage CRS.
public struct BuildingShape: Sendable, Hashable {
    public var key: Int64
    /// Footprint (polygon / multipolygon) or location (point / multipoint), storage CRS, metres.
    public var geometry: Geometry

    public init(key: Int64, geometry: Geometry) {
        self.key = key
        self.geometry = geometry
    }
}

/// A building inside or on the edge of a red line.
public struct BuildingOverlap: Sendable, Hashable {
    public var key: Int64
    public var position: BuildingPosition
    /// Planar area of footprint ∩ red line, m² (0 for a point house).
    public var overlapPlanarSquareMetres: Double
    /// Share of the footprint inside, 0…1 (planar; 1 for an inside point house).
    public var fraction: Double

    public init(key: Int64, position: BuildingPosition, overlapPlanarSquareMetres: Double, fraction: Double) {
        self.key = key
        self.position = position
        self.overlapPlanarSquareMetres = overlapPlanarSquareMetres
        self.fraction = fraction
    }
}

/// A utility handed to ``OverlapEngine``: a power line or pipeline (line), or a facility such as a
/// substation (point or footprint), in the storage CRS.
public struct UtilityShape: Sendable, Hashable {
    public var key: Int64
    public var geometry: Geometry

    public init(key: Int64, geometry: Geometry) {
        self.key = key
        self.geometry = geometry
    }
}

/// A utility that must be relocated because it lies (partly) inside a red line.
public struct UtilityOverlap: Sendable, Hashable {
    public var key: Int64
    /// Planar length of utility ∩ red line, metres (line utilities; 0 for items). A line running
    /// along the red line's boundary counts as inside.
    public var lengthInsideMetres: Double
    /// Planar length of the whole utility, metres (0 for items).
    public var lengthMetres: Double
    /// True for a utility without length — a point (substation) inside or on the red line, or a
    /// footprint with a positive-area part inside — counted as one relocation item.
    public var isItem: Bool

    public init(key: Int64, lengthInsideMetres: Double, lengthMetres: Double, isItem: Bool) {
        self.key = key
        self.lengthInsideMetres = lengthInsideMetres
        self.lengthMetres = lengthMetres
        self.isItem = isItem
    }
}

/// The result of one batch: the overlapping items sorted by key, and the problems met.
public struct OverlapBatch<Overlap: Sendable & Hashable>: Sendable, Hashable {
    /// Only the items that overlap the red line, sorted by key (ties keep input order).
    public var overlaps: [Overlap]
    /// Items the engine repaired (warning) or could not analyse (error), `feature` = the key.
    public var diagnostics: [Diagnostic]

    public init(overlaps: [Overlap], diagnostics: [Diagnostic]) {
        self.overlaps = overlaps
        self.diagnostics = diagnostics
    }
}
