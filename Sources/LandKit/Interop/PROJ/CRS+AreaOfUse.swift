import CLandKitPROJ
import Foundation

extension CRS {
    /// The CRS's area of use from PROJ's database (`proj_get_area_of_use`), in degrees.
    /// - Throws: `ProjectionError` when PROJ does not know the CRS or has no area for it.
    public func areaOfUse() throws(ProjectionError) -> GeographicBox {
        try withPROJObject { ctx, obj throws(ProjectionError) in
            var w = 0.0, s = 0.0, e = 0.0, n = 0.0
            guard proj_get_area_of_use(ctx, obj, &w, &s, &e, &n, nil) != 0, w > -1000 else {
                throw ProjectionError("PROJ has no area of use for \(description)")
            }
            return GeographicBox(west: w, south: s, east: e, north: n)
        }
    }

    /// How much a planar area in this projected CRS exceeds the area on the ground at `lonLat` (degrees): PROJ's
    /// areal scale factor (`proj_factors`, Tissot's s = h·k), e.g. 1.0532 at 120°E 30°N on the CM 105°E plane.
    /// - Throws: `ProjectionError` when PROJ cannot compute the factors there.
    public func arealScale(atLonLat lonLat: Coordinate) throws(ProjectionError) -> Double {
        try withPROJObject { ctx, obj throws(ProjectionError) in
            // The factors are the map projection's: its PROJ string (without "+type=crs"), fed lon/lat in radians.
            guard let text = proj_as_proj_string(ctx, obj, PJ_PROJ_4, nil) else {
                throw ProjectionError("\(description) has no PROJ string for its map projection")
            }
            let definition = String(cString: text).replacingOccurrences(of: "+type=crs", with: "")
            guard let projection = proj_create(ctx, definition) else {
                throw ProjectionError("PROJ cannot create the map projection of \(description)")
            }
            defer { proj_destroy(projection) }
            let lp = proj_coord(lonLat.x * .pi / 180, lonLat.y * .pi / 180, 0, 0)
            let f = proj_factors(projection, lp)
            guard f.areal_scale.isFinite, f.areal_scale > 0 else {
                throw ProjectionError("PROJ cannot compute scale factors of \(description) at \(lonLat.x), \(lonLat.y)")
            }
            return f.areal_scale
        }
    }

    /// Runs `body` with a fresh PROJ context and this CRS's PROJ object, both destroyed afterwards.
    func withPROJObject<T>(_ body: (OpaquePointer, OpaquePointer) throws(ProjectionError) -> T) throws(ProjectionError) -> T {
        guard let ctx = proj_context_create() else { throw ProjectionError("PROJ could not create a context") }
        defer { proj_context_destroy(ctx) }
        proj_log_level(ctx, PJ_LOG_NONE)
        guard let obj = proj_create(ctx, description) else { throw ProjectionError("PROJ does not know \(description)") }
        defer { proj_destroy(obj) }
        return try body(ctx, obj)
    }
}
