import Foundation

// Well-Known Binary (OGC Simple Features, ISO flavour for Z/M), 2D. Written little-endian.

extension Geometry {
    /// The geometry as little-endian 2D WKB.
    public var wkb: [UInt8] {
        var w = WKBWriter()
        w.write(self)
        return w.bytes
    }

    /// Reads WKB (either byte order). Z and M values are read and dropped.
    /// - Throws: `GeometryError` naming the byte offset where the data stops making sense.
    public init(wkb bytes: some Collection<UInt8>) throws(GeometryError) {
        var r = WKBReader(bytes: Array(bytes))
        self = try r.read()
        guard r.offset == r.bytes.count else {
            throw GeometryError("WKB has \(r.bytes.count - r.offset) trailing bytes after the geometry")
        }
    }
}

struct WKBWriter {
    var bytes: [UInt8] = []

    mutating func u32(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func f64(_ v: Double) {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func header(_ type: UInt32) {
        bytes.append(1)
        u32(type)
    }

    mutating func points(_ cs: [Coordinate]) {
        u32(UInt32(cs.count))
        bytes.reserveCapacity(bytes.count + cs.count * 16)
        for c in cs {
            f64(c.x)
            f64(c.y)
        }
    }

    mutating func polygonBody(_ p: Polygon) {
        if p.exterior.isEmpty {
            u32(0)
            return
        }
        u32(UInt32(1 + p.holes.count))
        points(p.exterior)
        for h in p.holes { points(h) }
    }

    mutating func write(_ g: Geometry) {
        switch g {
        case .point(let c):
            header(1)
            f64(c.x)
            f64(c.y)
        case .lineString(let cs):
            header(2)
            points(cs)
        case .polygon(let p):
            header(3)
            polygonBody(p)
        case .multiPoint(let cs):
            header(4)
            u32(UInt32(cs.count))
            for c in cs { write(.point(c)) }
        case .multiLineString(let ls):
            header(5)
            u32(UInt32(ls.count))
            for l in ls { write(.lineString(l)) }
        case .multiPolygon(let ps):
            header(6)
            u32(UInt32(ps.count))
            for p in ps { write(.polygon(p)) }
        case .geometryCollection(let gs):
            header(7)
            u32(UInt32(gs.count))
            for x in gs { write(x) }
        }
    }
}

struct WKBReader {
    /// The deepest nesting of geometries accepted, so that no input can overflow the stack.
    static let maxDepth = 256

    let bytes: [UInt8]
    var offset = 0
    /// Geometries open at `offset`.
    private var depth = 0
    private var littleEndian = true
    private var dims = 2

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func need(_ n: Int) throws(GeometryError) {
        guard offset + n <= bytes.count else {
            throw GeometryError("WKB ends early at byte \(offset) (needs \(n) more of \(bytes.count))")
        }
    }

    private mutating func u32() throws(GeometryError) -> UInt32 {
        try need(4)
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
        offset += 4
        return littleEndian ? v : v.byteSwapped
    }

    private mutating func f64() throws(GeometryError) -> Double {
        try need(8)
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return Double(bitPattern: littleEndian ? v : v.byteSwapped)
    }

    private mutating func count() throws(GeometryError) -> Int {
        let n = Int(try u32())
        // Each element takes at least 4 bytes: a count beyond what is left is corrupt data, not a reason to allocate.
        guard n <= (bytes.count - offset) else { throw GeometryError("WKB count \(n) at byte \(offset - 4) exceeds the data") }
        return n
    }

    private mutating func coordinate() throws(GeometryError) -> Coordinate {
        let x = try f64(), y = try f64()
        for _ in 2..<dims { _ = try f64() }
        return Coordinate(x, y)
    }

    private mutating func points() throws(GeometryError) -> [Coordinate] {
        let n = try count()
        var out: [Coordinate] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try coordinate()) }
        return out
    }

    private mutating func polygonBody() throws(GeometryError) -> Polygon {
        let n = try count()
        guard n > 0 else { return Polygon(exterior: []) }
        let shell = try points()
        var holes: [[Coordinate]] = []
        for _ in 1..<n { holes.append(try points()) }
        return Polygon(exterior: shell, holes: holes)
    }

    mutating func read() throws(GeometryError) -> Geometry {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth {
            throw GeometryError("WKB geometry at byte \(offset) is nested \(depth) levels deep (limit \(Self.maxDepth))")
        }
        try need(1)
        switch bytes[offset] {
        case 0: littleEndian = false
        case 1: littleEndian = true
        default: throw GeometryError("WKB byte-order mark \(bytes[offset]) at byte \(offset) is neither 0 nor 1")
        }
        offset += 1
        var type = try u32()
        // EWKB flags (PostGIS) and ISO thousands both say Z/M.
        var z = type & 0x8000_0000 != 0, m = type & 0x4000_0000 != 0
        if type & 0x2000_0000 != 0 { throw GeometryError("EWKB with an embedded SRID is not supported") }
        type &= 0x0FFF_FFFF
        switch type / 1000 {
        case 1: z = true
        case 2: m = true
        case 3: z = true; m = true
        default: break
        }
        type %= 1000
        dims = 2 + (z ? 1 : 0) + (m ? 1 : 0)
        let savedDims = dims, savedOrder = littleEndian
        func child(_ r: inout WKBReader) throws(GeometryError) -> Geometry {
            let g = try r.read()
            r.dims = savedDims
            r.littleEndian = savedOrder
            return g
        }
        switch type {
        case 1:
            let c = try coordinate()
            return .point(c)
        case 2: return .lineString(try points())
        case 3: return .polygon(try polygonBody())
        case 4:
            let n = try count()
            var cs: [Coordinate] = []
            for _ in 0..<n {
                guard case .point(let c) = try child(&self) else { throw GeometryError("WKB multipoint holds a non-point") }
                cs.append(c)
            }
            return .multiPoint(cs)
        case 5:
            let n = try count()
            var ls: [[Coordinate]] = []
            for _ in 0..<n {
                guard case .lineString(let l) = try child(&self) else { throw GeometryError("WKB multilinestring holds a non-line") }
                ls.append(l)
            }
            return .multiLineString(ls)
        case 6:
            let n = try count()
            var ps: [Polygon] = []
            for _ in 0..<n {
                guard case .polygon(let p) = try child(&self) else { throw GeometryError("WKB multipolygon holds a non-polygon") }
                ps.append(p)
            }
            return .multiPolygon(ps)
        case 7:
            let n = try count()
            var gs: [Geometry] = []
            for _ in 0..<n { gs.append(try child(&self)) }
            return .geometryCollection(gs)
        default:
            throw GeometryError("WKB geometry type \(type) at byte \(offset - 4) is not supported")
        }
    }
}
