/// Colours, symbols and names the map and the dashboard share.
public enum MapStyle {
    /// Land stages, pending → handed-over: a sequential yellow–green palette (ColorBrewer YlGn 7),
    /// light for "nothing done", dark for "handed over".
    public static let landColours = ["#f7f4c8", "#d9f0a3", "#addd8e", "#78c679", "#41ab5d", "#238443", "#005a32"]
    /// Household stages before demolition (pending, inventoried, agreed, vacated): light → dark purple.
    /// Demolished houses are drawn as a dark cross instead.
    public static let householdColours = ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#6a51a3", "#252525"]
    public static let redLine = "#d7191c"
    public static let blocked = "#f07c00"
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
