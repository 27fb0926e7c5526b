import Foundation
import LandKit

/// A GB/T 21010 land class (地类): code and name.
struct LandClass: Hashable {
    var code: String
    var name: String

    static let paddy = LandClass(code: "0101", name: "水田")
    static let dry = LandClass(code: "0103", name: "旱地")
    static let orchard = LandClass(code: "0201", name: "果园")
    static let forest = LandClass(code: "0301", name: "林地")
    static let homestead = LandClass(code: "0702", name: "农村宅基地")
    static let road = LandClass(code: "1003", name: "公路用地")
    static let pond = LandClass(code: "1104", name: "坑塘水面")
    static let ditch = LandClass(code: "1107", name: "沟渠")
}

/// Decides each parcel's land class from where it is: road and canal strips of the grid,
/// homesteads around hamlets, woods and orchards on gentle rises (smooth noise), paddy on the
/// wetter lower side, dry land elsewhere, an occasional pond.
struct LandUse {
    private let hamletBuckets: [Int64: [Hamlet]]
    private let bucket = 500.0
    private let phases: [Double]
    private let hash: PositionHash

    init(hamlets: [Hamlet], seed: UInt64) {
        var b: [Int64: [Hamlet]] = [:]
        for h in hamlets {
            b[LandUse.key(Int64((h.center.x / 500).rounded(.down)), Int64((h.center.y / 500).rounded(.down))), default: []].append(h)
        }
        hamletBuckets = b
        var rng = SplitMix64.derived(seed: seed, "land-use")
        phases = (0..<6).map { _ in rng.uniform(0, 2 * Double.pi) }
        hash = PositionHash(seed: SplitMix64.mix(seed ^ 0x6c75_7365))
    }

    private static func key(_ i: Int64, _ j: Int64) -> Int64 { i &* 1_000_003 &+ j }

    func nearHamlet(_ c: Coordinate) -> Bool {
        let i = Int64((c.x / bucket).rounded(.down)), j = Int64((c.y / bucket).rounded(.down))
        for a in (i - 1)...(i + 1) {
            for b in (j - 1)...(j + 1) {
                for h in hamletBuckets[LandUse.key(a, b)] ?? [] where hypot(h.center.x - c.x, h.center.y - c.y) < h.radius + 12 {
                    return true
                }
            }
        }
        return false
    }

    func landClass(grid: ParcelGrid, column: Int, row: Int) -> LandClass {
        let ck = grid.columnKinds[column], rk = grid.rowKinds[row]
        if ck == .road || rk == .road { return .road }
        if ck == .canal || rk == .canal { return .ditch }
        let c = grid.center(column: column, row: row)
        if nearHamlet(c) { return .homestead }
        if hash.unit(1, column, row) < 0.012 { return .pond }
        let x = c.x, y = c.y
        let rise = sin(x / 610 + phases[0]) * sin(y / 470 + phases[1]) + 0.6 * sin((x - y) / 350 + phases[2])
        if rise > 1.05 { return .forest }
        if rise > 0.85 { return .orchard }
        let wet = sin(x / 900 + phases[3]) + cos(y / 800 + phases[4]) + 0.5 * hash.signed(2, column, row)
        return wet > -0.2 ? .paddy : .dry
    }
}
