/// Checks that raw coordinates fit the CRS they are declared in (or infers one), before anything
/// is transformed or stored: lon/lat given for a projected CRS or the reverse, northings outside
/// China, x/y swapped, eastings with or without the zone prefix, mixed zones.
///
/// Coordinates are passed as read: `x` the first column / GeoJSON ordinate, `y` the second.
/// For projected data LandKit expects x = easting, y = northing (metres); for geographic data
/// x = longitude, y = latitude (degrees). Nothing ever falls back silently to lon/lat: when the
/// magnitudes cannot tell, the check throws.
public enum CoordinateSanity {
    /// What the sample looks like.
    public enum Layout: String, Hashable, Sendable {
        /// x = longitude, y = latitude, degrees.
        case lonLat
        /// x = easting, y = northing, metres.
        case eastingNorthing
    }

    /// The outcome of a check: the CRS to use and whether x and y must be exchanged first.
    public struct Verdict: Hashable, Sendable {
        /// The CRS the coordinates are in (after `swapped` is applied).
        public var crs: CRS
        public var layout: Layout
        /// True when the input had y, x order (lat/lon or northing/easting): exchange x and y.
        public var swapped: Bool
        /// Things the caller must report as warnings (e.g. the swap).
        public var warnings: [String]

        public init(crs: CRS, layout: Layout, swapped: Bool = false, warnings: [String] = []) {
            self.crs = crs
            self.layout = layout
            self.swapped = swapped
            self.warnings = warnings
        }
    }

    /// Northings of China on a Gauss-Krüger plane, metres (≈ 17°N … 53.5°N).
    public static let chinaNorthings = 1_900_000.0...5_900_000.0

    /// The magnitude class of one ordinate.
    enum Kind: Equatable {
        case degrees
        /// Up to 6 integer digits: an easting without zone prefix.
        case easting
        /// 7 integer digits: a northing.
        case northing
        /// 8 integer digits starting with a zone number (3°: 25–45, 6°: 13–23).
        case prefixedEasting(zone: Int)
        case other

        var isEasting: Bool {
            switch self {
            case .easting, .prefixedEasting: true
            default: false
            }
        }
    }

    static func kind(_ v: Double) -> Kind {
        let a = abs(v)
        if a <= 180 { return .degrees }
        if v < 0 { return .other }
        if a < 1_000_000 { return .easting }
        if a < 10_000_000 { return .northing }
        if a < 100_000_000 {
            let zone = Int(a / 1_000_000)
            let rest = a - Double(zone) * 1_000_000
            if (13...23).contains(zone) || (25...45).contains(zone), rest > 100_000, rest < 900_000 {
                return .prefixedEasting(zone: zone)
            }
        }
        return .other
    }

    /// Checks `sample` against `declared` (or infers the CRS when nil).
    /// - Parameters:
    ///   - sample: raw coordinates, in file order (x = first ordinate). A few hundred suffice.
    ///   - declared: the CRS the user or the file states, if any.
    ///   - zone: the 3° zone (25–45) stated by the file (带号), used for unprefixed eastings when
    ///     no CRS is declared.
    ///   - feature: the feature the sample comes from (or the first bad one), for messages.
    ///   - file: the file name for errors.
    /// - Returns: the CRS and whether to swap x/y.
    /// - Throws: `FormatError` naming the feature and the likely fix when the sample does not fit.
    public static func check(
        _ sample: [Coordinate], declared: CRS?, zone: Int? = nil, feature: String? = nil, file: String? = nil
    ) throws(FormatError) -> Verdict {
        func fail(_ m: String, _ f: String? = feature) -> FormatError { FormatError(m, file: file, feature: f) }
        func needCRS(_ m: String, _ suggested: CRS? = nil) -> FormatError {
            FormatError(m, file: file, feature: feature, code: .crsNeeded, suggestedCRS: suggested)
        }
        let pts = sample.filter { $0.x.isFinite && $0.y.isFinite }
        guard let first = pts.first else {
            if let declared { return Verdict(crs: declared, layout: declared.isGeographic ? .lonLat : .eastingNorthing) }
            throw needCRS("no coordinates to check, so the CRS cannot be told from them")
        }
        func show(_ c: Coordinate) -> String { "(\(PropertyValue.format(c.x)), \(PropertyValue.format(c.y)))" }

        // 1. Order and kind, decided by magnitude, point by point.
        enum Order { case lonLat, latLon, en, ne }
        func order(_ c: Coordinate) -> Order? {
            let kx = kind(c.x), ky = kind(c.y)
            if kx == .degrees && ky == .degrees {
                // China: lon 72–138, lat 0.8–56. Lat/lon is recognisable only when lon > 90.
                if abs(c.x) > 90 { return .lonLat }
                if abs(c.y) > 90 { return .latLon }
                return .lonLat
            }
            if kx.isEasting && ky == .northing { return .en }
            if kx == .northing && ky.isEasting { return .ne }
            return nil
        }
        guard let o = order(first) else {
            throw needCRS(
                "cannot tell the axis order of \(show(first)): expected easting and northing in metres (northing 7 digits, easting 6 digits or 8 with the zone prefix) or lon/lat in degrees; check the columns and the CRS"
            )
        }
        for c in pts.dropFirst() {
            guard let oc = order(c) else {
                throw fail("cannot tell the axis order of \(show(c)): expected easting and northing in metres or lon/lat in degrees")
            }
            let same: Bool
            switch (o, oc) {
            case (.lonLat, .lonLat), (.latLon, .latLon), (.lonLat, .latLon), (.latLon, .lonLat): same = true
            case (.en, .en), (.ne, .ne): same = true
            default: same = false
            }
            guard same else {
                throw fail(
                    "coordinates \(show(first)) and \(show(c)) are in different units or axis orders: the file mixes lon/lat and projected metres, or x/y order"
                )
            }
        }
        var warnings: [String] = []
        if o == .lonLat || o == .latLon {
            // A lat/lon file: at least one point with |y| > 90 and none with |x| > 90 after swap.
            let swapped = pts.contains { abs($0.y) > 90 } && !pts.contains { abs($0.x) > 90 }
            if pts.contains(where: { abs($0.x) > 90 }) && pts.contains(where: { abs($0.y) > 90 }) {
                throw fail("coordinates mix lon/lat and lat/lon order")
            }
            if let declared, !declared.isGeographic {
                throw needCRS("coordinates look like lon/lat but the CRS is \(declared)", .wgs84)
            }
            if swapped { warnings.append("coordinates are in lat/lon order; x and y exchanged") }
            let crs = declared ?? .cgcs2000
            return Verdict(crs: crs, layout: .lonLat, swapped: swapped, warnings: warnings)
        }

        // 2. Projected: eastings and northings.
        let swapped = o == .ne
        let en = swapped ? pts.map { Coordinate(x: $0.y, y: $0.x) } : pts
        if swapped {
            warnings.append("columns are in northing, easting order (x looks like a northing, y like an easting); x and y exchanged")
        }
        if let bad = en.first(where: { !chinaNorthings.contains($0.y) }) {
            throw fail("northing \(PropertyValue.format(bad.y)) m is outside China (1.9–5.9 ×10⁶ m): check the columns and the CRS")
        }
        var zones = Set<Int>()
        var unprefixed = 0
        for c in en {
            if case .prefixedEasting(let z) = kind(c.x) { zones.insert(z) } else { unprefixed += 1 }
        }
        if zones.count > 1 {
            throw fail(
                "eastings carry different zone prefixes (\(zones.sorted().map(String.init).joined(separator: ", "))): split the file by zone"
            )
        }
        if !zones.isEmpty && unprefixed > 0 {
            throw fail("some eastings carry a zone prefix and some do not: the file mixes prefixed and unprefixed coordinates")
        }
        let dataZone = zones.first
        if let declared {
            if declared.isGeographic {
                throw needCRS(
                    "coordinates look like projected metres but the CRS is \(declared) (lon/lat)",
                    dataZone.map { CRS(epsg: epsg(prefixedZone: $0)) })
            }
            if let gk = declared.gaussKruger {
                switch (dataZone, gk.prefixed) {
                case (let z?, true) where z != gk.zone:
                    throw needCRS(
                        "eastings carry the zone prefix \(z) but the CRS is \(declared) (zone \(gk.zone))", CRS(epsg: epsg(prefixedZone: z))
                    )
                case (let z?, false):
                    throw needCRS(
                        "eastings carry the zone prefix \(z) but \(declared) expects eastings without prefix",
                        CRS(epsg: epsg(prefixedZone: z)))
                case (nil, true):
                    throw needCRS(
                        "eastings have no zone prefix but \(declared) expects one (without it: cm\(gk.zone * 3))",
                        CRS(epsg: GaussKruger.epsg(zone: gk.zone, prefixed: false)))
                default: break
                }
            }
            return Verdict(crs: declared, layout: .eastingNorthing, swapped: swapped, warnings: warnings)
        }
        if let z = dataZone {
            if (13...23).contains(z) { warnings.append("eastings carry a 6° zone prefix (\(z)): using CGCS2000 6° zone \(z)") }
            return Verdict(crs: CRS(epsg: epsg(prefixedZone: z)), layout: .eastingNorthing, swapped: swapped, warnings: warnings)
        }
        guard let zone else {
            throw needCRS("eastings have no zone prefix and no zone is given: the CRS must name the zone's central meridian (e.g. cm105)")
        }
        guard GaussKruger.zones.contains(zone) else {
            throw needCRS("zone \(zone) is not a CGCS2000 3° zone (25–45)")
        }
        return Verdict(
            crs: CRS(epsg: GaussKruger.epsg(zone: zone, prefixed: false)), layout: .eastingNorthing, swapped: swapped, warnings: warnings)
    }

    /// EPSG code of a prefixed zone: 3° zones 25–45 → 4488 + zone (EPSG:4513–4533); 6° zones
    /// 13–23 → 4478 + zone (EPSG:4491–4501).
    static func epsg(prefixedZone z: Int) -> Int {
        (13...23).contains(z) ? 4478 + z : GaussKruger.epsg(zone: z, prefixed: true)
    }
}
