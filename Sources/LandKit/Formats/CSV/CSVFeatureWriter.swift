/// Writes features as CSV: an `id` column, one column per property key (in first-seen order
/// across all features), and a `wkt` column with the geometry. RFC 4180: CRLF line ends,
/// fields quoted when needed.
public enum CSVFeatureWriter {
    /// The CSV text.
    /// - Parameters:
    ///   - features: the features; coordinates are written as stored (WKT, full precision).
    ///   - idColumn: the id column's header.
    ///   - geometryColumn: the WKT column's header.
    public static func text(_ features: [FeatureRecord], idColumn: String = "id", geometryColumn: String = "wkt") -> String {
        let csv = CSVReader()
        var keys: [String] = []
        var seen = Set<String>()
        for f in features {
            for p in f.properties where seen.insert(p.key).inserted { keys.append(p.key) }
        }
        var out = ([idColumn] + keys + [geometryColumn]).map(csv.quote).joined(separator: ",") + "\r\n"
        for f in features {
            var row = [f.id ?? ""]
            for k in keys { row.append(f[property: k]?.text ?? "") }
            row.append(f.geometry.wkt)
            out += row.map(csv.quote).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The CSV bytes in UTF-8 (default) or GBK/GB18030 (for older spreadsheet software).
    public static func write(
        _ features: [FeatureRecord], encoding: TextEncoding = .utf8, idColumn: String = "id", geometryColumn: String = "wkt"
    ) throws(FormatError) -> [UInt8] {
        try TextDecoding.encode(text(features, idColumn: idColumn, geometryColumn: geometryColumn), as: encoding)
    }
}
