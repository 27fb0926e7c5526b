import Foundation

/// Colours, symbols and names the map and the dashboard share.
public enum MapStyle {
    /// Viridis (matplotlib's perceptually uniform palette, readable with the common colour-vision
    /// deficiencies and in grey) at nine evenly spaced points.
    static let viridis: [(Double, Double, Double)] = [
        (68, 1, 84), (71, 45, 123), (59, 82, 139), (44, 114, 142), (33, 145, 140),
        (40, 174, 128), (94, 201, 98), (173, 220, 48), (253, 231, 37),
    ]

    /// The colour of stage `order` of `count` stages, in every map, dashboard and QGIS style: light
    /// yellow for the first stage (nothing done) to dark purple for the last (done), evenly spaced
    /// along viridis so neighbouring stages differ in lightness.
    public static func stageRGB(order: Int, count: Int) -> (Int, Int, Int) {
        let t = count > 1 ? 1 - Double(order) / Double(count - 1) : 1
        let x = t * Double(viridis.count - 1)
        let i = min(Int(x), viridis.count - 2)
        let f = x - Double(i)
        let (a, b) = (viridis[i], viridis[i + 1])
        func mix(_ p: Double, _ q: Double) -> Int { Int((p + (q - p) * f).rounded()) }
        return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    static func hex(_ c: (Int, Int, Int)) -> String { String(format: "#%02x%02x%02x", c.0, c.1, c.2) }

    /// Land stages, pending → handed-over (``stageRGB(order:count:)``).
    public static let landColours = EntityKind.parcel.stages.map { hex(stageRGB(order: $0.order, count: EntityKind.parcel.stages.count)) }
    /// Household stages, pending → demolished; demolished houses are drawn as a dark cross.
    public static let householdColours = EntityKind.household.stages.map {
        hex(stageRGB(order: $0.order, count: EntityKind.household.stages.count))
    }
    public static let redLine = "#d7191c"
    public static let blocked = "#f07c00"
    /// Section (标段) outlines and names: a dark teal that is none of the stage colours.
    public static let section = "#00535c"
    public static let demolished = "#252525"
    public static let utilityOpen = "#1f5fa8"
    public static let utilityRelocated = "#8a9a8c"
    /// A font stack that renders Chinese on Linux, Windows and macOS without downloading anything.
    public static let fontFamily =
        "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei','PingFang SC',sans-serif"

    /// The fill of a parcel at `stage`.
    public static func landColour(_ stage: Stage) -> String {
        landColours[min(stage.order, landColours.count - 1)]
    }

    /// The fill of a house marker at `stage`.
    public static func householdColour(_ stage: Stage) -> String {
        householdColours[min(stage.order, householdColours.count - 1)]
    }
}
