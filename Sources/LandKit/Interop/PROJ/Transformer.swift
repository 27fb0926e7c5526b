import CLandKitPROJ
import Foundation

/// A PROJ coordinate transformation between two CRSs, with axis order normalised so that
/// coordinates are always (longitude, latitude) in degrees or (easting, northing) in metres.
///
/// Each transformer owns its PROJ context: it belongs to one thread at a time and is not `Sendable`.
/// A worker that needs the same transformation makes its own.
public final class Transformer {
    public let source: CRS
    public let target: CRS
    private let context: OpaquePointer
    private let pj: OpaquePointer

    /// - Throws: `ProjectionError` when PROJ does not know either CRS or finds no transformation.
    public init(from source: CRS, to target: CRS) throws(ProjectionError) {
        self.source = source
        self.target = target
        guard let ctx = proj_context_create() else { throw ProjectionError("PROJ could not create a context") }
        proj_log_level(ctx, PJ_LOG_NONE)
        func fail(_ what: String) -> ProjectionError {
            let code = proj_context_errno(ctx)
            let detail = code != 0 ? String(cString: proj_context_errno_string(ctx, code)) : "unknown CRS or no transformation"
            return ProjectionError("\(what) \(source) → \(target): \(detail)")
        }
        guard let raw = proj_create_crs_to_crs(ctx, source.description, target.description, nil) else {
            let e = fail("PROJ cannot transform")
            proj_context_destroy(ctx)
            throw e
        }
        let normalized = proj_normalize_for_visualization(ctx, raw)
        proj_destroy(raw)
        guard let normalized else {
            let e = fail("PROJ cannot normalise the axis order of")
            proj_context_destroy(ctx)
            throw e
        }
        context = ctx
        pj = normalized
    }

    deinit {
        proj_destroy(pj)
        proj_context_destroy(context)
    }

    /// Transforms interleaved x,y pairs in place (the layout of `[Coordinate]`).
    /// - Throws: `ProjectionError` naming the first point PROJ could not transform.
    public func transform(interleaved xy: UnsafeMutableBufferPointer<Double>) throws(ProjectionError) {
        let n = xy.count / 2
        guard n > 0, let base = xy.baseAddress else { return }
        let stride = 2 * MemoryLayout<Double>.stride
        proj_errno_reset(pj)
        _ = proj_trans_generic(pj, PJ_FWD, base, stride, n, base + 1, stride, n, nil, 0, 0, nil, 0, 0)
        for i in 0..<n where !(xy[2 * i].isFinite && xy[2 * i + 1].isFinite) {
            throw ProjectionError("point \(i + 1) cannot be transformed from \(source) to \(target) (outside the CRS's area of use?)")
        }
    }

    /// Transforms coordinates in place.
    public func transform(_ coordinates: inout [Coordinate]) throws(ProjectionError) {
        try coordinates.withUnsafeMutableBufferPointer { (buf) throws(ProjectionError) in
            try buf.withMemoryRebound(to: Double.self) { (d) throws(ProjectionError) in try transform(interleaved: d) }
        }
    }

    /// Transforms one coordinate.
    public func transform(_ c: Coordinate) throws(ProjectionError) -> Coordinate {
        var a = [c]
        try transform(&a)
        return a[0]
    }

    /// The geometry with every coordinate transformed (one batch per ring or line).
    public func transform(_ g: Geometry) throws(ProjectionError) -> Geometry {
        func seq(_ cs: [Coordinate]) throws(ProjectionError) -> [Coordinate] {
            var c = cs
            try transform(&c)
            return c
        }
        func poly(_ p: Polygon) throws(ProjectionError) -> Polygon {
            var holes: [[Coordinate]] = []
            for h in p.holes { holes.append(try seq(h)) }
            return Polygon(exterior: try seq(p.exterior), holes: holes)
        }
        switch g {
        case .point(let c): return c.x.isNaN ? g : .point(try transform(c))
        case .lineString(let cs): return .lineString(try seq(cs))
        case .multiPoint(let cs): return .multiPoint(try seq(cs))
        case .polygon(let p): return .polygon(try poly(p))
        case .multiLineString(let ls):
            var out: [[Coordinate]] = []
            for l in ls { out.append(try seq(l)) }
            return .multiLineString(out)
        case .multiPolygon(let ps):
            var out: [Polygon] = []
            for p in ps { out.append(try poly(p)) }
            return .multiPolygon(out)
        case .geometryCollection(let gs):
            var out: [Geometry] = []
            for x in gs { out.append(try transform(x)) }
            return .geometryCollection(out)
        }
    }
}

@available(*, unavailable, message: "a PROJ context and PJ object must not be shared across threads")
extension Transformer: Sendable {}

extension CRS {
    /// The CRS's definition as OGC WKT 1 (the form GeoPackage's gpkg_spatial_ref_sys stores), from PROJ's database.
    public func wkt() throws(ProjectionError) -> String {
        try withPROJObject { ctx, obj throws(ProjectionError) in
            guard let text = proj_as_wkt(ctx, obj, PJ_WKT1_GDAL, nil) else {
                throw ProjectionError("PROJ cannot write \(description) as WKT")
            }
            return String(cString: text)
        }
    }

    /// The CRS's name from PROJ's database (e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 105E").
    public func name() throws(ProjectionError) -> String {
        try withPROJObject { _, obj in proj_get_name(obj).map { String(cString: $0) } ?? description }
    }
}
