import Foundation

/// Reads features from a CSV file with a header row: geometry from a WKT column (header `wkt`,
/// `geometry`, `geom`, any case) or from a pair of coordinate columns giving points (`x`/`y`,
/// `lon`/`lat`, `lng`/`lat`, `longitude`/`latitude`, `经度`/`纬度`); an id column by name; every
/// other column becomes a string property (empty cells are `null`).
///
/// Coordinates are taken as written: (x, y) = (easting, northing) or (longitude, latitude); the
/// caller decides the CRS (see ``CoordinateSanity``). Rows with bad geometry become error
/// diagnostics and are skipped.
public enum CSVFeatureReader {
    /// Header names recognised as a WKT column (compared case-insensitively).
    public static let wktColumns = ["wkt", "geometry", "geom", "the_geom", "shape"]
    /// Coordinate column pairs, in order of preference (compared case-insensitively).
    public static let coordinateColumns: [(String, String)] = [
        ("x", "y"), ("lon", "lat"), ("lng", "lat"), ("longitude", "latitude"), ("经度", "纬度"),
    ]
    /// Id column names tried when none is given.
    public static let defaultIDColumns = ["id", "编号", "ID"]

    /// Reads features.
    /// - Parameters:
    ///   - bytes: the whole file (UTF-8 or GBK).
    ///   - file: the file name for messages.
    ///   - idField: the id column (`--id-field`); nil tries id / 编号 / ID.
    ///   - delimiter: the field separator.
    ///   - encoding: the text encoding (`--encoding`); nil detects UTF-8 or GBK.
    /// - Returns: the features and the per-row diagnostics.
    /// - Throws: `FormatError` when the file is empty, not text (or mixes encodings), has no
    ///   header, or has no geometry columns, or when `idField` names a column that does not exist.
    public static func read(
        _ bytes: some Collection<UInt8>, file: String? = nil, idField: String? = nil, delimiter: Character = ",",
        encoding: TextEncoding? = nil
    ) throws(FormatError) -> (features: [FeatureRecord], diagnostics: [Diagnostic]) {
        let (records, _) = try CSVReader(delimiter: delimiter).records(bytes, file: file, encoding: encoding)
        return try features(records, file: file, idField: idField)
    }

    /// Features from parsed records (the first is the header).
    public static func features(_ records: [CSVRecord], file: String? = nil, idField: String? = nil) throws(FormatError) -> (
        features: [FeatureRecord], diagnostics: [Diagnostic]
    ) {
        guard let header = records.first else { throw FormatError("the CSV file has no header row", file: file) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let lower = names.map { $0.lowercased() }
        func column(_ name: String) -> Int? { lower.firstIndex(of: name.lowercased()) }

        let wkt = wktColumns.lazy.compactMap(column).first
        var xy: (Int, Int)?
        if wkt == nil {
            for (a, b) in coordinateColumns {
                if let x = column(a), let y = column(b) {
                    xy = (x, y)
                    break
                }
            }
        }
        guard wkt != nil || xy != nil else {
            throw FormatError(
                "no geometry column: expected a wkt/geometry/geom column or x/y, lon/lat, longitude/latitude or 经度/纬度 columns (found: \(names.joined(separator: ", ")))",
                file: file, line: header.line)
        }
        let idColumn: Int?
        if let idField {
            guard let c = names.firstIndex(of: idField) ?? column(idField) else {
                throw FormatError(
                    "the id column \"\(idField)\" is not in the header (found: \(names.joined(separator: ", ")))", file: file,
                    line: header.line)
            }
            idColumn = c
        } else {
            idColumn = defaultIDColumns.lazy.compactMap { n in names.firstIndex(of: n) }.first
        }
        let geometryColumns = Set([wkt, xy?.0, xy?.1].compactMap { $0 })

        var features: [FeatureRecord] = []
        var diags: [Diagnostic] = []
        for r in records.dropFirst() {
            let id = idColumn.flatMap { $0 < r.fields.count ? r.fields[$0] : nil }.flatMap { $0.isEmpty ? nil : $0 }
            if r.fields.count != names.count {
                diags.append(
                    Diagnostic(
                        .warning, "row has \(r.fields.count) fields, the header \(names.count)", file: file, line: r.line, feature: id))
            }
            func cell(_ c: Int) -> String { c < r.fields.count ? r.fields[c].trimmingCharacters(in: .whitespaces) : "" }
            let geometry: Geometry
            if let wkt {
                let text = cell(wkt)
                guard !text.isEmpty else {
                    diags.append(Diagnostic(.error, "empty geometry", file: file, line: r.line, feature: id))
                    continue
                }
                do {
                    geometry = try Geometry(wkt: text)
                } catch {
                    diags.append(Diagnostic(.error, error.message, file: file, line: r.line, feature: id))
                    continue
                }
            } else if let (xc, yc) = xy {
                guard let x = Double(cell(xc)), let y = Double(cell(yc)), x.isFinite, y.isFinite else {
                    diags.append(
                        Diagnostic(
                            .error, "coordinates \"\(cell(xc))\", \"\(cell(yc))\" are not numbers", file: file, line: r.line, feature: id))
                    continue
                }
                geometry = .point(Coordinate(x: x, y: y))
            } else {
                continue
            }
            var props: [FeatureRecord.Property] = []
            for (c, name) in names.enumerated() where c != idColumn && !geometryColumns.contains(c) {
                let v = c < r.fields.count ? r.fields[c] : ""
                props.append(.init(name, v.isEmpty ? .null : .string(v)))
            }
            features.append(FeatureRecord(id: id, geometry: geometry, properties: props, sourceLine: r.line))
        }
        return (features, diags)
    }
}
