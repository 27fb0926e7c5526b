import Foundation

// Well-Known Text, 2D. Z/M ordinates are read and dropped.

extension Geometry {
    /// The geometry as WKT with up to 17 significant digits (round-trips exactly).
    public var wkt: String {
        func num(_ v: Double) -> String {
            if v == v.rounded(), abs(v) < 1e15 { return String(format: "%.0f", v) }
            return "\(v)"
        }
        func seq(_ cs: [Coordinate]) -> String { "(" + cs.map { "\(num($0.x)) \(num($0.y))" }.joined(separator: ", ") + ")" }
        func poly(_ p: Polygon) -> String { p.exterior.isEmpty ? "EMPTY" : "(" + p.rings.map(seq).joined(separator: ", ") + ")" }
        switch self {
        case .point(let c): return c.x.isNaN ? "POINT EMPTY" : "POINT (\(num(c.x)) \(num(c.y)))"
        case .lineString(let cs): return cs.isEmpty ? "LINESTRING EMPTY" : "LINESTRING " + seq(cs)
        case .polygon(let p): return "POLYGON " + poly(p)
        case .multiPoint(let cs):
            return cs.isEmpty ? "MULTIPOINT EMPTY" : "MULTIPOINT (" + cs.map { "(\(num($0.x)) \(num($0.y)))" }.joined(separator: ", ") + ")"
        case .multiLineString(let ls):
            return ls.isEmpty ? "MULTILINESTRING EMPTY" : "MULTILINESTRING (" + ls.map(seq).joined(separator: ", ") + ")"
        case .multiPolygon(let ps): return ps.isEmpty ? "MULTIPOLYGON EMPTY" : "MULTIPOLYGON (" + ps.map(poly).joined(separator: ", ") + ")"
        case .geometryCollection(let gs):
            return gs.isEmpty ? "GEOMETRYCOLLECTION EMPTY" : "GEOMETRYCOLLECTION (" + gs.map(\.wkt).joined(separator: ", ") + ")"
        }
    }

    /// Parses WKT such as `POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))`.
    /// - Throws: `GeometryError` naming the character position where parsing stopped.
    public init(wkt: String) throws(GeometryError) {
        var p = WKTParser(text: Array(wkt.utf8))
        self = try p.geometry()
        p.skipSpace()
        guard p.atEnd else { throw p.error("unexpected text after the geometry") }
    }
}

struct WKTParser {
    /// The deepest nesting of geometries accepted (a POINT inside 255 GEOMETRYCOLLECTIONs), so
    /// that no input can overflow the stack.
    static let maxDepth = 256

    let text: [UInt8]
    var i = 0
    /// Geometries open at `i`.
    var depth = 0

    var atEnd: Bool { i >= text.count }

    func error(_ what: String) -> GeometryError {
        GeometryError("WKT: \(what) at character \(i + 1)")
    }

    mutating func skipSpace() {
        while i < text.count, text[i] == 0x20 || text[i] == 0x09 || text[i] == 0x0A || text[i] == 0x0D { i += 1 }
    }

    mutating func word() -> String {
        skipSpace()
        let start = i
        while i < text.count, (text[i] | 0x20) >= 0x61, (text[i] | 0x20) <= 0x7A { i += 1 }
        return String(decoding: text[start..<i], as: UTF8.self).uppercased()
    }

    mutating func expect(_ c: UInt8) throws(GeometryError) {
        skipSpace()
        guard i < text.count, text[i] == c else { throw error("expected '\(Character(UnicodeScalar(c)))'") }
        i += 1
    }

    mutating func peek(_ c: UInt8) -> Bool {
        skipSpace()
        return i < text.count && text[i] == c
    }

    mutating func number() throws(GeometryError) -> Double {
        skipSpace()
        let start = i
        while i < text.count, let ch = Optional(text[i]),
            (ch >= 0x30 && ch <= 0x39) || ch == 0x2E || ch == 0x2D || ch == 0x2B || ch == 0x65 || ch == 0x45
        { i += 1 }
        guard start < i, let v = Double(String(decoding: text[start..<i], as: UTF8.self)), v.isFinite else {
            i = start
            throw error("expected a number")
        }
        return v
    }

    /// Reads "x y [z [m]]".
    mutating func coordinate() throws(GeometryError) -> Coordinate {
        let x = try number(), y = try number()
        while !peek(0x2C), !peek(0x29), !atEnd { _ = try number() }
        return Coordinate(x, y)
    }

    mutating func isEmptyKeyword() -> Bool {
        let save = i
        if word() == "EMPTY" { return true }
        i = save
        return false
    }

    mutating func list<T>(_ item: (inout WKTParser) throws(GeometryError) -> T) throws(GeometryError) -> [T] {
        try expect(0x28)
        var out: [T] = [try item(&self)]
        while peek(0x2C) {
            i += 1
            out.append(try item(&self))
        }
        try expect(0x29)
        return out
    }

    mutating func sequence() throws(GeometryError) -> [Coordinate] {
        if isEmptyKeyword() { return [] }
        return try list { (p: inout WKTParser) throws(GeometryError) in try p.coordinate() }
    }

    mutating func polygon() throws(GeometryError) -> Polygon {
        if isEmptyKeyword() { return Polygon(exterior: []) }
        let rings = try list { (p: inout WKTParser) throws(GeometryError) in try p.sequence() }
        return Polygon(exterior: rings[0], holes: Array(rings.dropFirst()))
    }

    mutating func geometry() throws(GeometryError) -> Geometry {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw error("nested \(depth) levels deep (limit \(Self.maxDepth))") }
        let kind = word()
        // Optional dimension tag: "POINT Z (…)", "POLYGON ZM (…)".
        let save = i
        let tag = word()
        if !["Z", "M", "ZM"].contains(tag) { i = save }
        switch kind {
        case "POINT":
            if isEmptyKeyword() { return .point(Coordinate(.nan, .nan)) }
            try expect(0x28)
            let c = try coordinate()
            try expect(0x29)
            return .point(c)
        case "LINESTRING": return .lineString(try sequence())
        case "POLYGON": return .polygon(try polygon())
        case "MULTIPOINT":
            if isEmptyKeyword() { return .multiPoint([]) }
            // Both "MULTIPOINT ((1 2), (3 4))" and "MULTIPOINT (1 2, 3 4)".
            return .multiPoint(
                try list { (p: inout WKTParser) throws(GeometryError) in
                    if p.peek(0x28) {
                        p.i += 1
                        let c = try p.coordinate()
                        try p.expect(0x29)
                        return c
                    }
                    return try p.coordinate()
                })
        case "MULTILINESTRING":
            if isEmptyKeyword() { return .multiLineString([]) }
            return .multiLineString(try list { (p: inout WKTParser) throws(GeometryError) in try p.sequence() })
        case "MULTIPOLYGON":
            if isEmptyKeyword() { return .multiPolygon([]) }
            return .multiPolygon(try list { (p: inout WKTParser) throws(GeometryError) in try p.polygon() })
        case "GEOMETRYCOLLECTION":
            if isEmptyKeyword() { return .geometryCollection([]) }
            return .geometryCollection(try list { (p: inout WKTParser) throws(GeometryError) in try p.geometry() })
        case "": throw error("expected a geometry type")
        default: throw error("unknown geometry type \(FormatError.snippet(kind))")
        }
    }
}
