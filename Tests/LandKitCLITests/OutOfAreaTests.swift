import Foundation
import Testing

/// Issue 12 defect 3 end to end: out-of-area features are refused naming them; another stated zone warns.
@Suite("out-of-area coordinates")
struct OutOfAreaTests {
    @Test("a house at (0, 0) and a parcel in Paris: exit 1 naming each feature, database unchanged")
    func refused() throws {
        let w = try SmallWorld()
        let before = try w.dump()
        let houses =
            #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"H0","properties":{},"geometry":{"type":"Point","coordinates":[0,0]}}]}"#
        let r = try w.cli("import", "buildings", try w.cli.write("null.geojson", houses))
        #expect(r.status == 1)
        #expect(r.stderr.contains("feature H0: a vertex at (0, 0)") && r.stderr.contains("null island"), "\(r.stderr)")
        let paris =
            #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"PA","properties":{},"geometry":{"type":"Polygon","coordinates":[[[2.35,48.85],[2.351,48.85],[2.351,48.851],[2.35,48.85]]]}}]}"#
        let p = try w.cli("import", "parcels", try w.cli.write("paris.geojson", paris))
        #expect(p.status == 1)
        #expect(p.stderr.contains("feature PA: a vertex read in EPSG:4326 lies at 2.350000°E, 48.850000°N, outside China"), "\(p.stderr)")
        #expect(try w.dump() == before)
    }

    @Test("a survey TXT of 带号 40 (eastings 40 500 000) into the CM 105°E store: imported with the 5.3 % planar-area warning")
    func otherZoneSurvey() throws {
        let w = try SmallWorld()
        // X = northing 3 320 000 at easting 500 000 of zone 40: 120.000000°E, 29.998977°N (cs2cs EPSG:4528 EPSG:4490),
        // where the CM 105°E plane's areal scale is 1.05318 (proj -V): planar areas 5.32 % too large.
        let text = """
            [属性描述]
            坐标系=2000国家大地坐标系
            几度分带=3
            带号=40
            [地块坐标]
            5,0.0100,Z40,,面,,,,@
            J1,1,3320000.000,40500000.000
            J2,1,3320010.000,40500000.000
            J3,1,3320010.000,40500010.000
            J4,1,3320000.000,40500010.000
            J1,1,3320000.000,40500000.000

            """
        let r = try w.cli("import", "parcels", try w.cli.write("zone40.txt", text))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: feature Z40: the file is in 3° zone 40 (central meridian 120°E)"), "\(r.stderr)")
        #expect(r.stderr.contains("planar areas are 5.32 % larger than on the ground"), "\(r.stderr)")
        #expect(r.stdout.contains("1 new"))
    }
}
