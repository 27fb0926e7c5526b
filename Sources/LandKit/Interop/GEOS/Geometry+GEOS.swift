import CLandKitGEOS

// Conversion between the `Geometry` value type and GEOS handles, through flat coordinate buffers
// (GEOSCoordSeq_copyFromBuffer_r / copyToBuffer_r) rather than one call per coordinate.

extension GEOSContext {
    /// Builds a GEOS geometry from a value. The result is owned by the caller.
    func make(_ geometry: Geometry) throws(GeometryError) -> GEOSGeom {
        GEOSGeom(owned: try makeRaw(geometry), context: self)
    }

    private func sequence(_ coords: [Coordinate]) throws(GeometryError) -> OpaquePointer {
        let seq: OpaquePointer? = coords.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: Double.self) { doubles in
                GEOSCoordSeq_copyFromBuffer_r(handle, doubles.baseAddress, UInt32(coords.count), 0, 0)
            }
        }
        guard let seq else { throw failure("building a coordinate sequence") }
        return seq
    }

    private func ring(_ coords: [Coordinate]) throws(GeometryError) -> OpaquePointer {
        let seq = try sequence(coords)
        guard let ring = GEOSGeom_createLinearRing_r(handle, seq) else {
            throw failure("building a ring of \(coords.count) points")
        }
        return ring
    }

    private func polygonRaw(_ polygon: Polygon) throws(GeometryError) -> OpaquePointer {
        if polygon.exterior.isEmpty {
            guard let empty = GEOSGeom_createEmptyPolygon_r(handle) else { throw failure("building an empty polygon") }
            return empty
        }
        let shell = try ring(polygon.exterior)
        var holes: [OpaquePointer?] = []
        holes.reserveCapacity(polygon.holes.count)
        do {
            for h in polygon.holes { holes.append(try ring(h)) }
        } catch {
            GEOSGeom_destroy_r(handle, shell)
            for h in holes { if let h { GEOSGeom_destroy_r(handle, h) } }
            throw error
        }
        let made = holes.withUnsafeMutableBufferPointer { buf in
            GEOSGeom_createPolygon_r(handle, shell, buf.baseAddress, UInt32(buf.count))
        }
        guard let made else { throw failure("building a polygon") }
        return made
    }

    private func collectionRaw(_ type: GEOSGeomTypes, _ parts: [OpaquePointer?]) throws(GeometryError) -> OpaquePointer {
        var parts = parts
        let made = parts.withUnsafeMutableBufferPointer { buf in
            GEOSGeom_createCollection_r(handle, Int32(type.rawValue), buf.baseAddress, UInt32(buf.count))
        }
        guard let made else { throw failure("building a collection") }
        return made
    }

    /// Builds each part, destroying the ones already built if a later one fails.
    private func parts<T>(_ items: [T], _ build: (T) throws(GeometryError) -> OpaquePointer) throws(GeometryError) -> [OpaquePointer?] {
        var built: [OpaquePointer?] = []
        built.reserveCapacity(items.count)
        do {
            for item in items { built.append(try build(item)) }
        } catch {
            for p in built { if let p { GEOSGeom_destroy_r(handle, p) } }
            throw error
        }
        return built
    }

    private func pointRaw(_ c: Coordinate) throws(GeometryError) -> OpaquePointer {
        if c.x.isNaN && c.y.isNaN {
            guard let p = GEOSGeom_createEmptyPoint_r(handle) else { throw failure("building an empty point") }
            return p
        }
        guard let p = GEOSGeom_createPointFromXY_r(handle, c.x, c.y) else { throw failure("building a point") }
        return p
    }

    private func lineRaw(_ cs: [Coordinate]) throws(GeometryError) -> OpaquePointer {
        if cs.isEmpty {
            guard let l = GEOSGeom_createEmptyLineString_r(handle) else { throw failure("building an empty line") }
            return l
        }
        let seq = try sequence(cs)
        guard let l = GEOSGeom_createLineString_r(handle, seq) else { throw failure("building a line of \(cs.count) points") }
        return l
    }

    func makeRaw(_ geometry: Geometry) throws(GeometryError) -> OpaquePointer {
        switch geometry {
        case .point(let c): return try pointRaw(c)
        case .lineString(let cs): return try lineRaw(cs)
        case .polygon(let p): return try polygonRaw(p)
        case .multiPoint(let cs): return try collectionRaw(GEOS_MULTIPOINT, try parts(cs, pointRaw))
        case .multiLineString(let ls): return try collectionRaw(GEOS_MULTILINESTRING, try parts(ls, lineRaw))
        case .multiPolygon(let ps): return try collectionRaw(GEOS_MULTIPOLYGON, try parts(ps, polygonRaw))
        case .geometryCollection(let gs): return try collectionRaw(GEOS_GEOMETRYCOLLECTION, try parts(gs, makeRaw))
        }
    }

    /// Reads a GEOS geometry back into a value.
    func value(of g: OpaquePointer) throws(GeometryError) -> Geometry {
        let type = GEOSGeomTypeId_r(handle, g)
        func coords(_ geom: OpaquePointer) throws(GeometryError) -> [Coordinate] {
            guard let seq = GEOSGeom_getCoordSeq_r(handle, geom) else { throw failure("reading coordinates") }
            var size: UInt32 = 0
            guard GEOSCoordSeq_getSize_r(handle, seq, &size) != 0 else { throw failure("reading a sequence size") }
            var out = [Coordinate](repeating: Coordinate(0, 0), count: Int(size))
            let ok = out.withUnsafeMutableBufferPointer { buf in
                buf.withMemoryRebound(to: Double.self) { d in
                    GEOSCoordSeq_copyToBuffer_r(handle, seq, d.baseAddress, 0, 0)
                }
            }
            guard ok != 0 else { throw failure("copying coordinates") }
            return out
        }
        func polygon(_ p: OpaquePointer) throws(GeometryError) -> Polygon {
            if GEOSisEmpty_r(handle, p) == 1 { return Polygon(exterior: []) }
            guard let shell = GEOSGetExteriorRing_r(handle, p) else { throw failure("reading a shell") }
            let n = GEOSGetNumInteriorRings_r(handle, p)
            var holes: [[Coordinate]] = []
            if n > 0 {
                for i in 0..<n {
                    guard let h = GEOSGetInteriorRingN_r(handle, p, i) else { throw failure("reading a hole") }
                    holes.append(try coords(h))
                }
            }
            return Polygon(exterior: try coords(shell), holes: holes)
        }
        func children(_ g: OpaquePointer) -> [OpaquePointer] {
            let n = GEOSGetNumGeometries_r(handle, g)
            guard n > 0 else { return [] }
            return (0..<n).compactMap { GEOSGetGeometryN_r(handle, g, $0) }
        }
        switch Int(type) {
        case Int(GEOS_POINT.rawValue):
            if GEOSisEmpty_r(handle, g) == 1 { return .point(Coordinate(.nan, .nan)) }
            var x = 0.0, y = 0.0
            guard GEOSGeomGetX_r(handle, g, &x) != 0, GEOSGeomGetY_r(handle, g, &y) != 0 else { throw failure("reading a point") }
            return .point(Coordinate(x, y))
        case Int(GEOS_LINESTRING.rawValue), Int(GEOS_LINEARRING.rawValue):
            return .lineString(try coords(g))
        case Int(GEOS_POLYGON.rawValue):
            return .polygon(try polygon(g))
        case Int(GEOS_MULTIPOINT.rawValue):
            var pts: [Coordinate] = []
            for c in children(g) { if case .point(let p) = try value(of: c) { pts.append(p) } }
            return .multiPoint(pts)
        case Int(GEOS_MULTILINESTRING.rawValue):
            var ls: [[Coordinate]] = []
            for c in children(g) { ls.append(try coords(c)) }
            return .multiLineString(ls)
        case Int(GEOS_MULTIPOLYGON.rawValue):
            var ps: [Polygon] = []
            for c in children(g) { ps.append(try polygon(c)) }
            return .multiPolygon(ps)
        default:
            var gs: [Geometry] = []
            for c in children(g) { gs.append(try value(of: c)) }
            return .geometryCollection(gs)
        }
    }
}
