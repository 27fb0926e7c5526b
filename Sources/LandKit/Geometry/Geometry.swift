/// A position in one coordinate reference system.
///
/// `x` is the easting (projected CRS, metres) or the longitude (geographic CRS, degrees);
/// `y` is the northing or the latitude. LandKit always keeps this order, whatever the CRS's
/// official axis order (see ``Transformer``).
public struct Coordinate: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public init(_ x: Double, _ y: Double) {
        self.init(x: x, y: y)
    }
}

/// A polygon: one exterior ring and zero or more holes. Rings are closed (first == last).
public struct Polygon: Hashable, Sendable {
    public var exterior: [Coordinate]
    public var holes: [[Coordinate]]

    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// All rings, exterior first.
    public var rings: [[Coordinate]] { [exterior] + holes }
}

/// A geometry value in one CRS: a plain, `Sendable` description of coordinates that any thread
/// may hold. GEOS objects are built from it only where an operation needs them.
public enum Geometry: Hashable, Sendable {
    case point(Coordinate)
    case lineString([Coordinate])
    case polygon(Polygon)
    case multiPoint([Coordinate])
    case multiLineString([[Coordinate]])
    case multiPolygon([Polygon])
    case geometryCollection([Geometry])

    /// The OGC type name in upper case, as GeoPackage's `gpkg_geometry_columns` wants it.
    public var typeName: String {
        switch self {
        case .point: "POINT"
        case .lineString: "LINESTRING"
        case .polygon: "POLYGON"
        case .multiPoint: "MULTIPOINT"
        case .multiLineString: "MULTILINESTRING"
        case .multiPolygon: "MULTIPOLYGON"
        case .geometryCollection: "GEOMETRYCOLLECTION"
        }
    }

    /// True when the geometry has no coordinates at all.
    public var isEmpty: Bool {
        switch self {
        case .point(let c): c.x.isNaN && c.y.isNaN
        case .lineString(let cs), .multiPoint(let cs): cs.isEmpty
        case .polygon(let p): p.exterior.isEmpty
        case .multiLineString(let ls): ls.allSatisfy(\.isEmpty)
        case .multiPolygon(let ps): ps.allSatisfy { $0.exterior.isEmpty }
        case .geometryCollection(let gs): gs.allSatisfy(\.isEmpty)
        }
    }

    /// Polygonal parts, whatever the container: a polygon, the parts of a multipolygon, or the
    /// polygons inside a collection. Other parts are ignored.
    public var polygons: [Polygon] {
        switch self {
        case .polygon(let p): [p]
        case .multiPolygon(let ps): ps
        case .geometryCollection(let gs): gs.flatMap(\.polygons)
        default: []
        }
    }

    /// True for polygon and multipolygon values.
    public var isPolygonal: Bool {
        switch self {
        case .polygon, .multiPolygon: true
        default: false
        }
    }

    /// True for point and multipoint values.
    public var isPuntal: Bool {
        switch self {
        case .point, .multiPoint: true
        default: false
        }
    }

    /// Calls `body` on every coordinate, in storage order.
    public func forEachCoordinate(_ body: (Coordinate) throws -> Void) rethrows {
        switch self {
        case .point(let c): if !(c.x.isNaN && c.y.isNaN) { try body(c) }
        case .lineString(let cs), .multiPoint(let cs): try cs.forEach(body)
        case .polygon(let p): for r in p.rings { try r.forEach(body) }
        case .multiLineString(let ls): for l in ls { try l.forEach(body) }
        case .multiPolygon(let ps): for p in ps { for r in p.rings { try r.forEach(body) } }
        case .geometryCollection(let gs): for g in gs { try g.forEachCoordinate(body) }
        }
    }

    /// The same shape with every coordinate mapped through `transform`.
    public func mapCoordinates(_ transform: (Coordinate) throws -> Coordinate) rethrows -> Geometry {
        func ring(_ r: [Coordinate]) throws -> [Coordinate] { try r.map(transform) }
        func poly(_ p: Polygon) throws -> Polygon {
            Polygon(exterior: try ring(p.exterior), holes: try p.holes.map(ring))
        }
        switch self {
        case .point(let c): return .point(try transform(c))
        case .lineString(let cs): return .lineString(try ring(cs))
        case .multiPoint(let cs): return .multiPoint(try ring(cs))
        case .polygon(let p): return .polygon(try poly(p))
        case .multiLineString(let ls): return .multiLineString(try ls.map(ring))
        case .multiPolygon(let ps): return .multiPolygon(try ps.map(poly))
        case .geometryCollection(let gs): return .geometryCollection(try gs.map { try $0.mapCoordinates(transform) })
        }
    }

    /// Number of coordinates (closing points included).
    public var coordinateCount: Int {
        var n = 0
        forEachCoordinate { _ in n += 1 }
        return n
    }

    /// The bounding box, or nil when empty.
    public var envelope: Envelope? {
        var e: Envelope?
        forEachCoordinate { c in
            if var box = e {
                box.expand(toInclude: c)
                e = box
            } else {
                e = Envelope(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y)
            }
        }
        return e
    }
}

/// An axis-aligned bounding box in the geometry's CRS units.
public struct Envelope: Hashable, Sendable, Codable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }

    public mutating func expand(toInclude c: Coordinate) {
        minX = Swift.min(minX, c.x)
        minY = Swift.min(minY, c.y)
        maxX = Swift.max(maxX, c.x)
        maxY = Swift.max(maxY, c.y)
    }

    public mutating func expand(toInclude e: Envelope) {
        minX = Swift.min(minX, e.minX)
        minY = Swift.min(minY, e.minY)
        maxX = Swift.max(maxX, e.maxX)
        maxY = Swift.max(maxY, e.maxY)
    }

    public func union(_ other: Envelope?) -> Envelope {
        guard let other else { return self }
        var e = self
        e.expand(toInclude: other)
        return e
    }

    /// True when the boxes share at least one point (touching counts).
    public func intersects(_ o: Envelope) -> Bool {
        minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY
    }

    /// The box as a closed polygon.
    public var polygon: Polygon {
        Polygon(exterior: [
            Coordinate(minX, minY), Coordinate(maxX, minY), Coordinate(maxX, maxY), Coordinate(minX, maxY), Coordinate(minX, minY),
        ])
    }
}
