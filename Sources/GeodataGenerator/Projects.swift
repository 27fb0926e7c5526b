import LandKit

/// A red line (红线) of a project: a polygon, or a centerline with a corridor width.
struct ZoneSpec {
    enum Shape {
        case polygon(Polygon)
        /// A road centreline (EPSG:4544, m) and the corridor's total width (m).
        case centerline([Coordinate], widthMetres: Double)
    }

    var id: String
    var name: String
    var shape: Shape

    var fileName: String { "zones/\(id).geojson" }
}

/// A project of the 2021 work report.
struct ProjectSpec {
    var id: String
    var name: String
    var kind: String
    var due: String
    /// The team that does the land and household work (the `by` of its events).
    var team: String
    var zones: [ZoneSpec]
    /// True for projects whose purpose is moving utilities (they may hold few houses).
    var utilityOnly: Bool = false
}

extension Layout {
    /// The projects of X街道 in the 2021 work report, placed in the study area.
    func projects() -> [ProjectSpec] {
        func line(_ id: String, _ name: String, _ pts: [(Double, Double)], _ width: Double) -> ZoneSpec {
            ZoneSpec(id: id, name: name, shape: .centerline(place(pts), widthMetres: width))
        }
        func area(_ id: String, _ name: String, _ pts: [(Double, Double)], holes: [[(Double, Double)]] = []) -> ZoneSpec {
            ZoneSpec(id: id, name: name, shape: .polygon(Polygon(exterior: ring(pts), holes: holes.map { ring($0) })))
        }
        return [
            ProjectSpec(
                id: "x-ave", name: "X大道", kind: "road", due: "2021-10-31", team: "拆迁一组",
                zones: [line("x-ave-main", "X大道红线", [(0, 2980), (1400, 3010), (2800, 3060)], 60)]),
            ProjectSpec(
                id: "x-ave-ext", name: "X大道延长线", kind: "road", due: "2022-06-30", team: "拆迁一组",
                zones: [line("x-ave-ext-main", "X大道延长线红线", [(2800, 3060), (3600, 3150), (4800, 3320), (6000, 3420)], 80)]),
            ProjectSpec(
                id: "village-roads", name: "村道迁改等“三改”", kind: "road", due: "2021-12-31", team: "拆迁二组",
                zones: [
                    line("village-roads-1", "西峰村村道改线", [(300, 3350), (700, 3500), (1100, 3520)], 12),
                    line("village-roads-2", "西峰村机耕道改线", [(900, 3700), (900, 4300)], 8),
                    line("village-roads-3", "棉丰村村道改线", [(1500, 3300), (1800, 3700), (2300, 3900)], 12),
                ]),
            ProjectSpec(
                id: "xcj-utility", name: "新成简配套强弱电及燃气管道迁改", kind: "utility-relocation", due: "2021-11-30",
                team: "拆迁二组",
                zones: [line("xcj-corridor", "新成简配套管线迁改走廊", [(2200, 150), (2500, 1200), (2950, 2300), (3050, 2850)], 30)],
                utilityOnly: true),
            ProjectSpec(
                id: "airport-clearance", name: "X机场净空区超高电力处置", kind: "clearance-zone", due: "2022-03-31",
                team: "拆迁三组",
                zones: [area("airport-clearance-zone", "X机场净空区处置范围", [(3700, 200), (5800, 200), (5800, 1350), (4100, 1350)])]),
            ProjectSpec(
                id: "hsr-sewage", name: "高铁片区污水处理厂", kind: "facility", due: "2021-09-30", team: "拆迁四组",
                zones: [area("hsr-sewage-site", "污水处理厂用地", [(4250, 3700), (4550, 3700), (4550, 3900), (4480, 3950), (4250, 3950)])]),
            ProjectSpec(
                id: "hsr-west-ave", name: "高铁站西大道南北延长线", kind: "road", due: "2022-03-31", team: "拆迁四组",
                zones: [
                    line("hsr-west-ave-north", "西大道北延线", [(3950, 3400), (3980, 4450)], 40),
                    line("hsr-west-ave-south", "西大道南延线", [(3900, 1600), (3930, 3000)], 40),
                ]),
            ProjectSpec(
                id: "yangan-school-road", name: "阳安中学市政道路", kind: "road", due: "2022-06-30", team: "拆迁四组",
                zones: [line("yangan-school-road-main", "阳安中学市政道路红线", [(4050, 2350), (4700, 2380), (5250, 2330)], 24)]),
            ProjectSpec(
                id: "gaowu-resettlement", name: "高屋安置点", kind: "resettlement-site", due: "2022-03-31", team: "拆迁四组",
                zones: [area("gaowu-site", "高屋安置点用地", [(4950, 2650), (5250, 2650), (5250, 2900), (4950, 2900)])]),
            ProjectSpec(
                id: "hsr-abc", name: "高铁ABC地块", kind: "rail-area", due: "2022-12-31", team: "拆迁四组",
                zones: [
                    area(
                        "hsr-abc-area", "高铁ABC地块范围（保留高屋村林盘）",
                        [(4650, 3550), (5850, 3550), (5850, 4400), (4650, 4400)],
                        holes: [[(5050, 3850), (5050, 4100), (5350, 4100), (5350, 3850)]])
                ]),
            ProjectSpec(
                id: "gangtong-medical", name: "港通医疗集团", kind: "industrial-zone", due: "2021-12-31", team: "拆迁五组",
                zones: [area("gangtong-site", "港通医疗集团项目用地", [(900, 500), (1550, 500), (1600, 1000), (950, 1100)])]),
            ProjectSpec(
                id: "xifeng-eco", name: "西峰X组环保项目", kind: "industrial-zone", due: "2021-12-31", team: "拆迁五组",
                zones: [area("xifeng-eco-site", "西峰X组环保项目用地", [(350, 3750), (650, 3750), (650, 4000), (350, 4000)])]),
        ]
    }

    /// Village seeds (core frame): a village is the set of groups whose seeds are nearest to it.
    static let coreVillages: [(name: String, u: Double, v: Double)] = [
        ("西峰村", 700, 3900), ("棉丰村", 2000, 3100), ("新店村", 3300, 4200), ("高屋村", 5000, 3000),
        ("阳安村", 4500, 2150), ("石桥村", 3100, 900), ("红塔村", 1200, 900), ("白果村", 5300, 600),
        ("双堰村", 2400, 2000), ("桂花村", 600, 2200),
    ]

    /// Hamlets (林盘) the projects need, core frame: centre, number of houses.
    static let projectHamlets: [(u: Double, v: Double, houses: Int)] = [
        (1000, 3001, 16),  // x-ave
        (4200, 3235, 22),  // x-ave-ext
        (700, 3520, 14), (1790, 3700, 12),  // village roads
        (2521, 1250, 10),  // xcj corridor
        (4700, 700, 25), (5400, 1050, 18),  // airport clearance
        (4400, 3825, 12),  // sewage plant
        (3915, 2200, 15), (3965, 4000, 12),  // west avenue extensions
        (4600, 2376, 14),  // Yang'an school road
        (5100, 2775, 12),  // Gaowu resettlement site
        (4900, 3800, 20), (5600, 4200, 16), (5200, 3975, 10),  // hsr-abc, the last in its hole
        (1250, 800, 30),  // Gangtong
        (500, 3875, 16),  // Xifeng eco
    ]

    /// Core-frame positions along the X大道延长线 centerline where an edge household (边线户) straddles the red line.
    static let edgeHouseholdStations: [(u: Double, side: Double)] = [(3300, 1), (4050, -1), (4380, 1), (5300, -1)]
}
