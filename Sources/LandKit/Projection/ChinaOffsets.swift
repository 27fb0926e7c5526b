import Foundation

/// GCJ-02 ("Mars coordinates", used by Gaode/AMap, Tencent and Google in China) and BD-09
/// (Baidu) offsets, which PROJ will not implement (OSGeo/PROJ #982).
///
/// All coordinates are (x = longitude, y = latitude) in degrees. WGS 84 input is treated as
/// CGCS2000 (they agree to a few cm). The offset is applied only inside the rough "China" box
/// lon 72.004…137.8347, lat 0.8293…55.8271 (the box of the widely copied eviltransform code);
/// outside it every function is the identity. Results are phone-grade (±2 m at best): keep the
/// raw coordinates for audit.
public enum ChinaOffsets {
    static let a = 6_378_245.0  // Krasovsky 1940 semi-major axis, metres
    static let ee = 0.00669342162296594323  // Krasovsky first eccentricity squared
    static let xPi = Double.pi * 3000.0 / 180.0

    /// True inside the box where the GCJ-02 offset applies (bounds inclusive).
    public static func isInChinaBox(_ c: Coordinate) -> Bool {
        c.x >= 72.004 && c.x <= 137.8347 && c.y >= 0.8293 && c.y <= 55.8271
    }

    /// WGS 84 → GCJ-02 (the published forward formula).
    public static func gcj02(fromWGS84 c: Coordinate) -> Coordinate {
        guard isInChinaBox(c) else { return c }
        let d = offset(c)
        return Coordinate(x: c.x + d.x, y: c.y + d.y)
    }

    /// GCJ-02 → WGS 84 by fixed-point iteration p ← p − (f(p) − target) until the step is below
    /// 1e-9° (≈ 0.1 mm), at most 10 iterations; the error is far below 1 mm (the one-step
    /// inverse many libraries use errs up to ~5 m).
    public static func wgs84(fromGCJ02 target: Coordinate) -> Coordinate {
        guard isInChinaBox(target) else { return target }
        var p = Coordinate(x: target.x - offset(target).x, y: target.y - offset(target).y)
        for _ in 0..<10 {
            let f = gcj02(fromWGS84: p)
            let dx = f.x - target.x, dy = f.y - target.y
            p = Coordinate(x: p.x - dx, y: p.y - dy)
            if abs(dx) < 1e-9 && abs(dy) < 1e-9 { break }
        }
        return p
    }

    /// GCJ-02 → BD-09.
    public static func bd09(fromGCJ02 c: Coordinate) -> Coordinate {
        let x = c.x, y = c.y
        let z = (x * x + y * y).squareRoot() + 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) + 0.000003 * cos(x * xPi)
        return Coordinate(x: z * cos(theta) + 0.0065, y: z * sin(theta) + 0.006)
    }

    /// BD-09 → GCJ-02 (the published closed-form inverse; residual below 1e-6°, a few cm).
    public static func gcj02(fromBD09 c: Coordinate) -> Coordinate {
        let x = c.x - 0.0065, y = c.y - 0.006
        let z = (x * x + y * y).squareRoot() - 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) - 0.000003 * cos(x * xPi)
        return Coordinate(x: z * cos(theta), y: z * sin(theta))
    }

    /// WGS 84 → BD-09.
    public static func bd09(fromWGS84 c: Coordinate) -> Coordinate {
        bd09(fromGCJ02: gcj02(fromWGS84: c))
    }

    /// BD-09 → WGS 84 (BD-09 → GCJ-02 closed form, then the iterative GCJ-02 inverse).
    public static func wgs84(fromBD09 c: Coordinate) -> Coordinate {
        wgs84(fromGCJ02: gcj02(fromBD09: c))
    }

    /// The GCJ-02 offset (Δlon, Δlat) in degrees at a WGS 84 position.
    static func offset(_ c: Coordinate) -> Coordinate {
        let x = c.x - 105.0, y = c.y - 35.0
        let radLat = c.y / 180.0 * Double.pi
        var magic = sin(radLat)
        magic = 1 - ee * magic * magic
        let sqrtMagic = magic.squareRoot()
        let dLat = (transformLat(x, y) * 180.0) / ((a * (1 - ee)) / (magic * sqrtMagic) * Double.pi)
        let dLon = (transformLon(x, y) * 180.0) / (a / sqrtMagic * cos(radLat) * Double.pi)
        return Coordinate(x: dLon, y: dLat)
    }

    static func transformLat(_ x: Double, _ y: Double) -> Double {
        var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        r += (20.0 * sin(6.0 * x * Double.pi) + 20.0 * sin(2.0 * x * Double.pi)) * 2.0 / 3.0
        r += (20.0 * sin(y * Double.pi) + 40.0 * sin(y / 3.0 * Double.pi)) * 2.0 / 3.0
        r += (160.0 * sin(y / 12.0 * Double.pi) + 320.0 * sin(y * Double.pi / 30.0)) * 2.0 / 3.0
        return r
    }

    static func transformLon(_ x: Double, _ y: Double) -> Double {
        var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        r += (20.0 * sin(6.0 * x * Double.pi) + 20.0 * sin(2.0 * x * Double.pi)) * 2.0 / 3.0
        r += (20.0 * sin(x * Double.pi) + 40.0 * sin(x / 3.0 * Double.pi)) * 2.0 / 3.0
        r += (150.0 * sin(x / 12.0 * Double.pi) + 300.0 * sin(x / 30.0 * Double.pi)) * 2.0 / 3.0
        return r
    }
}
