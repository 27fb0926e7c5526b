import Foundation

/// A land survey coordinate exchange file ("国土TXT", 勘测定界/报批 坐标交换文件) as written:
/// header keys in file order, extra sections, and parcels with their rings of boundary points.
///
/// Coordinates are kept as the file has them: `x` the northing (X, metres) and `y` the easting
/// (Y, metres, usually with the zone prefix). ``features(crs:file:)`` turns parcels into
/// features in (easting, northing) order and decides the CRS.
public struct SurveyFile: Hashable, Sendable {
    /// One `key=value` line of the `[属性描述]` section.
    public struct HeaderField: Hashable, Sendable {
        public var key: String
        public var value: String
        /// 1-based line number, nil for fields made in code.
        public var line: Int?

        public init(key: String, value: String, line: Int? = nil) {
            self.key = key
            self.value = value
            self.line = line
        }
    }

    /// A section other than `[属性描述]` and `[地块坐标]`, kept verbatim.
    public struct Section: Hashable, Sendable {
        public var name: String
        public var lines: [String]

        public init(name: String, lines: [String]) {
            self.name = name
            self.lines = lines
        }
    }

    /// Header fields in file order, unknown keys included.
    public var header: [HeaderField]
    /// Sections other than the header and the parcels, in file order.
    public var extraSections: [Section]
    public var parcels: [SurveyParcel]

    public init(header: [HeaderField] = [], extraSections: [Section] = [], parcels: [SurveyParcel] = []) {
        self.header = header
        self.extraSections = extraSections
        self.parcels = parcels
    }

    /// The value of the first header key equal to `key`.
    public func headerValue(_ key: String) -> String? {
        header.first { $0.key == key }?.value
    }

    /// The zone width in degrees from 几度分带 / 分带 (e.g. "3", "3度带"), or nil.
    public var zoneWidth: Int? {
        guard let f = header.first(where: { $0.key.contains("分带") }) else { return nil }
        return Int(f.value.prefix { $0.isASCII && $0.isNumber })
    }

    /// The zone number from 带号 (also spelled 投影带号), or else from a central meridian key
    /// (中央子午线 / 中央经线, degrees: 105 → zone 35 for 3° zones); nil when empty or absent.
    public var zoneNumber: Int? {
        if let f = header.first(where: { $0.key.hasSuffix("带号") }) {
            let v = f.value.trimmingCharacters(in: .whitespaces)
            if let z = Int(v) { return z }
        }
        if let f = header.first(where: { $0.key.hasPrefix("中央") }),
            let m = Double(f.value.trimmingCharacters(in: .whitespaces).filter { $0.isASCII && ($0.isNumber || $0 == ".") }),
            m == m.rounded(), Int(m) % (zoneWidth ?? 3) == 0
        {
            return (zoneWidth ?? 3) == 6 ? (Int(m) + 3) / 6 : Int(m) / 3
        }
        return nil
    }

    /// The standard header block for a CGCS2000 3° zone file, in spec order.
    public static func standardHeader(zone: Int?, producer: String = "", date: String = "") -> [HeaderField] {
        [
            .init(key: "格式版本号", value: "1.01版本"),
            .init(key: "数据产生单位", value: producer),
            .init(key: "数据产生日期", value: date),
            .init(key: "坐标系", value: "2000国家大地坐标系"),
            .init(key: "几度分带", value: "3"),
            .init(key: "投影类型", value: "高斯克吕格"),
            .init(key: "计量单位", value: "米"),
            .init(key: "带号", value: zone.map(String.init) ?? ""),
            .init(key: "精度", value: "0.001"),
            .init(key: "转换参数", value: ",,,,,,"),
        ]
    }
}

/// One parcel (地块) of a survey file: its header fields by position and its rings.
public struct SurveyParcel: Hashable, Sendable {
    /// Header field positions (0-based) in the spec order; positions 8–12 are the extended order.
    public enum Field: Int, CaseIterable, Sendable {
        case pointCount = 0  // 界址点数
        case areaHectares  // 地块面积 (公顷)
        case code  // 地块编号
        case name  // 地块名称
        case shapeKind  // 记录图形属性 (面 / 线)
        case sheet  // 图幅号
        case use  // 地块用途
        case landClassCode  // 地类编码
        case patchType  // 图斑类型 (extended)
        case landClass  // 地类 (extended)
        case qualityBefore  // 改造前质量等别 (extended)
        case qualityAfter  // 改造后质量等别 (extended)
        case remark  // 备注 (extended)

        /// The field's Chinese name, used as the property key of features.
        public var key: String {
            [
                "界址点数", "地块面积", "地块编号", "地块名称", "记录图形属性", "图幅号", "地块用途", "地类编码",
                "图斑类型", "地类", "改造前质量等别", "改造后质量等别", "备注",
            ][rawValue]
        }
    }

    /// Header fields as written, by position (the text before `@`, split at commas).
    public var fields: [String]
    public var rings: [SurveyRing]
    /// 1-based line of the parcel header, nil for parcels made in code.
    public var line: Int?

    public init(fields: [String], rings: [SurveyRing], line: Int? = nil) {
        self.fields = fields
        self.rings = rings
        self.line = line
    }

    /// The field at `f`, trimmed; nil when absent or empty.
    public subscript(_ f: Field) -> String? {
        guard f.rawValue < fields.count else { return nil }
        let v = fields[f.rawValue].trimmingCharacters(in: .whitespaces)
        return v.isEmpty ? nil : v
    }

    /// 地块编号, or nil.
    public var code: String? { self[.code] }
    /// 地块面积 in hectares as stated, or nil.
    public var statedAreaHectares: Double? { self[.areaHectares].flatMap(Double.init) }
    /// 界址点数 as stated, or nil.
    public var statedPointCount: Int? { self[.pointCount].flatMap { Int($0) } }
}

/// One ring of boundary points as written (圈号 and points in order; closing point kept if written).
public struct SurveyRing: Hashable, Sendable {
    /// 圈号 as written (1 outer, others holes or parts; 0 in some files for extra parts).
    public var number: Int
    public var points: [SurveyPoint]

    public init(number: Int, points: [SurveyPoint]) {
        self.number = number
        self.points = points
    }
}

/// One boundary point (界址点) line: 点号, 圈号, X (northing, m), Y (easting, m).
public struct SurveyPoint: Hashable, Sendable {
    /// 点号 as written ("J12" or "12").
    public var name: String
    public var ring: Int
    /// X: northing in metres.
    public var northing: Double
    /// Y: easting in metres, as written (with or without the zone prefix).
    public var easting: Double
    /// 1-based line, nil for points made in code.
    public var line: Int?

    public init(name: String, ring: Int, northing: Double, easting: Double, line: Int? = nil) {
        self.name = name
        self.ring = ring
        self.northing = northing
        self.easting = easting
        self.line = line
    }
}
