import Foundation

/// Reads survey coordinate files ("国土TXT") leniently: every deviation from the spec becomes a
/// ``Diagnostic`` with its line number; only files that are not survey files at all throw.
///
/// Handles GBK/GB18030 or UTF-8 (with or without BOM), CRLF, 点号 with or without "J", open or
/// closed rings, several rings per 圈号 (a ring ends where it returns to its first point),
/// full-width commas, key spelling variants, and checks 界址点数 loosely. Geometry checks
/// (degenerate rings, holes vs parts, stated area) happen in ``SurveyFile/features(crs:file:)``.
public enum SurveyTXTReader {
    /// The header section name.
    public static let headerSection = "属性描述"
    /// The parcel section name.
    public static let parcelSection = "地块坐标"

    /// Reads a survey file from its bytes.
    /// - Parameters:
    ///   - bytes: the whole file (UTF-8 or GBK/GB18030).
    ///   - file: the file name for diagnostics and errors.
    ///   - encoding: the text encoding (`--encoding`); nil detects UTF-8 or GBK.
    /// - Returns: the file as written and the diagnostics found.
    /// - Throws: `FormatError` when the file is empty, binary, not text (or mixes encodings), or has
    ///   no parcel section and no point lines.
    public static func read(_ bytes: some Collection<UInt8>, file: String? = nil, encoding: TextEncoding? = nil) throws(FormatError) -> (
        SurveyFile, [Diagnostic]
    ) {
        let (text, _) = try TextDecoding.decode(bytes, file: file, encoding: encoding)
        return try read(text: text, file: file)
    }

    /// Reads a survey file from text (any line ends).
    public static func read(text: String, file: String? = nil) throws(FormatError) -> (SurveyFile, [Diagnostic]) {
        var diags: [Diagnostic] = []
        func warn(_ m: String, _ line: Int, _ feature: String? = nil) {
            diags.append(Diagnostic(.warning, m, file: file, line: line, feature: feature))
        }
        func error(_ m: String, _ line: Int, _ feature: String? = nil) {
            diags.append(Diagnostic(.error, m, file: file, line: line, feature: feature))
        }
        var result = SurveyFile()
        var section: String?
        var sawParcelSection = false
        var current: SurveyParcel?
        var currentRing: SurveyRing?

        func closeRing() {
            if let r = currentRing, !r.points.isEmpty { current?.rings.append(r) }
            currentRing = nil
        }
        func closeParcel() {
            closeRing()
            if let p = current { result.parcels.append(p) }
            current = nil
        }

        let lines = TextDecoding.normalizeLineEnds(text).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let lineNo = index + 1
            var line = raw.trimmingCharacters(in: .whitespaces)
            if index == 0, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if line.isEmpty { continue }
            if let name = sectionName(line) {
                if section == parcelSection { closeParcel() }
                section = name
                if name == parcelSection {
                    sawParcelSection = true
                } else if name != headerSection {
                    result.extraSections.append(.init(name: name, lines: []))
                }
                continue
            }
            switch section {
            case headerSection?:
                let normalized = line.replacingOccurrences(of: "＝", with: "=")
                guard let eq = normalized.firstIndex(of: "=") else {
                    warn("header line \"\(line)\" has no '=': ignored", lineNo)
                    continue
                }
                let key = normalized[..<eq].trimmingCharacters(in: .whitespaces)
                let value = normalized[normalized.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                result.header.append(.init(key: key, value: value, line: lineNo))
            case parcelSection?, nil:
                if section == nil {
                    // Some exports drop the section headers: accept parcels, report it once.
                    if !sawParcelSection {
                        warn("no [地块坐标] section header before the parcels", lineNo)
                        sawParcelSection = true
                        section = parcelSection
                    }
                }
                let normalized = line.replacingOccurrences(of: "，", with: ",")
                if normalized.hasSuffix("@") {
                    closeParcel()
                    let body = normalized.dropLast()
                    var fields = body.split(separator: ",", omittingEmptySubsequences: false).map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                    if fields.last == "" { fields.removeLast() }  // "...,@" leaves an empty last field
                    if fields.count != 8 && fields.count != 13 {
                        warn(
                            "parcel header has \(fields.count) fields (spec: 8, extended: 13): fields are read by position", lineNo,
                            fields.count > 2 ? fields[2] : nil)
                    }
                    current = SurveyParcel(fields: fields, rings: [], line: lineNo)
                    continue
                }
                let parts = normalized.split(separator: ",", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                let parcelID = current?.code
                guard parts.count >= 4 else {
                    error("line \"\(line)\" is neither a parcel header (ending in '@') nor a point (点号,圈号,X,Y): ignored", lineNo, parcelID)
                    continue
                }
                guard current != nil else {
                    error("point line before any parcel header: ignored", lineNo)
                    continue
                }
                guard let x = Double(parts[2]), let y = Double(parts[3]), x.isFinite, y.isFinite else {
                    error(
                        "point \(parts[0]) has a non-numeric coordinate (\"\(parts[2])\", \"\(parts[3])\"): point ignored", lineNo, parcelID
                    )
                    continue
                }
                let ringNumber: Int
                if let n = Int(parts[1]) {
                    ringNumber = n
                } else {
                    warn("point \(parts[0]) has no valid 圈号 (\"\(parts[1])\"): taken as ring \(currentRing?.number ?? 1)", lineNo, parcelID)
                    ringNumber = currentRing?.number ?? 1
                }
                if parts.count > 4, parts[4...].contains(where: { !$0.isEmpty }) {
                    warn("point \(parts[0]) has \(parts.count) fields; only 点号,圈号,X,Y are read", lineNo, parcelID)
                }
                let point = SurveyPoint(name: parts[0], ring: ringNumber, northing: x, easting: y, line: lineNo)
                if var ring = currentRing {
                    let closed =
                        ring.points.count >= 3
                        && ring.points.first.map {
                            $0.northing == ring.points[ring.points.count - 1].northing
                                && $0.easting == ring.points[ring.points.count - 1].easting
                        } == true
                    if ring.number != ringNumber || closed {
                        closeRing()
                        currentRing = SurveyRing(number: ringNumber, points: [point])
                    } else {
                        ring.points.append(point)
                        currentRing = ring
                    }
                } else {
                    currentRing = SurveyRing(number: ringNumber, points: [point])
                }
            case let other?:
                if let i = result.extraSections.lastIndex(where: { $0.name == other }) {
                    result.extraSections[i].lines.append(line)
                }
            }
        }
        closeParcel()

        guard sawParcelSection || !result.parcels.isEmpty else {
            throw FormatError("not a survey coordinate file: no [地块坐标] section and no parcel lines", file: file)
        }
        if result.parcels.isEmpty {
            throw FormatError("the survey file has no parcels", file: file)
        }
        checkHeader(result, file: file, into: &diags)
        for p in result.parcels { checkCounts(p, file: file, into: &diags) }
        return (result, diags)
    }

    /// "[name]" or "【name】" → name.
    static func sectionName(_ line: String) -> String? {
        if line.hasPrefix("["), line.hasSuffix("]"), line.count >= 2 {
            return String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        if line.hasPrefix("【"), line.hasSuffix("】"), line.count >= 2 {
            return String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    static func checkHeader(_ f: SurveyFile, file: String?, into diags: inout [Diagnostic]) {
        if f.header.isEmpty {
            diags.append(
                Diagnostic(
                    .warning, "no [属性描述] header: the zone must come from the coordinates or a stated CRS", file: file, line: 1,
                    code: .crsNeeded))
            return
        }
        if let w = f.header.first(where: { $0.key.contains("分带") }), f.zoneWidth == nil {
            diags.append(Diagnostic(.warning, "\(w.key)=\(w.value) is not a zone width (3 or 6)", file: file, line: w.line))
        }
        if let z = f.header.first(where: { $0.key == "带号" }), !z.value.isEmpty, f.zoneNumber == nil {
            diags.append(Diagnostic(.warning, "带号=\(z.value) is not a number: ignored", file: file, line: z.line))
        }
        if let u = f.header.first(where: { $0.key == "计量单位" }), !u.value.isEmpty, u.value != "米", u.value.lowercased() != "m" {
            diags.append(Diagnostic(.warning, "计量单位=\(u.value): coordinates are read as metres", file: file, line: u.line))
        }
    }

    /// 界址点数 may count closing points or not: accept either.
    static func checkCounts(_ p: SurveyParcel, file: String?, into diags: inout [Diagnostic]) {
        guard let line = p.line else { return }
        let id = p.code
        if p.rings.isEmpty {
            diags.append(Diagnostic(.error, "parcel has no points", file: file, line: line, feature: id))
            return
        }
        if p[.pointCount] != nil, let stated = p.statedPointCount {
            let written = p.rings.reduce(0) { $0 + $1.points.count }
            let closings = p.rings.filter { r in
                r.points.count > 1 && r.points[0].northing == r.points[r.points.count - 1].northing
                    && r.points[0].easting == r.points[r.points.count - 1].easting
            }.count
            let openRings = p.rings.count - closings
            let accepted: Set<Int> = [written, written - closings, written + openRings]
            if !accepted.contains(stated) {
                diags.append(
                    Diagnostic(
                        .warning,
                        "界址点数 is \(stated) but the parcel has \(written) point lines (\(written - closings) without closing points)",
                        file: file, line: line, feature: id))
            }
        } else if let raw = p[.pointCount] {
            diags.append(Diagnostic(.warning, "界址点数 \"\(raw)\" is not a number", file: file, line: line, feature: id))
        }
        if let raw = p[.areaHectares], Double(raw) == nil {
            diags.append(Diagnostic(.warning, "地块面积 \"\(raw)\" is not a number", file: file, line: line, feature: id))
        }
        if p[.code] == nil {
            diags.append(Diagnostic(.warning, "parcel has no 地块编号: named by its position", file: file, line: line))
        }
    }
}

extension SurveyTXTReader {
    /// Reads a survey file and converts its parcels in one call: the reader's diagnostics come
    /// first in ``SurveyFeatures/diagnostics``, then the conversion's.
    /// - Parameters:
    ///   - bytes: the whole file (UTF-8 or GBK/GB18030).
    ///   - file: the file name for diagnostics and errors.
    ///   - crs: the CRS the caller knows the coordinates are in, or nil to decide from the
    ///     coordinates and 带号 (see ``SurveyFile/features(crs:file:)``).
    /// - Returns: the file as written and its features.
    /// - Throws: `FormatError` when the file is not a survey file or its coordinates fit no CRS.
    public static func readFeatures(_ bytes: some Collection<UInt8>, file: String? = nil, crs: CRS? = nil) throws(FormatError) -> (
        file: SurveyFile, features: SurveyFeatures
    ) {
        let (model, readDiagnostics) = try read(bytes, file: file)
        var converted = try model.features(crs: crs, file: file)
        converted.diagnostics = readDiagnostics + converted.diagnostics
        return (model, converted)
    }
}
