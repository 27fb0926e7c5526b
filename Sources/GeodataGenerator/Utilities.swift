import Foundation
import LandKit

/// A power line, substation, telecom cable or gas pipeline.
struct Utility {
    var id: String
    var kind: String
    var name: String
    var ownerCompany: String
    var voltage: String?
    var geometry: Geometry
}

extension Layout {
    /// The utilities of X街道 (EPSG:4544).
    func utilities() -> [Utility] {
        let power = "国网X供电公司", gas = "X燃气公司"
        func line(_ pts: [(Double, Double)]) -> Geometry { .lineString(place(pts)) }
        let xcj: [(Double, Double)] = [(2200, 150), (2500, 1200), (2950, 2300), (3050, 2850)]
        func alongXCJ(_ offset: Double) -> Geometry { .lineString(offsetLine(place(xcj), by: offset)) }
        return [
            Utility(
                id: "SUB-MF", kind: "substation", name: "棉丰变电站", ownerCompany: power, voltage: "35kV",
                geometry: .polygon(Polygon(exterior: rectangle(1880, 3025, 1920, 3055)))),
            Utility(
                id: "PL-MP", kind: "power-line", name: "棉普线", ownerCompany: power, voltage: "10kV",
                geometry: line([(1900, 3040), (1950, 3600), (2100, 4400)])),
            Utility(
                id: "PL-MX", kind: "power-line", name: "10kV棉西线", ownerCompany: power, voltage: "10kV",
                geometry: line([(1880, 3040), (1200, 3200), (300, 3300)])),
            Utility(
                id: "PL-MG", kind: "power-line", name: "10kV棉高线", ownerCompany: power, voltage: "10kV",
                geometry: line([(1920, 3030), (2600, 2700), (3500, 2600), (4900, 2700)])),
            Utility(
                id: "PL-XF", kind: "power-line", name: "10kV西峰线", ownerCompany: power, voltage: "10kV",
                geometry: line([(0, 4150), (1000, 3800), (1450, 3540)])),
            Utility(
                id: "PL-GY", kind: "power-line", name: "10kV高阳线", ownerCompany: power, voltage: "10kV",
                geometry: line([(5400, 4500), (5300, 3000), (5000, 2000), (5100, 0)])),
            Utility(
                id: "PL-CY1", kind: "power-line", name: "220kV成阳一线", ownerCompany: power, voltage: "220kV",
                geometry: line([(3400, 0), (4500, 800), (6000, 1500)])),
            Utility(
                id: "PL-CY2", kind: "power-line", name: "220kV成阳二线", ownerCompany: power, voltage: "220kV",
                geometry: line([(3470, 0), (4560, 760), (6000, 1430)])),
            Utility(
                id: "PL-XCJ", kind: "power-line", name: "新成简配套35kV线路", ownerCompany: power, voltage: "35kV",
                geometry: alongXCJ(-7)),
            Utility(
                id: "TEL-XCJ", kind: "telecom", name: "新成简配套通信管线", ownerCompany: "中国电信X分公司", voltage: nil,
                geometry: alongXCJ(2)),
            Utility(
                id: "GAS-XCJ", kind: "gas-pipeline", name: "新成简配套燃气管道", ownerCompany: gas, voltage: nil,
                geometry: alongXCJ(8)),
            Utility(
                id: "TEL-01", kind: "telecom", name: "电信X大道光缆", ownerCompany: "中国电信X分公司", voltage: nil,
                geometry: line([(0, 2000), (2000, 2100), (6000, 2200)])),
            Utility(
                id: "TEL-02", kind: "telecom", name: "移动棉丰光缆", ownerCompany: "中国移动X分公司", voltage: nil,
                geometry: line([(2600, 4500), (2700, 3200), (2900, 2000)])),
            Utility(
                id: "GAS-01", kind: "gas-pipeline", name: "中压燃气干管", ownerCompany: gas, voltage: nil,
                geometry: line([(4100, 4500), (4150, 3300), (4400, 2000), (4600, 400)])),
            Utility(
                id: "GAS-02", kind: "gas-pipeline", name: "红塔燃气支线", ownerCompany: gas, voltage: nil,
                geometry: line([(0, 1500), (1100, 1200), (1400, 800), (2600, 650)])),
        ]
    }

    /// The polyline moved `offset` metres to its left (negative: right), vertices on the bisectors.
    func offsetLine(_ pts: [Coordinate], by offset: Double) -> [Coordinate] {
        func normal(_ a: Coordinate, _ b: Coordinate) -> (Double, Double) {
            let dx = b.x - a.x, dy = b.y - a.y, l = hypot(dx, dy)
            return (-dy / l, dx / l)
        }
        return pts.indices.map { i in
            let n0 = i > 0 ? normal(pts[i - 1], pts[i]) : normal(pts[i], pts[i + 1])
            let n1 = i < pts.count - 1 ? normal(pts[i], pts[i + 1]) : n0
            var nx = n0.0 + n1.0, ny = n0.1 + n1.1
            let l = hypot(nx, ny)
            nx /= l
            ny /= l
            let cosHalf = nx * n0.0 + ny * n0.1
            let d = offset / max(cosHalf, 0.5)
            return Centimetres(Coordinate(pts[i].x + nx * d, pts[i].y + ny * d)).coordinate
        }
    }
}
