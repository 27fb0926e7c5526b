import Foundation

// GeoJSON geometry objects (RFC 7946 §3.1). Coordinates are taken as they are: the caller knows
// the CRS (lon/lat for RFC 7946, or a legacy "crs" member).

extension Geometry {
    /// Reads a GeoJSON geometry object decoded by `JSONSerialization`.
    /// - Throws: `GeometryError` saying which member is wrong.
    public init(geoJSON object: Any) throws(GeometryError) {
        try self.init(geoJSON: object, depth: 1)
    }

    /// The deepest nesting of GeometryCollections accepted, so that no input can overflow the stack.
    static let maxGeoJSONDepth = 256

    init(geoJSON object: Any, depth: Int) throws(GeometryError) {
        guard depth <= Self.maxGeoJSONDepth else {
            throw GeometryError("GeometryCollection nested \(depth) levels deep (limit \(Self.maxGeoJSONDepth))")
        }
        guard let dict = object as? [String: Any] else { throw GeometryError("geometry is not a JSON object") }
        guard let type = dict["type"] as? String else { throw GeometryError("geometry has no \"type\"") }
        if type == "GeometryCollection" {
            guard let parts = dict["geometries"] as? [Any] else { throw GeometryError("GeometryCollection has no \"geometries\" array") }
            var gs: [Geometry] = []
            for p in parts { gs.append(try Geometry(geoJSON: p, depth: depth + 1)) }
            self = .geometryCollection(gs)
            return
        }
        guard let coords = dict["coordinates"] else { throw GeometryError("\(type) has no \"coordinates\"") }
        func position(_ v: Any) throws(GeometryError) -> Coordinate {
            guard let a = v as? [Any], a.count >= 2 else { throw GeometryError("\(type): a position needs at least 2 numbers") }
            guard let x = GeoJSONNumber.double(a[0]), let y = GeoJSONNumber.double(a[1]) else {
                throw GeometryError(
                    "\(type): coordinate \(FormatError.snippet(a.prefix(2).map { "\($0)" }.joined(separator: ", "))) is not numeric")
            }
            guard x.isFinite, y.isFinite else { throw GeometryError("\(type): coordinate is not finite") }
            return Coordinate(x, y)
        }
        func positions(_ v: Any) throws(GeometryError) -> [Coordinate] {
            guard let a = v as? [Any] else { throw GeometryError("\(type): expected an array of positions") }
            var out: [Coordinate] = []
            out.reserveCapacity(a.count)
            for p in a { out.append(try position(p)) }
            return out
        }
        func polygon(_ v: Any) throws(GeometryError) -> Polygon {
            guard let rings = v as? [Any] else { throw GeometryError("\(type): expected an array of rings") }
            guard let first = rings.first else { return Polygon(exterior: []) }
            var holes: [[Coordinate]] = []
            for r in rings.dropFirst() { holes.append(try positions(r)) }
            return Polygon(exterior: try positions(first), holes: holes)
        }
        func array(_ v: Any) throws(GeometryError) -> [Any] {
            guard let a = v as? [Any] else { throw GeometryError("\(type): expected an array") }
            return a
        }
        switch type {
        case "Point": self = .point(try position(coords))
        case "LineString": self = .lineString(try positions(coords))
        case "Polygon": self = .polygon(try polygon(coords))
        case "MultiPoint": self = .multiPoint(try positions(coords))
        case "MultiLineString":
            var ls: [[Coordinate]] = []
            for l in try array(coords) { ls.append(try positions(l)) }
            self = .multiLineString(ls)
        case "MultiPolygon":
            var ps: [Polygon] = []
            for p in try array(coords) { ps.append(try polygon(p)) }
            self = .multiPolygon(ps)
        default: throw GeometryError("unknown GeoJSON geometry type \"\(FormatError.snippet(type))\"")
        }
    }

    /// The geometry as a GeoJSON geometry object, numbers written with `decimals` digits after
    /// the point (trailing zeros trimmed).
    public func geoJSON(decimals: Int = 9) -> String {
        var out = ""
        writeGeoJSON(into: &out, decimals: decimals)
        return out
    }

    func writeGeoJSON(into out: inout String, decimals: Int) {
        func num(_ v: Double) { out += GeoJSONNumber.format(v, decimals: decimals) }
        func pos(_ c: Coordinate) {
            out += "["
            num(c.x)
            out += ","
            num(c.y)
            out += "]"
        }
        func seq(_ cs: [Coordinate]) {
            out += "["
            for (i, c) in cs.enumerated() {
                if i > 0 { out += "," }
                pos(c)
            }
            out += "]"
        }
        func poly(_ p: Polygon) {
            out += "["
            if !p.exterior.isEmpty {
                for (i, r) in p.rings.enumerated() {
                    if i > 0 { out += "," }
                    seq(r)
                }
            }
            out += "]"
        }
        func list<T>(_ items: [T], _ body: (T) -> Void) {
            out += "["
            for (i, x) in items.enumerated() {
                if i > 0 { out += "," }
                body(x)
            }
            out += "]"
        }
        switch self {
        case .point(let c):
            out += "{\"type\":\"Point\",\"coordinates\":"
            if c.x.isNaN { out += "[]" } else { pos(c) }
        case .lineString(let cs):
            out += "{\"type\":\"LineString\",\"coordinates\":"
            seq(cs)
        case .polygon(let p):
            out += "{\"type\":\"Polygon\",\"coordinates\":"
            poly(p)
        case .multiPoint(let cs):
            out += "{\"type\":\"MultiPoint\",\"coordinates\":"
            seq(cs)
        case .multiLineString(let ls):
            out += "{\"type\":\"MultiLineString\",\"coordinates\":"
            list(ls, seq)
        case .multiPolygon(let ps):
            out += "{\"type\":\"MultiPolygon\",\"coordinates\":"
            list(ps, poly)
        case .geometryCollection(let gs):
            out += "{\"type\":\"GeometryCollection\",\"geometries\":"
            list(gs) { $0.writeGeoJSON(into: &out, decimals: decimals) }
        }
        out += "}"
    }
}

enum GeoJSONNumber {
    /// A JSON number from `JSONSerialization` (NSNumber, not Bool) as a Double.
    static func double(_ v: Any) -> Double? {
        if type(of: v) == Bool.self { return nil }
        if let d = v as? Double { return d }
        if let i = v as? Int { return Double(i) }
        if let n = v as? NSNumber { return n.doubleValue }
        return nil
    }

    /// Fixed-point text with trailing zeros removed ("500000", "30.123").
    static func format(_ v: Double, decimals: Int) -> String {
        var s = String(format: "%.\(decimals)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" { s = "0" }
        return s
    }
}
