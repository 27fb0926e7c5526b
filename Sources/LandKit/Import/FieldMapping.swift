import Foundation

/// Maps the property names surveyors and GIS staff use (English, Chinese, 三调 codes) to LandKit's
/// fields; everything else is kept as an attribute.
public enum FieldMapping {
    static let id = ["id", "编号", "宗地编号", "地块编号", "宗地代码", "地块代码", "dkbh", "zdbh", "zddm", "dkbm", "bsm", "标识码"]
    /// Tried, in this order, when a feature has none of the `id` names and no `--id-field` is given:
    /// administrative codes (DataV / 行政区划 GeoJSON), then the object ids GIS tools write.
    /// Unlike `id`, the property is kept as an attribute too.
    static let idFallback = ["adcode", "objectid", "fid", "gid", "ogc_fid"]
    static let village = ["village", "村", "村名", "村委会", "所在村", "cun"]
    static let group = ["group", "组", "村民小组", "小组", "zu"]
    static let landClass = ["land_class", "landclass", "地类编码", "dlbm", "地类代码"]
    static let landClassName = ["land_class_name", "地类名称", "地类", "dlmc", "地块用途"]
    static let owner = ["owner", "权利人", "权利人名称", "qlr", "qlrmc", "权属单位名称", "权属单位", "qsdwmc"]
    static let head = ["head", "household_head", "户主", "户主姓名", "hzxm"]
    static let idCard = ["id_card", "idcard", "身份证号", "身份证号码", "sfzh"]
    static let phone = ["phone", "电话", "联系电话", "手机"]
    static let members = ["members", "人口", "家庭人口", "户籍人口"]
    static let floorArea = ["floor_area_m2", "floor_area", "建筑面积", "房屋面积"]
    static let structure = ["structure", "结构", "房屋结构"]
    static let kind = ["kind", "type", "类型", "类别"]
    static let name = ["name", "名称", "地块名称"]
    static let ownerCompany = ["owner_company", "权属企业", "产权单位", "运维单位"]

    /// The column names recognised for each layer, field by field, for help texts ("id: id, 编号, 宗地编号 …").
    public static func glossary(_ layer: FeatureLayer) -> [(field: String, names: [String])] {
        var fields: [(String, [String])] = [("id", id)]
        switch layer {
        case .parcels:
            fields += [
                ("village", village), ("group", group), ("land class", landClass), ("land class name", landClassName), ("owner", owner),
            ]
        case .buildings:
            fields += [
                ("head of household", head), ("ID number", idCard), ("phone", phone), ("members", members), ("floor area m²", floorArea),
                ("structure", structure), ("village", village), ("group", group),
            ]
        case .utilities:
            fields += [("kind", kind), ("name", name), ("owner company", ownerCompany)]
        }
        return fields
    }

    /// The first `idFallback` property with a value, and where it came from (for the import's warning).
    static func fallbackID(_ props: [FeatureRecord.Property]) -> (id: String, from: String)? {
        for n in idFallback {
            if let p = props.first(where: { $0.key.lowercased() == n }), let t = text(p.value) { return (t, p.key) }
        }
        return nil
    }

    /// Finds the first property whose key matches one of `names` (case-insensitive) and removes it.
    static func take(_ names: [String], from props: inout [FeatureRecord.Property]) -> PropertyValue? {
        for n in names {
            if let i = props.firstIndex(where: { $0.key.lowercased() == n }) {
                return props.remove(at: i).value
            }
        }
        return nil
    }

    static func text(_ v: PropertyValue?) -> String? {
        guard let v else { return nil }
        if case .null = v { return nil }
        var t = Substring(v.text)
        while let f = t.first, f == " " || f == "\t" || f == "\u{3000}" { t.removeFirst() }
        while let l = t.last, l == " " || l == "\t" || l == "\u{3000}" { t.removeLast() }
        return t.isEmpty ? nil : String(t)
    }

    static func number(_ v: PropertyValue?) -> Double? {
        guard let t = text(v) else { return nil }
        return Double(t)
    }

    /// The remaining properties as a JSON object text, or nil when none are left.
    static func attributesJSON(_ props: [FeatureRecord.Property]) -> String? {
        guard !props.isEmpty else { return nil }
        var out = "{"
        for (i, p) in props.enumerated() {
            if i > 0 { out += "," }
            out += jsonString(p.key) + ":"
            switch p.value {
            case .null: out += "null"
            case .bool(let b): out += b ? "true" : "false"
            case .number(let d): out += d.isFinite ? PropertyValue.format(d) : "null"
            case .string(let s): out += jsonString(s)
            }
        }
        return out + "}"
    }

    static func jsonString(_ s: String) -> String { JSONText.quoted(s) }
}
