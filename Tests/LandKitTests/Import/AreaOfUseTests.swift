import Testing

@testable import LandKit

/// Issue 12 defect 3: coordinates outside China or the storage CRS's area of use. Expected values come from PROJ's
/// own tools: `projinfo EPSG:4544` (BBOX[22.5,103.5,42.21,106.51]) and
/// `echo "120 30" | proj -V +proj=tmerc +lon_0=105 +k=1 +x_0=500000 +ellps=GRS80` (Areal scale 1.05316969).
@Suite("coordinates outside China or the storage CRS's area of use")
struct AreaOfUseTests {
    let check = AreaOfUseCheck(storage: .cm105)

    func refusal(_ lonLat: Coordinate, source: CRS = .wgs84) -> FormatError? {
        do {
            _ = try check.check([lonLat], source: source, feature: "H9")
            return nil
        } catch {
            return error
        }
    }

    @Test("EPSG:4544's area of use is PROJ's: 103.5–106.51°E, 22.5–42.21°N (projinfo)")
    func area() throws {
        #expect(try CRS.cm105.areaOfUse() == GeographicBox(west: 103.5, south: 22.5, east: 106.51, north: 42.21))
    }

    @Test("the CM 105°E plane enlarges areas at 120°E 30°N by PROJ's areal scale 1.05316969 (proj -V)")
    func arealScale() throws {
        #expect(abs(try CRS.cm105.arealScale(atLonLat: Coordinate(x: 120, y: 30)) - 1.05316969) < 1e-7)
    }

    @Test("a house at (0, 0) is refused as null island")
    func nullIsland() throws {
        let e = try #require(refusal(Coordinate(x: 0, y: 0)))
        #expect(e.feature == "H9" && e.message.contains("null island"))
    }

    @Test("a parcel in Paris (2.35°E, 48.86°N) is refused: outside China, the CRS is probably wrong")
    func paris() throws {
        let e = try #require(refusal(Coordinate(x: 2.3522, y: 48.8566)))
        #expect(e.message.contains("outside China") && e.message.contains("CRS is probably not EPSG:4326") && e.code == .crsNeeded)
    }

    @Test("(35°, 80°) read as lon/lat is outside China, but (80°E, 35°N) is in it: the axes look swapped")
    func swapped() throws {
        let e = try #require(refusal(Coordinate(x: 35, y: 80)))
        #expect(e.message.contains("axes look swapped"))
    }

    @Test("lon/lat in Shanghai (121.47°E) is in China but outside EPSG:4544's area widened by 1°: refused")
    func otherZoneLonLat() throws {
        let e = try #require(refusal(Coordinate(x: 121.47, y: 31.23)))
        #expect(e.message.contains("outside EPSG:4544's area of use (103.5–106.5°E, 22.5–42.2°N, widened by 1°)"))
        #expect(refusal(Coordinate(x: 107.4, y: 30)) == nil)  // 0.9° past the edge: inside the margin
    }

    @Test("a file stated in zone 40 (EPSG:4528) at 120°E 30°N is reprojected with the distortion: 5.32 % (proj -V)")
    func otherStatedZone() throws {
        let w = try check.check([Coordinate(x: 120, y: 30)], source: CRS(epsg: 4528), feature: "DK1")
        let warning = try #require(w)
        #expect(
            warning.contains("3° zone 40 (central meridian 120°E)") && warning.contains("15° from the storage CRS's central meridian 105°E")
        )
        #expect(warning.contains("planar areas are 5.32 % larger"), "\(warning)")
    }
}
