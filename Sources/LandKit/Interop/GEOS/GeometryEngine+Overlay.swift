import CLandKitGEOS

// GEOS-level helpers for the overlap engine (Analysis/): validity, emptiness and polygonal
// parts of handles that stay inside one worker's context. Everything here is internal and
// belongs to the engine's thread, like `GeometryEngine` itself.

extension GeometryEngine {
    /// True when GEOS finds the handle valid.
    func isValid(_ g: GEOSGeom) throws(GeometryError) -> Bool {
        try context.predicate(GEOSisValid_r(h, g.pointer), "validity check")
    }

    /// GEOS's reason why the handle is invalid, or nil when it is valid.
    func invalidityReason(_ g: GEOSGeom) throws(GeometryError) -> String? {
        if try isValid(g) { return nil }
        guard let reason = GEOSisValidReason_r(h, g.pointer) else { throw context.failure("validity reason") }
        defer { GEOSFree_r(h, reason) }
        return String(cString: reason)
    }

    /// True when the handle has no coordinates.
    func isEmpty(_ g: GEOSGeom) throws(GeometryError) -> Bool {
        try context.predicate(GEOSisEmpty_r(h, g.pointer), "emptiness check")
    }

    /// The polygonal parts of a handle as values (a polygon, the parts of a multipolygon, the
    /// polygons inside a collection); points and lines (e.g. where two shapes only touch) are dropped.
    func polygons(_ g: GEOSGeom) throws(GeometryError) -> [Polygon] {
        if try isEmpty(g) { return [] }
        return try value(g).polygons
    }

    /// `b` when it is valid, otherwise `b` repaired with MakeValid (STRUCTURE method).
    func validated(_ g: GEOSGeom) throws(GeometryError) -> (geometry: GEOSGeom, repairedReason: String?) {
        guard let reason = try invalidityReason(g) else { return (g, nil) }
        return (try makeValid(g), reason)
    }
}
