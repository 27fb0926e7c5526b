import Foundation

/// A coordinate reference system, identified by its EPSG code.
///
/// Text forms accepted by ``init(parsing:)``: `EPSG:4544`, `4544`, `urn:ogc:def:crs:EPSG::4544`,
/// `zone35` (CGCS2000 3° Gauss-Krüger zone 35, eastings with the zone prefix), `cm105`
/// (the same zone by central meridian, without prefix), `wgs84` / `CRS84`, `cgcs2000`.
public struct CRS: Hashable, Sendable, Codable, CustomStringConvertible {
    public let epsg: Int

    public init(epsg: Int) {
        self.epsg = epsg
    }

    public static let wgs84 = CRS(epsg: 4326)
    /// Geographic CGCS2000 (EPSG:4490).
    public static let cgcs2000 = CRS(epsg: 4490)
    /// CGCS2000 / 3-degree Gauss-Kruger CM 105E, LandKit's default storage CRS.
    public static let cm105 = CRS(epsg: 4544)

    /// Parses the text forms listed on the type.
    /// - Throws: `ProjectionError` with the accepted forms when the text is none of them.
    public init(parsing text: String) throws(ProjectionError) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        func digits(_ s: Substring) -> Int? { s.allSatisfy(\.isNumber) && !s.isEmpty ? Int(s) : nil }
        if ["wgs84", "wgs 84", "crs84", "urn:ogc:def:crs:ogc:1.3:crs84", "epsg:4326"].contains(t) {
            self = .wgs84
        } else if ["cgcs2000", "epsg:4490"].contains(t) {
            self = .cgcs2000
        } else if t.hasPrefix("epsg:"), let n = digits(t.dropFirst(5)) {
            self.init(epsg: n)
        } else if t.hasPrefix("urn:ogc:def:crs:epsg:"), let n = digits(t.split(separator: ":").last ?? "") {
            self.init(epsg: n)
        } else if t.hasPrefix("http://www.opengis.net/def/crs/epsg/"), let n = digits(t.split(separator: "/").last ?? "") {
            self.init(epsg: n)
        } else if t.hasPrefix("zone"), let z = digits(t.dropFirst(4)) {
            guard GaussKruger.zones.contains(z) else {
                throw ProjectionError("zone \(z) is not a CGCS2000 3° zone (25–45 cover China)")
            }
            self.init(epsg: GaussKruger.epsg(zone: z, prefixed: true))
        } else if t.hasPrefix("cm"), let m = digits(t.dropFirst(2)) {
            guard m % 3 == 0, GaussKruger.zones.contains(m / 3) else {
                throw ProjectionError("central meridian \(m)°E is not a CGCS2000 3° zone meridian (75, 78, … 135)")
            }
            self.init(epsg: GaussKruger.epsg(zone: m / 3, prefixed: false))
        } else if let n = digits(Substring(t)) {
            self.init(epsg: n)
        } else {
            throw ProjectionError("unknown CRS \"\(text)\": use EPSG:NNNN, zone35, cm105, wgs84 or cgcs2000")
        }
    }

    /// `EPSG:NNNN`.
    public var description: String { "EPSG:\(epsg)" }

    /// True for geographic (lon/lat in degrees) CRSs LandKit knows: WGS 84 and CGCS2000.
    public var isGeographic: Bool { epsg == 4326 || epsg == 4490 }

    /// The CGCS2000 3° Gauss-Krüger zone of this CRS, if it is one.
    public var gaussKruger: GaussKruger? { GaussKruger(epsg: epsg) }
}

/// A CGCS2000 3-degree Gauss-Krüger zone (EPSG:4513–4533 with the zone prefix in eastings,
/// EPSG:4534–4554 without). Axes in EPSG are northing first; LandKit uses (easting, northing).
public struct GaussKruger: Hashable, Sendable {
    /// The zone number, 25…45; the central meridian is `3 × zone` degrees east.
    public let zone: Int
    /// True when eastings carry the zone number as a prefix (false easting zone·10⁶ + 500000).
    public let prefixed: Bool

    /// Zones covering China (75°E … 135°E).
    public static let zones = 25...45

    public init?(epsg: Int) {
        switch epsg {
        case 4513...4533: zone = epsg - 4488; prefixed = true
        case 4534...4554: zone = epsg - 4534 + 25; prefixed = false
        default: return nil
        }
    }

    public init(zone: Int, prefixed: Bool) {
        self.zone = zone
        self.prefixed = prefixed
    }

    public var centralMeridian: Double { Double(zone * 3) }
    public var epsg: Int { Self.epsg(zone: zone, prefixed: prefixed) }
    public var falseEasting: Double { prefixed ? Double(zone) * 1_000_000 + 500_000 : 500_000 }

    /// The 3° zone whose central meridian is nearest to `longitude` (degrees east).
    public static func zone(longitude: Double) -> Int { Int((longitude / 3).rounded()) }

    /// EPSG code of a zone, with or without the zone prefix.
    public static func epsg(zone: Int, prefixed: Bool) -> Int { prefixed ? 4488 + zone : 4534 + (zone - 25) }

    /// The zone written as the prefix of an easting such as 35 500 000.000, or nil when the
    /// easting has no plausible 3° prefix (25–45) — e.g. an unprefixed 500 000.
    public static func zone(prefixedEasting easting: Double) -> Int? {
        guard easting >= 10_000_000, easting < 100_000_000 else { return nil }
        let z = Int(easting / 1_000_000)
        return zones.contains(z) ? z : nil
    }
}

/// A CRS or coordinate transformation problem.
public struct ProjectionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
