import Foundation
import Testing

@testable import LandKit

@Suite("GCJ-02 and BD-09 offsets")
struct ChinaOffsetsTests {
    /// Published pairs from googollee/eviltransform, python/test.py (TESTS: wgsLat, wgsLng,
    /// gcjLat, gcjLng; checked there to 6 decimals): Shanghai, Shenzhen, Beijing.
    static let eviltransformPairs: [(wgs: Coordinate, gcj: Coordinate)] = [
        (Coordinate(x: 121.5272106, y: 31.1774276), Coordinate(x: 121.531541859215, y: 31.17530398364597)),
        (Coordinate(x: 113.912316, y: 22.543847), Coordinate(x: 113.9171764808363, y: 22.540796131694766)),
        (Coordinate(x: 116.377817, y: 39.911954), Coordinate(x: 116.38404722455657, y: 39.91334545536069)),
    ]

    @Test("WGS 84 → GCJ-02 matches eviltransform's published pairs to 1e-6°")
    func forward() {
        for (wgs, gcj) in Self.eviltransformPairs {
            let got = ChinaOffsets.gcj02(fromWGS84: wgs)
            #expect(abs(got.x - gcj.x) < 1e-6 && abs(got.y - gcj.y) < 1e-6, "\(wgs) → \(got), expected \(gcj)")
        }
    }

    @Test("GCJ-02 → WGS 84 recovers the published WGS 84 points to < 1e-6°")
    func inverseOfPublished() {
        for (wgs, gcj) in Self.eviltransformPairs {
            let got = ChinaOffsets.wgs84(fromGCJ02: gcj)
            #expect(abs(got.x - wgs.x) < 1e-6 && abs(got.y - wgs.y) < 1e-6)
        }
    }

    @Test("the iterative inverse round-trips to < 1 mm over a 0.5° grid of China")
    func inverseRoundTrip() {
        var worstMetres = 0.0
        for lon in stride(from: 73.0, through: 135.0, by: 0.5) {
            for lat in stride(from: 18.0, through: 53.5, by: 0.5) {
                let p = Coordinate(x: lon, y: lat)
                let back = ChinaOffsets.wgs84(fromGCJ02: ChinaOffsets.gcj02(fromWGS84: p))
                // Metres on a sphere of radius 6378137 m: generous for a 1 mm bound.
                let dy = (back.y - p.y) * .pi / 180 * 6_378_137
                let dx = (back.x - p.x) * .pi / 180 * 6_378_137 * cos(lat * .pi / 180)
                worstMetres = max(worstMetres, (dx * dx + dy * dy).squareRoot())
            }
        }
        #expect(worstMetres < 0.001)
    }

    @Test("outside the China box every conversion is the identity")
    func outside() {
        let tokyo = Coordinate(x: 139.69, y: 35.69)
        #expect(ChinaOffsets.gcj02(fromWGS84: tokyo) == tokyo)
        #expect(ChinaOffsets.wgs84(fromGCJ02: tokyo) == tokyo)
        let sydney = Coordinate(x: 151.2, y: -33.9)
        #expect(ChinaOffsets.gcj02(fromWGS84: sydney) == sydney)
    }

    @Test("GCJ-02 → BD-09 matches gcoord's published value (123, 45) → (123.00636499, 45.00636899)")
    func bd09() {
        // hujiulong/gcoord, test/unit/crs/GCJ02.spec.js ('GCJ02 to BD09', toBeCloseTo(…, 5)).
        let got = ChinaOffsets.bd09(fromGCJ02: Coordinate(x: 123, y: 45))
        #expect(abs(got.x - 123.00636499) < 1e-5 && abs(got.y - 45.00636899) < 1e-5)
        let back = ChinaOffsets.gcj02(fromBD09: got)
        #expect(abs(back.x - 123) < 1e-6 && abs(back.y - 45) < 1e-6)
    }

    @Test("BD-09 → WGS 84 lies within 5 m of eviltransform's one-step bd2wgs")
    func bd09ToWGS84() {
        // Expected values: output of googollee/eviltransform python/eviltransform/__init__.py
        // bd2wgs(29.199786, 120.019809) and bd2wgs(29.210504, 120.036455), run with python3.
        // (Its TESTS_bd vector in python/test.py disagrees with its own code by 10 m and 41 m, so
        // it is not used.) Their bd2wgs uses the one-step GCJ inverse (errors up to ~5 m); ours
        // iterates, so compare to 5 m and check that the forward conversion returns the input.
        let pairs = [
            (Coordinate(x: 120.019809, y: 29.199786), Coordinate(x: 120.00872854467232, y: 29.19620802913637)),
            (Coordinate(x: 120.036455, y: 29.210504), Coordinate(x: 120.02527277673505, y: 29.20714721836464)),
        ]
        for (bd, wgs) in pairs {
            let got = ChinaOffsets.wgs84(fromBD09: bd)
            let dy = (got.y - wgs.y) * .pi / 180 * 6_378_137
            let dx = (got.x - wgs.x) * .pi / 180 * 6_378_137 * cos(wgs.y * .pi / 180)
            #expect((dx * dx + dy * dy).squareRoot() < 5)
            let forward = ChinaOffsets.bd09(fromWGS84: got)
            #expect(abs(forward.x - bd.x) < 1e-6 && abs(forward.y - bd.y) < 1e-6)
        }
    }
}
