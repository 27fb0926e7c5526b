/// A longitude/latitude rectangle in degrees (CGCS2000 ≈ WGS 84), west ≤ east (no antimeridian crossing).
public struct GeographicBox: Hashable, Sendable, CustomStringConvertible {
    public var west: Double
    public var south: Double
    public var east: Double
    public var north: Double

    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    /// China, generously: 73°E–136°E, 3°N–54°N. The extreme points are about 73.5°E (Pamir), 135.1°E (the Amur and
    /// Ussuri confluence), 53.6°N (Mohe) and 3.9°N (Zengmu Ansha); the box is rounded outwards to whole degrees.
    /// It also holds neighbouring countries' land: it catches (0, 0), Paris and swapped axes, not a border.
    public static let china = GeographicBox(west: 73, south: 3, east: 136, north: 54)

    /// The margin around a storage CRS's area of use inside which coordinates are accepted, degrees. One degree of
    /// longitude past a 3° zone's edge is 2.5° from its central meridian, where the Gauss plane enlarges areas by
    /// about 0.14 % at 30°N (k ≈ 1 + (Δλ·cos φ)²/2): still a usable plane, beyond that the store is the wrong one.
    public static let areaOfUseMarginDegrees = 1.0

    /// The box grown by `degrees` on every side.
    public func widened(by degrees: Double) -> GeographicBox {
        GeographicBox(west: west - degrees, south: south - degrees, east: east + degrees, north: north + degrees)
    }

    /// Whether `c` (x = longitude, y = latitude, degrees) lies inside the box, edges included.
    public func contains(_ c: Coordinate) -> Bool {
        c.x >= west && c.x <= east && c.y >= south && c.y <= north
    }

    /// "103.5–106.5°E, 22.5–42.2°N".
    public var description: String {
        func f(_ v: Double) -> String { PropertyValue.format((v * 10).rounded() / 10) }
        return "\(f(west))–\(f(east))°E, \(f(south))–\(f(north))°N"
    }
}
