import CLandKitGEOS

/// Planar geometry operations backed by one GEOS context.
///
/// An engine belongs to the thread (or task) that made it: it is deliberately not `Sendable`.
/// Parallel work gives each worker its own engine (see ``OverlapEngine``). All coordinates are in
/// the caller's CRS; areas and lengths are in that CRS's units squared / units (m² and m for the
/// Gauss-Krüger CRSs LandKit stores in).
public final class GeometryEngine {
    let context: GEOSContext

    /// - Throws: `GeometryError` when GEOS cannot create a context.
    public init() throws(GeometryError) {
        context = try GEOSContext()
    }

    var h: GEOSContextHandle_t { context.handle }

    // MARK: Validity

    /// GEOS's reason why the geometry is invalid (e.g. "Self-intersection[3 1]"), or nil when valid.
    public func invalidityReason(_ g: Geometry) throws(GeometryError) -> String? {
        let geos = try context.make(g)
        let valid = try context.predicate(GEOSisValid_r(h, geos.pointer), "validity check")
        if valid { return nil }
        guard let reason = GEOSisValidReason_r(h, geos.pointer) else { throw context.failure("validity reason") }
        defer { GEOSFree_r(h, reason) }
        return String(cString: reason)
    }

    /// True when GEOS finds the geometry valid.
    public func isValid(_ g: Geometry) throws(GeometryError) -> Bool {
        try invalidityReason(g) == nil
    }

    /// Repairs a geometry with GEOS MakeValid, STRUCTURE method (a hole sticking out of its shell
    /// is cut off rather than turned into land), collapsed parts dropped.
    public func makeValid(_ g: Geometry) throws(GeometryError) -> Geometry {
        try value(makeValid(try context.make(g)))
    }

    func makeValid(_ g: GEOSGeom) throws(GeometryError) -> GEOSGeom {
        guard let params = GEOSMakeValidParams_create_r(h) else { throw context.failure("make-valid parameters") }
        defer { GEOSMakeValidParams_destroy_r(h, params) }
        GEOSMakeValidParams_setMethod_r(h, params, GEOS_MAKE_VALID_STRUCTURE)
        GEOSMakeValidParams_setKeepCollapsed_r(h, params, 0)
        return try context.owned(GEOSMakeValidWithParams_r(h, g.pointer, params), "make-valid")
    }

    // MARK: Measures

    /// Planar area in CRS units² (m² in a projected CRS).
    public func area(_ g: Geometry) throws(GeometryError) -> Double {
        try area(try context.make(g))
    }

    func area(_ g: GEOSGeom) throws(GeometryError) -> Double {
        var a = 0.0
        guard GEOSArea_r(h, g.pointer, &a) != 0 else { throw context.failure("area") }
        return a
    }

    /// Planar length in CRS units (for polygons, the perimeter).
    public func length(_ g: Geometry) throws(GeometryError) -> Double {
        try length(try context.make(g))
    }

    func length(_ g: GEOSGeom) throws(GeometryError) -> Double {
        var l = 0.0
        guard GEOSLength_r(h, g.pointer, &l) != 0 else { throw context.failure("length") }
        return l
    }

    // MARK: Overlay

    public func intersection(_ a: Geometry, _ b: Geometry) throws(GeometryError) -> Geometry {
        try value(intersection(try context.make(a), try context.make(b)))
    }

    func intersection(_ a: GEOSGeom, _ b: GEOSGeom) throws(GeometryError) -> GEOSGeom {
        try context.owned(GEOSIntersection_r(h, a.pointer, b.pointer), "intersection")
    }

    /// Intersection snapped to a grid of `gridSize` units (1 mm = 0.001 gives valid output on
    /// nearly coincident edges).
    public func intersection(_ a: Geometry, _ b: Geometry, gridSize: Double) throws(GeometryError) -> Geometry {
        let ga = try context.make(a), gb = try context.make(b)
        return try value(try context.owned(GEOSIntersectionPrec_r(h, ga.pointer, gb.pointer, gridSize), "intersection"))
    }

    public func union(_ a: Geometry, _ b: Geometry) throws(GeometryError) -> Geometry {
        let ga = try context.make(a), gb = try context.make(b)
        return try value(try context.owned(GEOSUnion_r(h, ga.pointer, gb.pointer), "union"))
    }

    /// The union of all parts of `g` (e.g. the zones of one project), dissolving overlaps.
    public func unaryUnion(_ g: Geometry) throws(GeometryError) -> Geometry {
        try value(unaryUnion(try context.make(g)))
    }

    func unaryUnion(_ g: GEOSGeom) throws(GeometryError) -> GEOSGeom {
        try context.owned(GEOSUnaryUnion_r(h, g.pointer), "union")
    }

    public func difference(_ a: Geometry, _ b: Geometry) throws(GeometryError) -> Geometry {
        let ga = try context.make(a), gb = try context.make(b)
        return try value(try context.owned(GEOSDifference_r(h, ga.pointer, gb.pointer), "difference"))
    }

    /// The part of `g` inside the rectangle, by GEOS's fast clipping (the result may need a
    /// validity check on degenerate input).
    public func clip(_ g: Geometry, to rect: Envelope) throws(GeometryError) -> Geometry {
        try value(clip(try context.make(g), to: rect))
    }

    func clip(_ g: GEOSGeom, to r: Envelope) throws(GeometryError) -> GEOSGeom {
        try context.owned(GEOSClipByRect_r(h, g.pointer, r.minX, r.minY, r.maxX, r.maxY), "clip by rectangle")
    }

    // MARK: Construction

    /// A road corridor: the centerline buffered by half of `widthMetres` on each side, with flat
    /// ends (the corridor stops where the centerline stops) and mitred joins at bends so the
    /// corridor keeps its full width on both sides of a bend.
    /// - Parameters:
    ///   - centerline: a line or multi-line in a projected CRS (metres).
    ///   - widthMetres: total width of the corridor, > 0.
    public func corridor(centerline: Geometry, widthMetres: Double) throws(GeometryError) -> Geometry {
        guard widthMetres > 0, widthMetres.isFinite else {
            throw GeometryError("corridor width must be a positive number of metres, got \(widthMetres)")
        }
        switch centerline {
        case .lineString, .multiLineString: break
        default: throw GeometryError("a corridor needs a line as its centerline, got \(centerline.typeName.lowercased())")
        }
        let line = try context.make(centerline)
        let buffered = try context.owned(
            GEOSBufferWithStyle_r(
                h, line.pointer, widthMetres / 2, 8, Int32(GEOSBUF_CAP_FLAT.rawValue), Int32(GEOSBUF_JOIN_MITRE.rawValue), 5.0),
            "buffering the centerline")
        return try value(buffered)
    }

    /// A point guaranteed to lie in the geometry's interior (for labels and point-in-zone tests).
    public func pointOnSurface(_ g: Geometry) throws(GeometryError) -> Coordinate {
        let geos = try context.make(g)
        let p = try value(try context.owned(GEOSPointOnSurface_r(h, geos.pointer), "point on surface"))
        guard case .point(let c) = p else { throw GeometryError("point on surface of an empty geometry") }
        return c
    }

    // MARK: Predicates

    public func intersects(_ a: Geometry, _ b: Geometry) throws(GeometryError) -> Bool {
        let ga = try context.make(a), gb = try context.make(b)
        return try context.predicate(GEOSIntersects_r(h, ga.pointer, gb.pointer), "intersects")
    }

    public func contains(_ a: Geometry, _ b: Geometry) throws(GeometryError) -> Bool {
        let ga = try context.make(a), gb = try context.make(b)
        return try context.predicate(GEOSContains_r(h, ga.pointer, gb.pointer), "contains")
    }

    public func within(_ a: Geometry, _ b: Geometry) throws(GeometryError) -> Bool {
        let ga = try context.make(a), gb = try context.make(b)
        return try context.predicate(GEOSWithin_r(h, ga.pointer, gb.pointer), "within")
    }

    /// True when `b` lies in the interior of `a` without touching its boundary.
    public func containsProperly(_ a: Geometry, _ b: Geometry) throws(GeometryError) -> Bool {
        try prepare(a).containsProperly(b)
    }

    /// Prepares `g` for many predicate tests against other geometries.
    public func prepare(_ g: Geometry) throws(GeometryError) -> PreparedGeometry {
        try PreparedGeometry(geometry: try context.make(g))
    }

    // MARK: Values

    func value(_ g: GEOSGeom) throws(GeometryError) -> Geometry {
        try context.value(of: g.pointer)
    }

    func make(_ g: Geometry) throws(GeometryError) -> GEOSGeom {
        try context.make(g)
    }

    /// A GEOS geometry from a shape's value or WKB. WKB goes straight to GEOS's reader; WKB GEOS
    /// refuses (e.g. M values an older GEOS cannot read) is decoded by LandKit's own reader, whose
    /// error is the one reported.
    func make(_ source: ShapeGeometry) throws(GeometryError) -> GEOSGeom {
        switch source {
        case .value(let g):
            return try context.make(g)
        case .wkb(let bytes, _):
            if let g = context.readWKB(bytes) { return g }
            return try context.make(try Geometry(wkb: bytes))
        }
    }
}

@available(*, unavailable, message: "an engine owns a GEOS context; give each worker its own engine")
extension GeometryEngine: Sendable {}

/// A geometry prepared for repeated predicate tests (GEOS caches an index of its edges).
/// Belongs to the engine's thread, like the engine.
public final class PreparedGeometry {
    let geometry: GEOSGeom
    let prepared: OpaquePointer
    private var h: GEOSContextHandle_t { geometry.context.handle }

    init(geometry: GEOSGeom) throws(GeometryError) {
        self.geometry = geometry
        guard let p = GEOSPrepare_r(geometry.context.handle, geometry.pointer) else {
            throw geometry.context.failure("preparing a geometry")
        }
        prepared = p
    }

    deinit { GEOSPreparedGeom_destroy_r(h, prepared) }

    public func intersects(_ g: Geometry) throws(GeometryError) -> Bool {
        try intersects(try geometry.context.make(g))
    }

    public func containsProperly(_ g: Geometry) throws(GeometryError) -> Bool {
        try containsProperly(try geometry.context.make(g))
    }

    public func contains(_ g: Geometry) throws(GeometryError) -> Bool {
        let o = try geometry.context.make(g)
        return try geometry.context.predicate(GEOSPreparedContains_r(h, prepared, o.pointer), "prepared contains")
    }

    public func covers(_ g: Geometry) throws(GeometryError) -> Bool {
        try covers(try geometry.context.make(g))
    }

    func intersects(_ o: GEOSGeom) throws(GeometryError) -> Bool {
        try geometry.context.predicate(GEOSPreparedIntersects_r(h, prepared, o.pointer), "prepared intersects")
    }

    func containsProperly(_ o: GEOSGeom) throws(GeometryError) -> Bool {
        try geometry.context.predicate(GEOSPreparedContainsProperly_r(h, prepared, o.pointer), "prepared contains-properly")
    }

    func covers(_ o: GEOSGeom) throws(GeometryError) -> Bool {
        try geometry.context.predicate(GEOSPreparedCovers_r(h, prepared, o.pointer), "prepared covers")
    }
}

@available(*, unavailable, message: "prepared geometries build lazy indexes and are not thread-safe (libgeos #825)")
extension PreparedGeometry: Sendable {}
