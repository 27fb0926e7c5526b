import CLandKitGDAL

/// Conversions between OGR geometries and LandKit's `Geometry`, through ISO WKB (2D).
enum OGRGeometry {
    /// The geometry of a borrowed OGR handle: curves are linearised (OGR's default step), Z and M dropped,
    /// and collections whose parts are all of one kind become the matching multi-geometry.
    static func value(_ g: OGRGeometryH) throws(GeometryError) -> Geometry {
        guard let linear = OGR_G_GetLinearGeometry(g, 0, nil) else {
            throw GeometryError("GDAL could not linearise the geometry: \(GDALRuntime.lastError ?? "no reason given")")
        }
        defer { OGR_G_DestroyGeometry(linear) }
        OGR_G_FlattenTo2D(linear)
        var bytes = [UInt8](repeating: 0, count: Int(OGR_G_WkbSize(linear)))
        guard OGR_G_ExportToIsoWkb(linear, wkbNDR, &bytes) == OGRERR_NONE else {
            throw GeometryError("GDAL could not export the geometry as WKB")
        }
        return normalized(try Geometry(wkb: bytes))
    }

    /// KML MultiGeometry and GML collections of polygons only are multipolygons for LandKit.
    static func normalized(_ g: Geometry) -> Geometry {
        guard case .geometryCollection(let parts) = g, !parts.isEmpty else { return g }
        let flat = parts.map(normalized)
        if flat.allSatisfy(\.isPolygonal) { return .multiPolygon(flat.flatMap(\.polygons)) }
        var lines: [[Coordinate]] = []
        var points: [Coordinate] = []
        for p in flat {
            switch p {
            case .lineString(let l): lines.append(l)
            case .multiLineString(let ls): lines += ls
            case .point(let c): points.append(c)
            case .multiPoint(let cs): points += cs
            default: return .geometryCollection(flat)
            }
        }
        if points.isEmpty { return .multiLineString(lines) }
        if lines.isEmpty { return .multiPoint(points) }
        return .geometryCollection(flat)
    }

    /// A new OGR geometry (owned by the caller) for `g`, with no spatial reference attached.
    static func make(_ g: Geometry) throws(FormatError) -> OGRGeometryH {
        var bytes = g.wkb
        var out: OGRGeometryH?
        let err = OGR_G_CreateFromWkb(&bytes, nil, &out, Int32(bytes.count))
        guard err == OGRERR_NONE, let out else { throw FormatError("GDAL could not read LandKit's WKB for a \(g.typeName.lowercased())") }
        return out
    }
}
