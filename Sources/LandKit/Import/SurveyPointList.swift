import Foundation

/// A surveyor's point list — rows of 点号, X, Y (X = northing, Y = easting, as Chinese surveyors
/// write them), optionally with 圈号 (ring number) — read as one parcel whose boundary joins the
/// points in file order (`--points-to-polygon`).
///
/// Accepted layouts: a header row naming the columns (点号/点名/name, 圈号/ring, X/北坐标, Y/东坐标),
/// or no header with 3 fields (点号, X, Y), 4 fields (点号, 圈号, X, Y as in the survey TXT) or 2
/// fields (X, Y). Fields are separated by commas (also "，"), tabs or spaces. Rings get the survey
/// TXT reader's checks (≥ 3 distinct points, closed automatically with a warning, non-zero area);
/// outer rings and holes are decided by containment.
enum SurveyPointList {
    /// - Parameters:
    ///   - bytes: the whole file (UTF-8 or GBK).
    ///   - id: the parcel id (the file name without extension unless `--id-field`… names one).
    ///   - file: the file name for messages.
    /// - Returns: the parcel (coordinates (easting, northing) as written, CRS decided later) and diagnostics.
    /// - Throws: `FormatError` when the file is not text or holds no usable ring.
    static func read(_ bytes: [UInt8], id: String, file: String?) throws(FormatError) -> (FeatureRecord?, [Diagnostic]) {
        let text = try TextDecoding.decode(bytes, file: file).text
        var diags: [Diagnostic] = []
        var columns: (name: Int?, ring: Int?, x: Int, y: Int)?
        var rings: [(number: Int, line: Int, points: [Coordinate])] = []
        var firstLine: Int?
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = n + 1
            let fields = line.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "\t" || $0 == " " || $0 == ";" }).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if fields.isEmpty { continue }
            if columns == nil {
                let numbers = fields.filter { Double($0) != nil }.count
                if numbers < 2 {
                    // A header row: find the columns by name.
                    let lower = fields.map { $0.lowercased() }
                    func col(_ names: [String]) -> Int? { lower.firstIndex { names.contains($0) } }
                    guard let x = col(["x", "x坐标", "北坐标", "纵坐标", "northing", "n"]),
                        let y = col(["y", "y坐标", "东坐标", "横坐标", "easting", "e"])
                    else {
                        throw FormatError(
                            "the header names no X and Y columns (found: \(fields.joined(separator: ", "))): a point list has 点号, X, Y",
                            file: file, line: lineNo)
                    }
                    columns = (col(["点号", "点名", "name", "id", "pt", "point"]), col(["圈号", "ring"]), x, y)
                    continue
                }
                switch fields.count {
                case 2: columns = (nil, nil, 0, 1)
                case 3: columns = (0, nil, 1, 2)
                default: columns = (0, 1, 2, 3)
                }
            }
            guard let c = columns else { continue }
            func cell(_ i: Int?) -> String? { i.flatMap { $0 < fields.count ? fields[$0] : nil } }
            let name = cell(c.name) ?? "line \(lineNo)"
            guard let x = cell(c.x).flatMap(Double.init), let y = cell(c.y).flatMap(Double.init), x.isFinite, y.isFinite else {
                diags.append(
                    Diagnostic(
                        .error, "point \(name): X \"\(cell(c.x) ?? "")\", Y \"\(cell(c.y) ?? "")\" are not numbers", file: file,
                        line: lineNo, feature: id))
                continue
            }
            let ring = cell(c.ring).flatMap { Int($0) } ?? 1
            if firstLine == nil { firstLine = lineNo }
            // X is the northing, Y the easting: LandKit keeps (easting, northing).
            let point = Coordinate(x: y, y: x)
            if let last = rings.indices.last, rings[last].number == ring {
                rings[last].points.append(point)
            } else {
                rings.append((ring, lineNo, [point]))
            }
        }
        var closed: [[Coordinate]] = []
        for r in rings {
            switch RingAssembly.check(r.points) {
            case .bad(let why):
                diags.append(Diagnostic(.error, "ring \(r.number) \(why)", file: file, line: r.line, feature: id))
            case .ring(let ring, let wasOpen):
                if wasOpen {
                    diags.append(
                        Diagnostic(.warning, "ring \(r.number) is not closed: closed automatically", file: file, line: r.line, feature: id))
                }
                closed.append(ring)
            }
        }
        if rings.isEmpty { throw FormatError("the point list has no points (rows of 点号, X, Y)", file: file) }
        guard !closed.isEmpty else { return (nil, diags) }
        let parts = RingAssembly.assemble(closed)
        let geometry: Geometry = parts.count == 1 ? .polygon(parts[0].polygon) : .multiPolygon(parts.map(\.polygon))
        let points = rings.reduce(0) { $0 + $1.points.count }
        return (
            FeatureRecord(id: id, geometry: geometry, properties: [.init("point_count", .number(Double(points)))], sourceLine: firstLine),
            diags
        )
    }
}
