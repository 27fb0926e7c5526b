import Foundation
import LandKit

/// A hamlet (林盘): a cluster of houses among the fields.
struct Hamlet {
    var center: Coordinate
    var houses: Int
    /// Houses are placed within this distance of the centre (m).
    var radius: Double { 15 * Double(houses).squareRoot() + 20 }
}

/// One house and the household living in it.
struct Household {
    var id: String
    var footprint: Polygon
    var head: String
    var idCard: String
    var phone: String
    var members: Int
    var floors: Int
    var floorAreaSquareMetres: Double
    var structure: String
    var village: String
    var group: String
}

/// Fictional people: common surnames and given names, well-formed but invented ID-card and phone numbers.
enum People {
    static let surnames = Array("李王张刘陈杨黄周吴赵徐孙罗何胡郭谢曾邓冯唐蒋朱马高林彭袁")
    static let maleGiven = [
        "德明", "建国", "志强", "国华", "文军", "永富", "正清", "光荣", "家福", "树林", "德华", "明亮", "泽民", "长春",
        "云峰", "学军", "海波", "勇", "伟", "强", "福贵", "世友", "成刚", "开云", "兴华", "万全", "少平", "洪",
    ]
    static let femaleGiven = [
        "秀英", "桂兰", "玉珍", "淑芬", "素华", "金凤", "秀兰", "丽", "琼", "春梅", "晓燕", "明芳", "德芬", "桂芳", "莉",
        "素琼", "淑华", "玉兰", "小红", "建英",
    ]
    static let districts = ["12", "13", "14", "15", "21", "24", "32"]
    static let phonePrefixes = ["133", "135", "136", "138", "139", "150", "151", "158", "180", "181", "189", "199"]

    /// ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID-card number.
    static func checkCharacter(_ digits17: String) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (d, w) in zip(digits17, weights) { sum += (d.wholeNumberValue ?? 0) * w }
        return Array("10X98765432")[sum % 11]
    }

    static func person(_ rng: inout SplitMix64) -> (name: String, idCard: String, phone: String) {
        let male = rng.chance(0.78)
        let name = "\(rng.pick(surnames))\(rng.pick(male ? maleGiven : femaleGiven))"
        let year = rng.int(1938...1990), month = rng.int(1...12), day = rng.int(1...28)
        var seq = rng.int(0...99) * 10 + rng.int(0...4) * 2
        if male { seq += 1 }
        let body = "5101\(rng.pick(districts))" + Text.pad(year, 4) + Text.pad(month, 2) + Text.pad(day, 2) + Text.pad(seq, 3)
        let phone = rng.pick(phonePrefixes) + Text.pad(rng.int(0...99_999_999), 8)
        return (name, body + String(checkCharacter(body)), phone)
    }
}

/// Places hamlets and houses.
struct HouseholdPlanner {
    let extent: Envelope
    let layout: Layout
    let seed: UInt64

    /// The project hamlets plus hamlets on a jittered 700 m lattice (about 70 % of the cells).
    func hamlets() -> [Hamlet] {
        var out = Layout.projectHamlets.map { Hamlet(center: layout.place($0.u, $0.v), houses: $0.houses) }
        let forced = out.map(\.center)
        let hash = PositionHash(seed: SplitMix64.mix(seed ^ 0x6861_6d6c))
        let step = 700.0
        let nx = Int((extent.width / step).rounded(.down)), ny = Int((extent.height / step).rounded(.down))
        for j in 0..<ny {
            for i in 0..<nx where hash.unit(1, i, j) < 0.7 {
                let c = Coordinate(
                    extent.minX + (Double(i) + 0.5 + 0.3 * hash.signed(2, i, j)) * step,
                    extent.minY + (Double(j) + 0.5 + 0.3 * hash.signed(3, i, j)) * step)
                if forced.contains(where: { hypot($0.x - c.x, $0.y - c.y) < 350 }) { continue }
                out.append(Hamlet(center: c, houses: 10 + Int(hash.unit(4, i, j) * 31)))
            }
        }
        return out
    }

    /// Houses of all hamlets plus the designated edge households of the avenue extension.
    /// - Parameters:
    ///   - edgeHouses: footprints placed first, whatever `accept` says (the avenue extension's edge
    ///     households, a house on a village road's line).
    ///   - accept: decides whether a candidate footprint may be kept (e.g. it must not straddle
    ///     the avenue extension's red line, so that exactly the designated houses are edge households).
    func households(
        hamlets: [Hamlet], edgeHouses: [Polygon], villages: Villages, accept: (Polygon) throws -> Bool
    ) rethrows -> [Household] {
        var rng = SplitMix64.derived(seed: seed, "households")
        var footprints: [Polygon] = []
        var placed: [Int64: [(Coordinate, Double)]] = [:]
        let cell = 50.0
        func key(_ i: Int64, _ j: Int64) -> Int64 { i &* 1_000_003 &+ j }
        func free(_ c: Coordinate, _ r: Double) -> Bool {
            let i = Int64((c.x / cell).rounded(.down)), j = Int64((c.y / cell).rounded(.down))
            for a in (i - 1)...(i + 1) {
                for b in (j - 1)...(j + 1) {
                    for (o, ro) in placed[key(a, b)] ?? [] where hypot(o.x - c.x, o.y - c.y) < r + ro { return false }
                }
            }
            return true
        }
        func add(_ p: Polygon, _ c: Coordinate, _ r: Double) {
            footprints.append(p)
            placed[key(Int64((c.x / cell).rounded(.down)), Int64((c.y / cell).rounded(.down))), default: []].append((c, r))
        }
        func rectangle(_ c: Coordinate, _ w: Double, _ h: Double, _ angle: Double) -> Polygon {
            let ca = cos(angle), sa = sin(angle)
            let corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)].map { dx, dy in
                Centimetres(Coordinate(c.x + dx * ca - dy * sa, c.y + dx * sa + dy * ca)).coordinate
            }
            return Polygon(exterior: corners + [corners[0]])
        }
        for p in edgeHouses {
            let e = Geometry.polygon(p).envelope ?? Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
            add(p, Coordinate((e.minX + e.maxX) / 2, (e.minY + e.maxY) / 2), hypot(e.width, e.height) / 2 + 1.5)
        }
        for hamlet in hamlets {
            let baseAngle = rng.chance(0.7) ? 0 : rng.uniform(-0.45, 0.45)
            var made = 0
            var attempts = 0
            while made < hamlet.houses && attempts < hamlet.houses * 25 {
                attempts += 1
                let d = hamlet.radius * rng.unit().squareRoot(), t = rng.uniform(0, 2 * Double.pi)
                let c = Coordinate(hamlet.center.x + d * cos(t), hamlet.center.y + d * sin(t))
                let w = rng.uniform(10, 20), h = rng.uniform(8, 14)
                let angle = baseAngle + (rng.chance(0.3) ? rng.uniform(-0.7, 0.7) : 0)
                let r = hypot(w, h) / 2 + 1.5
                guard c.x - r > extent.minX, c.x + r < extent.maxX, c.y - r > extent.minY, c.y + r < extent.maxY else { continue }
                guard free(c, r) else { continue }
                let p = rectangle(c, w, h, angle)
                guard try accept(p) else { continue }
                add(p, c, r)
                made += 1
            }
        }
        let width = max(4, String(footprints.count).count)
        var out: [Household] = []
        out.reserveCapacity(footprints.count)
        for (n, p) in footprints.enumerated() {
            let person = People.person(&rng)
            let structure = ["砖混", "砖木", "框架", "简易"][rng.weighted([0.45, 0.22, 0.15, 0.18])]
            let floors: Int
            switch structure {
            case "简易": floors = 1
            case "砖木": floors = rng.int(1...2)
            case "框架": floors = rng.int(2...4)
            default: floors = rng.int(1...3)
            }
            let members = [1, 2, 3, 4, 5, 6, 7][rng.weighted([5, 20, 25, 25, 15, 7, 3])]
            let footprintArea = PlanarArea.of(.polygon(p))
            let center = Coordinate(
                p.exterior.dropLast().reduce(0) { $0 + $1.x } / 4, p.exterior.dropLast().reduce(0) { $0 + $1.y } / 4)
            let place = villages.place(at: center)
            out.append(
                Household(
                    id: "H-" + Text.pad(n + 1, width), footprint: p, head: person.name, idCard: person.idCard,
                    phone: person.phone, members: members, floors: floors,
                    floorAreaSquareMetres: (footprintArea * Double(floors) * 10).rounded() / 10, structure: structure,
                    village: place.village, group: place.group))
        }
        return out
    }
}
