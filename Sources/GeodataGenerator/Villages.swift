import LandKit

/// Villages (村) and their groups (组). Groups are the cells of a jittered 700 m lattice; each
/// group belongs to the village whose seed is nearest, so village boundaries follow group
/// boundaries. Lookups touch a 3 × 3 block of the lattice only.
struct Villages {
    struct Group {
        var center: Coordinate
        var village: Int
        var number: Int
    }

    static let spacing = 700.0
    private static let extraNames: [String] = {
        let first = Array("石新白龙桂金柏双大五青清永长三复平安福兴太宝凤鹤")
        let second = Array("桥店果泉花星林堰塘山坝湾河岭沟寺庙湖田")
        var out: [String] = []
        for a in first { for b in second { out.append("\(a)\(b)村") } }
        return out
    }()

    let names: [String]
    private let seeds: [Coordinate]
    private let origin: Coordinate
    private let nx: Int
    private let ny: Int
    private var groups: [Group]

    init(extent: Envelope, layout: Layout, seed: UInt64) {
        var names: [String] = []
        var seeds: [Coordinate] = []
        for v in Layout.coreVillages {
            names.append(v.name)
            seeds.append(layout.place(v.u, v.v))
        }
        // Land beyond the core (benchmark sets) gets villages on a jittered 2.5 km lattice.
        let core = Envelope(
            minX: layout.coreOrigin.x - 800, minY: layout.coreOrigin.y - 800,
            maxX: layout.coreOrigin.x + layout.scale * Layout.coreWidth + 800,
            maxY: layout.coreOrigin.y + layout.scale * Layout.coreHeight + 800)
        let hash = PositionHash(seed: SplitMix64.mix(seed ^ 0x7669_6c6c))
        let step = 2_500.0
        let vx = Int((extent.width / step).rounded(.up)), vy = Int((extent.height / step).rounded(.up))
        var used = Set(names)
        var nameIndex = 0
        for j in 0..<vy {
            for i in 0..<vx {
                let c = Coordinate(
                    extent.minX + (Double(i) + 0.5 + 0.3 * hash.signed(1, i, j)) * step,
                    extent.minY + (Double(j) + 0.5 + 0.3 * hash.signed(2, i, j)) * step)
                if c.x > core.minX && c.x < core.maxX && c.y > core.minY && c.y < core.maxY { continue }
                if c.x < extent.minX || c.x > extent.maxX || c.y < extent.minY || c.y > extent.maxY { continue }
                var name = ""
                repeat {
                    let base = Villages.extraNames[nameIndex % Villages.extraNames.count]
                    let round = nameIndex / Villages.extraNames.count
                    name = round == 0 ? base : "\(base.dropLast())\(round + 1)村"
                    nameIndex += 1
                } while used.contains(name)
                used.insert(name)
                names.append(name)
                seeds.append(c)
            }
        }
        self.names = names
        self.seeds = seeds
        origin = Coordinate(extent.minX, extent.minY)
        nx = max(1, Int((extent.width / Villages.spacing).rounded(.up)))
        ny = max(1, Int((extent.height / Villages.spacing).rounded(.up)))
        var groups: [Group] = []
        groups.reserveCapacity(nx * ny)
        for j in 0..<ny {
            for i in 0..<nx {
                let c = Coordinate(
                    origin.x + (Double(i) + 0.5 + 0.35 * hash.signed(3, i, j)) * Villages.spacing,
                    origin.y + (Double(j) + 0.5 + 0.35 * hash.signed(4, i, j)) * Villages.spacing)
                var best = 0
                var bestD = Double.infinity
                for (k, s) in seeds.enumerated() {
                    let d = (s.x - c.x) * (s.x - c.x) + (s.y - c.y) * (s.y - c.y)
                    if d < bestD {
                        bestD = d
                        best = k
                    }
                }
                groups.append(Group(center: c, village: best, number: 0))
            }
        }
        // Number each village's groups 1, 2, … from north-west to south-east.
        let columns = nx, unnumbered = groups
        let order = groups.indices.sorted { a, b in
            let ga = unnumbered[a], gb = unnumbered[b]
            if ga.village != gb.village { return ga.village < gb.village }
            let ra = a / columns, rb = b / columns
            if ra != rb { return ra > rb }
            return a < b
        }
        var counter = [Int](repeating: 0, count: seeds.count)
        for g in order {
            counter[groups[g].village] += 1
            groups[g].number = counter[groups[g].village]
        }
        self.groups = groups
    }

    /// The group whose lattice seed is nearest to `p`.
    func group(at p: Coordinate) -> Group {
        let ci = Int(((p.x - origin.x) / Villages.spacing).rounded(.down))
        let cj = Int(((p.y - origin.y) / Villages.spacing).rounded(.down))
        var best = groups[0]
        var bestD = Double.infinity
        for j in (cj - 1)...(cj + 1) where j >= 0 && j < ny {
            for i in (ci - 1)...(ci + 1) where i >= 0 && i < nx {
                let g = groups[j * nx + i]
                let d = (g.center.x - p.x) * (g.center.x - p.x) + (g.center.y - p.y) * (g.center.y - p.y)
                if d < bestD {
                    bestD = d
                    best = g
                }
            }
        }
        return best
    }

    /// Village name and group label ("3组") at a position.
    func place(at p: Coordinate) -> (village: String, group: String) {
        let g = group(at: p)
        return (names[g.village], "\(g.number)组")
    }
}
