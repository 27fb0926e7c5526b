import Testing

@testable import LandKit

@Suite("Coordinate sanity checks")
struct CoordinateSanityTests {
    let prefixed = [Coordinate(x: 35_500_000, y: 3_385_000), Coordinate(x: 35_500_100, y: 3_385_100)]
    let unprefixed = [Coordinate(x: 500_000, y: 3_385_000), Coordinate(x: 500_100, y: 3_385_100)]
    let lonLat = [Coordinate(x: 105.0, y: 30.5), Coordinate(x: 105.1, y: 30.6)]

    func code(_ body: () throws -> Void) -> FormatError.Code? {
        do {
            try body()
            return nil
        } catch {
            return (error as? FormatError)?.code
        }
    }

    func suggested(_ body: () throws -> Void) -> CRS? {
        do {
            try body()
            return nil
        } catch {
            return (error as? FormatError)?.suggestedCRS
        }
    }

    func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test("prefixed eastings give the zone: 35 → EPSG:4523; a 6° prefix 18 → EPSG:4496")
    func prefixedZones() throws {
        #expect(try CoordinateSanity.check(prefixed, declared: nil).crs == CRS(epsg: 4523))
        let six = try CoordinateSanity.check([Coordinate(x: 18_500_000, y: 3_385_000)], declared: nil)
        #expect(six.crs == CRS(epsg: 4496))
        #expect(!six.warnings.isEmpty)
    }

    @Test("unprefixed eastings need a zone: 带号 35 → EPSG:4544, none → refused")
    func unprefixedZone() throws {
        #expect(try CoordinateSanity.check(unprefixed, declared: nil, zone: 35).crs == CRS(epsg: 4544))
        #expect(throws: FormatError.self) { _ = try CoordinateSanity.check(unprefixed, declared: nil) }
        #expect(code { _ = try CoordinateSanity.check(unprefixed, declared: nil) } == .crsNeeded)
    }

    @Test("lon/lat data with a projected CRS is refused with the fix")
    func lonLatForProjected() {
        let m = message { _ = try CoordinateSanity.check(lonLat, declared: .cm105, feature: "DK07") }
        #expect(m == "feature DK07: coordinates look like lon/lat but the CRS is EPSG:4544")
        #expect(suggested { _ = try CoordinateSanity.check(lonLat, declared: .cm105, feature: "DK07") } == .wgs84)
    }

    @Test("projected data with a geographic CRS is refused, naming the prefixed zone's EPSG code")
    func projectedForGeographic() {
        let m = message { _ = try CoordinateSanity.check(prefixed, declared: .wgs84, feature: "DK01") }
        #expect(m.contains("feature DK01") && !m.contains("--crs"))
        #expect(suggested { _ = try CoordinateSanity.check(prefixed, declared: .wgs84, feature: "DK01") } == CRS(epsg: 4523))
    }

    @Test("prefix and declared CRS must agree")
    func prefixMismatch() {
        #expect(suggested { _ = try CoordinateSanity.check(prefixed, declared: .cm105) } == CRS(epsg: 4523))
        #expect(suggested { _ = try CoordinateSanity.check(unprefixed, declared: CRS(epsg: 4523)) } == CRS(epsg: 4544))
        #expect(message { _ = try CoordinateSanity.check(prefixed, declared: CRS(epsg: 4524)) }.contains("prefix 35"))
    }

    @Test("northing-first columns and lat/lon order are detected and reported as swaps")
    func swaps() throws {
        let ne = try CoordinateSanity.check(prefixed.map { Coordinate(x: $0.y, y: $0.x) }, declared: nil)
        #expect(ne.swapped && ne.crs == CRS(epsg: 4523) && !ne.warnings.isEmpty)
        let latLon = try CoordinateSanity.check(lonLat.map { Coordinate(x: $0.y, y: $0.x) }, declared: .wgs84)
        #expect(latLon.swapped && latLon.layout == .lonLat)
    }

    @Test("northings outside China, mixed zones and mixed prefixes are refused")
    func refusals() {
        #expect(
            message { _ = try CoordinateSanity.check([Coordinate(x: 500_000, y: 1_200_000)], declared: .cm105) }.contains("outside China"))
        #expect(
            message { _ = try CoordinateSanity.check(prefixed + [Coordinate(x: 36_500_000, y: 3_385_000)], declared: nil) }.contains(
                "35, 36"))
        #expect(message { _ = try CoordinateSanity.check(prefixed + unprefixed, declared: nil) }.contains("mixes prefixed and unprefixed"))
        #expect(message { _ = try CoordinateSanity.check([Coordinate(x: 500_000, y: 600_000)], declared: nil) }.contains("cannot tell"))
        #expect(message { _ = try CoordinateSanity.check(lonLat + prefixed, declared: nil) }.contains("different units"))
    }
}
