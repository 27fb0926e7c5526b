import Foundation
import LandKit

/// One 地块 of a 勘测定界 coordinate file.
struct SurveyPlot {
    var id: String
    var name: String
    var use: String
    var classCode: String
    /// Outer ring first, then holes; EPSG:4544 metres, closed.
    var rings: [[Coordinate]]
    var areaHectares: Double
}

/// Writes the land survey coordinate exchange format ("国土TXT", geo.md): X = northing, Y = easting
/// with the zone prefix 35, three decimals, closed rings, areas in hectares with four decimals.
enum SurveyTXT {
    static func text(_ parcels: [SurveyPlot], date: String, lineEnding: String) -> String {
        var lines = [
            "[属性描述]", "格式版本号=1.01版本", "数据产生单位=X测绘有限公司", "数据产生日期=\(date)", "坐标系=2000国家大地坐标系",
            "几度分带=3", "投影类型=高斯克吕格", "计量单位=米", "带号=35", "精度=0.001", "转换参数=,,,,,,", "[地块坐标]",
        ]
        for p in parcels {
            let points = p.rings.reduce(0) { $0 + $1.count }
            lines.append("\(points),\(Text.fixed(p.areaHectares, 4)),\(p.id),\(p.name),面,,\(p.use),\(p.classCode),@")
            var label = 0
            for (ringIndex, ring) in p.rings.enumerated() {
                let first = label + 1
                for (k, c) in ring.enumerated() {
                    let name: Int
                    if k == ring.count - 1 && ring.count > 1 && ring[0] == c {
                        name = first
                    } else {
                        label += 1
                        name = label
                    }
                    lines.append("J\(name),\(ringIndex + 1),\(Text.fixed(c.y, 3)),\(Text.fixed(c.x + 35_000_000, 3))")
                }
            }
        }
        return lines.joined(separator: lineEnding) + lineEnding
    }

    /// Writes `text` as GBK by piping it through /usr/bin/iconv.
    static func writeGBK(_ text: String, to path: String) throws {
        let source = path + ".utf8.tmp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: source))
        defer { try? FileManager.default.removeItem(atPath: source) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        p.arguments = ["-f", "UTF-8", "-t", "GBK", "-o", path, source]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw GeneratorError("iconv could not convert \(path) to GBK (status \(p.terminationStatus))")
        }
    }
}
