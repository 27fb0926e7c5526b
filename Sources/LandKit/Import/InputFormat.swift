import Foundation

/// The kinds of feature files LandKit reads and writes.
public enum FeatureFileFormat: String, CaseIterable, Sendable, Codable {
    /// GeoJSON FeatureCollection (RFC 7946 lon/lat unless a legacy "crs" member says otherwise).
    case geojson
    /// The land survey coordinate exchange file (国土TXT, 勘测定界/报批).
    case txt
    /// CSV with a WKT column or x/y columns.
    case csv

    /// Guesses the format from the extension, then from the first bytes.
    /// - Throws: `FormatError` when neither tells.
    public static func guess(path: String) throws(FormatError) -> FeatureFileFormat {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "geojson", "json": return .geojson
        case "txt": return .txt
        case "csv": return .csv
        default: break
        }
        guard let h = FileHandle(forReadingAtPath: path) else { throw FormatError("cannot open the file", file: path) }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 4096)) ?? Data()
        guard !head.isEmpty else { throw FormatError("the file is empty", file: path) }
        var bytes = [UInt8](head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }), first == UInt8(ascii: "{") {
            return .geojson
        }
        // "[属性描述]" / "[地块坐标]" in UTF-8 or GBK both start with '['.
        if bytes.first == UInt8(ascii: "[") { return .txt }
        if let text = String(bytes: bytes.prefix(while: { $0 != 0x0A }), encoding: .utf8), text.contains(",") { return .csv }
        throw FormatError("cannot tell the file format from its name or content: pass --format geojson|txt|csv", file: path)
    }
}

/// The datum of lon/lat coordinates captured with phone map apps.
public enum LonLatDatum: String, CaseIterable, Sendable, Codable {
    /// GPS / WGS 84 (taken as CGCS2000; they agree to a few cm).
    case wgs84
    /// Amap / Tencent "Mars" coordinates.
    case gcj02
    /// Baidu coordinates.
    case bd09

    /// The WGS 84 position of a coordinate in this datum.
    public func toWGS84(_ c: Coordinate) -> Coordinate {
        switch self {
        case .wgs84: c
        case .gcj02: ChinaOffsets.wgs84(fromGCJ02: c)
        case .bd09: ChinaOffsets.wgs84(fromBD09: c)
        }
    }
}

/// Which feature table an import or export is about.
public enum FeatureLayer: String, CaseIterable, Sendable, Codable {
    case parcels
    case buildings
    case utilities
}
