import Foundation

/// How to read a feature file.
public struct ImportOptions: Sendable {
    /// nil: guessed from the extension and content.
    public var format: FeatureFileFormat?
    /// The CRS of the file's coordinates, overriding what the file says (GeoJSON "crs" member, survey 带号).
    public var crs: CRS?
    /// For lon/lat input captured with map apps: the datum to convert from.
    public var from: LonLatDatum?
    /// The property / column holding feature ids.
    public var idField: String?
    /// Check and report, write nothing.
    public var dryRun: Bool
    /// Leave out features with errors (reported) instead of failing the whole import.
    public var skipInvalid: Bool
    /// The layer to read from a multi-layer file (GeoPackage, File Geodatabase); for DXF the CAD
    /// layer holding the parcel outlines.
    public var layer: String?
    /// The text encoding of a Shapefile's .dbf, overriding its .cpg (nil: the .cpg, else UTF-8 when
    /// valid, else GBK).
    public var encoding: TextEncoding?
    /// Read the file as a surveyor's point list (点号, X, Y rows) forming one parcel's boundary in point order.
    public var pointsToPolygon: Bool
    /// For DXF: the CAD layer of the 宗地号 texts (CASS puts them on ZDH); texts on other layers
    /// (street names, notes) are not labels. nil: texts on any layer.
    public var labelLayer: String?
    /// For DXF: only the outlines whose CASS feature code (XDATA of application SOUTH) is one of these; nil: all.
    public var cassCodes: Set<String>?
    /// Let this file's features replace features of the same id that came from another file (refused otherwise).
    public var replace = false

    public init(
        format: FeatureFileFormat? = nil, crs: CRS? = nil, from: LonLatDatum? = nil, idField: String? = nil, dryRun: Bool = false,
        skipInvalid: Bool = false, layer: String? = nil, encoding: TextEncoding? = nil, pointsToPolygon: Bool = false,
        labelLayer: String? = nil, cassCodes: Set<String>? = nil
    ) {
        self.format = format
        self.crs = crs
        self.from = from
        self.idField = idField
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
        self.layer = layer
        self.encoding = encoding
        self.pointsToPolygon = pointsToPolygon
        self.labelLayer = labelLayer
        self.cassCodes = cassCodes
    }
}

/// What an import did (or, for a dry run, would do).
public struct ImportSummary: Sendable, Codable {
    public var file: String
    public var layer: FeatureLayer
    public var format: FeatureFileFormat
    /// The CRS the file's coordinates were read in.
    public var sourceCRS: CRS?
    public var read = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Features whose geometry was repaired (MakeValid, STRUCTURE): id → GEOS's reason.
    public var repaired: [String: String] = [:]
    /// Features left out (only with skipInvalid).
    public var rejected = 0
    public var dryRun = false
    public var diagnostics: [Diagnostic] = []
    /// The GDAL/OGR driver that read the file ("ESRI Shapefile", "GPKG" …), nil for LandKit's own readers.
    public var driver: String?
    /// The map-app datum the lon/lat coordinates were converted from (`--from gcj02|bd09`).
    public var datum: LonLatDatum?

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// The source coordinates in words: "EPSG:4523", or "GCJ-02 lon/lat → WGS 84 (EPSG:4326)" for map-app input.
    public var sourceDescription: String? {
        guard let sourceCRS else { return nil }
        switch datum {
        case .gcj02: return "GCJ-02 lon/lat (Amap/Tencent) converted to WGS 84, \(sourceCRS)"
        case .bd09: return "BD-09 lon/lat (Baidu) converted to WGS 84, \(sourceCRS)"
        case .wgs84, nil: return sourceCRS.description
        }
    }
}

/// Reads parcels, buildings or utilities from a file into a store: validates, repairs, transforms
/// to the storage CRS, computes areas and lengths, and upserts by id in one transaction.
public final class FeatureImporter {
    public let storageCRS: CRS
    private let measures: FeatureMeasures
    private var transformers: [CRS: Transformer] = [:]
    private var inverseTransformers: [CRS: Transformer] = [:]
    private var geographicTransformers: [CRS: Transformer] = [:]
    private let areaOfUse: AreaOfUseCheck
    /// Called every 1000 features with the count read so far and the file's total when it is known
    /// (formats read whole; a GeoJSON file is a stream and its total is known only at the end).
    public var progress: ProgressHandler?

    public init(storageCRS: CRS) throws {
        self.storageCRS = storageCRS
        measures = try FeatureMeasures(crs: storageCRS)
        areaOfUse = AreaOfUseCheck(storage: storageCRS)
    }

    /// Imports `path` into `store`.
    /// - Throws: `FormatError` for an unreadable file, `ImportError` listing every bad feature
    ///   (nothing written), or a store error.
    public func run(_ path: String, layer: FeatureLayer, options: ImportOptions, into store: any LandStore) throws -> ImportSummary {
        let source = Self.sourceName(path)
        let body: (any StoreSession) throws -> ImportSummary = { session in
            var summary = try self.importFeatures(path, layer: layer, options: options) { feature in
                // An id is one feature: the same id from another file is a different parcel unless the user says otherwise.
                if !options.replace, let previous = try session.sourceFile(feature.entity, id: feature.id), previous != source {
                    throw FormatError(
                        "id \(feature.id) already came from \(previous), not from \(source): ids must be unique across source files",
                        code: .idFromOtherFile)
                }
                switch feature {
                case .parcel(var p):
                    p.sourceFile = source
                    return try session.upsert(p)
                case .building(var b):
                    b.sourceFile = source
                    return try session.upsert(b)
                case .utility(var u):
                    u.sourceFile = source
                    return try session.upsert(u)
                }
            }
            summary.dryRun = options.dryRun
            if !summary.errors.isEmpty && !options.skipInvalid {
                throw ImportError(file: path, diagnostics: summary.diagnostics)
            }
            return summary
        }
        // A dry run goes through the same transaction, rolled back: it sees what the import would do.
        return options.dryRun ? try store.dryRun(body) : try store.write(body)
    }

    /// Reads and checks a file without any store (`landkit validate`).
    public func validate(_ path: String, layer: FeatureLayer, options: ImportOptions) throws -> ImportSummary {
        try importFeatures(path, layer: layer, options: options) { _ in .unchanged }
    }

    /// The name a feature's source file is recorded by: the file name without its folder, so that the same
    /// file imported from another folder (or another machine) is still the same source.
    static func sourceName(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

    enum Prepared {
        case parcel(Parcel)
        case building(Building)
        case utility(Utility)

        var id: String {
            switch self {
            case .parcel(let p): p.id
            case .building(let b): b.id
            case .utility(let u): u.id
            }
        }

        var entity: EntityKind {
            switch self {
            case .parcel: .parcel
            case .building: .household
            case .utility: .utility
            }
        }
    }

    private func importFeatures(_ path: String, layer: FeatureLayer, options: ImportOptions, upsert: (Prepared) throws -> UpsertOutcome)
        throws -> ImportSummary
    {
        try forEachPlaced(path, layer: layer, options: options) { id, geometry, props, raw, summary, problem in
            guard
                let prepared = try prepare(
                    id: id, geometry: geometry, props: props, layer: layer, raw: raw, source: summary.sourceCRS, problem: problem)
            else {
                return
            }
            if case .parcel(let p) = prepared, let r = p.repaired { summary.repaired[id] = r }
            if case .building(let b) = prepared, let r = b.repaired { summary.repaired[id] = r }
            if case .utility(let u) = prepared, let r = u.repaired { summary.repaired[id] = r }
            switch try upsert(prepared) {
            case .inserted: summary.inserted += 1
            case .updated: summary.updated += 1
            case .unchanged: summary.unchanged += 1
            }
        }
    }

    /// Reads every geometry of a file into the storage CRS (zones: polygons or centerlines).
    /// - Throws: `FormatError`, or `ImportError` listing every problem.
    public func geometries(_ path: String, options: ImportOptions) throws -> [(id: String, geometry: Geometry)] {
        var out: [(String, Geometry)] = []
        let summary = try forEachPlaced(path, layer: nil, options: options) { id, geometry, _, _, summary, _ in
            out.append((id, geometry))
            summary.unchanged += 1
        }
        if !summary.errors.isEmpty { throw ImportError(file: path, diagnostics: summary.diagnostics) }
        return out
    }

    /// The shared reading loop: ids, duplicate check, CRS sanity, axis swap, map-app datum,
    /// transformation to the storage CRS. `body` gets each feature placed in the storage CRS.
    private func forEachPlaced(
        _ path: String, layer: FeatureLayer?, options: ImportOptions,
        _ body: (String, Geometry, [FeatureRecord.Property], String?, inout ImportSummary, (String, Diagnostic.Severity) -> Void) throws ->
            Void
    ) throws -> ImportSummary {
        let format = try options.format ?? FeatureFileFormat.guess(path: path)
        var summary = ImportSummary(file: path, layer: layer ?? .parcels, format: format)
        var source = try FeatureSource(path: path, format: format, options: options)
        summary.driver = source.driver
        var seen: [String: Int?] = [:]
        var idFallbacks: [String: Int] = [:]
        var verdict: CoordinateSanity.Verdict?
        var warnedOtherZone = false
        var index = 0
        while let record = try source.next() {
            index += 1
            summary.read += 1
            if index % 1000 == 0 { progress?(index, source.total) }
            let label = record.id ?? "#\(index)"
            var problems: [Diagnostic] = []
            func problem(_ message: String, _ severity: Diagnostic.Severity = .error, code: FormatError.Code? = nil) {
                problems.append(Diagnostic(severity, message, file: path, line: record.sourceLine, feature: label, code: code))
            }
            defer { summary.diagnostics += problems }
            do {
                var props = record.properties
                let explicitID = options.idField.flatMap { FieldMapping.take([$0.lowercased()], from: &props) }
                let mappedID = FieldMapping.take(FieldMapping.id, from: &props)
                var found = FieldMapping.text(explicitID) ?? record.id ?? FieldMapping.text(mappedID)
                if found == nil, options.idField == nil {
                    // Documented fallback (FieldMapping.fallbackID): adcode, OBJECTID, FID …, OGR's feature id, the position.
                    let (fallback, from) =
                        FieldMapping.fallbackID(props) ?? source.nativeID.map { ($0, "the OGR feature id (FID)") } ?? (
                            String(index), "their position in the file (1, 2, …)"
                        )
                    found = fallback
                    idFallbacks[from, default: 0] += 1
                }
                guard let id = found else {
                    problem("has no id", code: .missingID)
                    continue
                }
                if let first = seen[id] {
                    let at = first.map { " (first at line \($0))" } ?? ""
                    problem("duplicate id \(id)\(at): ids must be unique within a file")
                    continue
                }
                seen[id] = record.sourceLine
                // CRS: decided on the first feature, then every feature must fit it.
                let declared = verdict?.crs ?? options.crs ?? source.declaredCRS
                let v = try CoordinateSanity.check(Self.sample(record.geometry), declared: declared, feature: id, file: path)
                if verdict == nil {
                    verdict = v
                    summary.sourceCRS = v.crs
                    for w in v.warnings { problem(w, .warning) }
                } else if v.swapped != verdict?.swapped {
                    problem("axis order differs from the first feature's: fix the file so every feature has the same column order")
                    continue
                }
                var g = record.geometry
                if v.swapped { g = g.mapCoordinates { Coordinate($0.y, $0.x) } }
                var raw: String?
                if let datum = options.from, datum != .wgs84 {
                    guard v.layout == .lonLat else {
                        problem(
                            "map-app datum \(datum.rawValue) needs lon/lat coordinates, but these are projected metres",
                            code: .datumNeedsLonLat)
                        continue
                    }
                    raw = "\(datum.rawValue.uppercased()) \(g.wkt)"
                    g = g.mapCoordinates(datum.toWGS84)
                    summary.datum = datum
                }
                if let w = try areaOfUse.check(try lonLat(of: g, in: v.crs), source: v.crs, feature: id), !warnedOtherZone {
                    problem(w, .warning)
                    warnedOtherZone = true
                }
                g = try transform(g, from: v.crs)
                try body(id, g, props, raw, &summary, { problem($0, $1) })
            } catch let e as FormatError {
                var d = e.diagnostic
                d.file = path
                d.line = e.line ?? record.sourceLine
                d.feature = e.feature ?? label
                problems.append(d)
            } catch let e as ProjectionError {
                problem("cannot be placed in \(storageCRS): \(e.message)")
            } catch let e as GeometryError {
                problem("geometry: \(e.message)")
            }
        }
        let fallbackNotes = idFallbacks.sorted { $0.key < $1.key }.map { from, count in
            Diagnostic(
                .warning,
                "\(count) feature\(count == 1 ? " has" : "s have") no id property: ids taken from \(from); name the id property for stable ids",
                file: path, code: .missingID)
        }
        summary.diagnostics = source.diagnostics + fallbackNotes + summary.diagnostics
        summary.rejected = summary.read - summary.inserted - summary.updated - summary.unchanged
        if summary.read == 0 && summary.errors.isEmpty {
            summary.diagnostics.append(Diagnostic(.error, "the file has no features", file: path))
        }
        return summary
    }

    /// Up to 16 coordinates spread over the geometry: enough to judge magnitudes and order.
    static func sample(_ g: Geometry) -> [Coordinate] {
        var all: [Coordinate] = []
        g.forEachCoordinate { all.append($0) }
        guard all.count > 16 else { return all }
        let step = all.count / 16
        return stride(from: 0, to: all.count, by: step).map { all[$0] }
    }

    /// Up to 16 vertices of `g` and its bounding box's corners in lon/lat degrees, for ``AreaOfUseCheck``.
    private func lonLat(of g: Geometry, in crs: CRS) throws(ProjectionError) -> [Coordinate] {
        var points = Self.sample(g)
        if let e = g.envelope {
            points += [Coordinate(x: e.minX, y: e.minY), Coordinate(x: e.maxX, y: e.maxY)]
        }
        points = points.filter { $0.x.isFinite && $0.y.isFinite }
        if crs.isGeographic { return points }
        let t: Transformer
        if let known = geographicTransformers[crs] {
            t = known
        } else {
            t = try Transformer(from: crs, to: .cgcs2000)
            geographicTransformers[crs] = t
        }
        try t.transform(&points)
        return points
    }

    private func transform(_ g: Geometry, from source: CRS) throws -> Geometry {
        // GPS / RFC 7946 lon/lat is taken as CGCS2000 (they agree to a few cm; PROJ has only a ballpark between them).
        let from = source == .wgs84 ? CRS.cgcs2000 : source
        if from == storageCRS { return g }
        if let t = transformers[from] { return try t.transform(g) }
        let t = try Transformer(from: from, to: storageCRS)
        transformers[from] = t
        return try t.transform(g)
    }

    /// GEOS's reason with its position ("Self-intersection[500005 3322005]", storage metres) given in
    /// the input's own CRS instead (lon/lat for lon/lat files), so surveyors find it in their file.
    /// Map-app input (GCJ-02/BD-09) is shown in WGS 84.
    private func inputPosition(_ reason: String, source: CRS?) -> String {
        guard let source, source != storageCRS, let open = reason.firstIndex(of: "["), let close = reason.lastIndex(of: "]"),
            open < close
        else { return reason }
        let xy = reason[reason.index(after: open)..<close].split(separator: " ").compactMap { Double($0) }
        guard xy.count >= 2 else { return reason }
        let target = source == .wgs84 ? CRS.cgcs2000 : source
        let back: Transformer
        if let t = inverseTransformers[target] {
            back = t
        } else {
            guard let t = try? Transformer(from: storageCRS, to: target) else { return reason }
            inverseTransformers[target] = t
            back = t
        }
        guard case .point(let c)? = try? back.transform(.point(Coordinate(xy[0], xy[1]))) else { return reason }
        let shown = source.isGeographic ? String(format: "%.7f %.7f", c.x, c.y) : String(format: "%.3f %.3f", c.x, c.y)
        return reason[..<open] + "[\(shown) in \(source)]" + reason[reason.index(after: close)...]
    }

    /// Validates and repairs the geometry for its layer and builds the stored value; nil when the feature is rejected.
    private func prepare(
        id: String, geometry input: Geometry, props: [FeatureRecord.Property], layer: FeatureLayer, raw: String?, source: CRS?,
        problem: (String, Diagnostic.Severity) -> Void
    ) throws -> Prepared? {
        // Collections become the Multi* of their one kind: nothing nested is stored, so no overlay ever walks nesting.
        guard let g = input.flattened() else {
            problem("a geometry collection mixing points, lines and polygons: \(layer.rawValue) take one kind", .error)
            return nil
        }
        var props = props
        var geometry = g
        var repaired: String?
        let allowed: Bool
        switch layer {
        case .parcels: allowed = g.isPolygonal
        case .buildings: allowed = g.isPolygonal || g.isPuntal
        case .utilities: allowed = true  // lines, points, or a substation footprint
        }
        guard allowed else {
            problem(
                "\(layer.rawValue) need \(layer == .parcels ? "polygons" : "polygons or points"), got \(g.typeName.lowercased())", .error)
            return nil
        }
        switch try measures.validated(g, layer: layer) {
        case .valid: break
        case .repaired(let kept, let reason):
            repaired = reason
            geometry = kept
            problem("invalid geometry repaired (MakeValid, STRUCTURE): \(inputPosition(reason, source: source))", .warning)
        case .unrepairable(let reason):
            problem("invalid geometry (\(reason)) and nothing is left after repair", .error)
            return nil
        }
        let attributes = { (p: [FeatureRecord.Property]) in FieldMapping.attributesJSON(p) }
        switch layer {
        case .parcels:
            let (ellipsoidal, planar) = try measures.parcelAreas(geometry)
            guard planar > 0 else {
                problem("parcel has zero area", .error)
                return nil
            }
            let village = FieldMapping.text(FieldMapping.take(FieldMapping.village, from: &props))
            let group = FieldMapping.text(FieldMapping.take(FieldMapping.group, from: &props))
            let landClass = FieldMapping.text(FieldMapping.take(FieldMapping.landClass, from: &props))
            let landClassName = FieldMapping.text(FieldMapping.take(FieldMapping.landClassName, from: &props))
            let owner = FieldMapping.text(FieldMapping.take(FieldMapping.owner, from: &props))
            return .parcel(
                Parcel(
                    id: id, village: village, group: group, landClass: landClass, landClassName: landClassName, owner: owner,
                    geometry: geometry, areaSquareMetres: ellipsoidal, planarAreaSquareMetres: planar,
                    repaired: repaired, attributesJSON: attributes(props), rawCoordinates: raw))
        case .buildings:
            let head = FieldMapping.text(FieldMapping.take(FieldMapping.head, from: &props))
            let idCard = FieldMapping.text(FieldMapping.take(FieldMapping.idCard, from: &props))
            let phone = FieldMapping.text(FieldMapping.take(FieldMapping.phone, from: &props))
            let members = FieldMapping.number(FieldMapping.take(FieldMapping.members, from: &props)).map { Int($0) }
            let floor = FieldMapping.number(FieldMapping.take(FieldMapping.floorArea, from: &props))
            let structure = FieldMapping.text(FieldMapping.take(FieldMapping.structure, from: &props))
            let village = FieldMapping.text(FieldMapping.take(FieldMapping.village, from: &props))
            let group = FieldMapping.text(FieldMapping.take(FieldMapping.group, from: &props))
            return .building(
                Building(
                    id: id, head: head, idCard: idCard, phone: phone, members: members, floorAreaSquareMetres: floor,
                    structure: structure, village: village, group: group, geometry: geometry, repaired: repaired,
                    attributesJSON: attributes(props), rawCoordinates: raw))
        case .utilities:
            let kind = FieldMapping.text(FieldMapping.take(FieldMapping.kind, from: &props))
            let name = FieldMapping.text(FieldMapping.take(FieldMapping.name, from: &props))
            let company = FieldMapping.text(FieldMapping.take(FieldMapping.ownerCompany, from: &props))
            let length = try measures.utilityLength(geometry)
            return .utility(
                Utility(
                    id: id, kind: kind, name: name, ownerCompany: company, geometry: geometry, lengthMetres: length,
                    repaired: repaired, attributesJSON: attributes(props), rawCoordinates: raw))
        }
    }
}

/// One feature file opened for reading: GeoJSON streams; TXT, CSV, point lists and OGR formats are read whole.
struct FeatureSource {
    private var geojson: GeoJSONFeatureReader?
    private var list: [FeatureRecord] = []
    private var nativeIDs: [String?] = []
    private var position = 0
    private(set) var declaredCRS: CRS?
    private var ownDiagnostics: [Diagnostic] = []
    /// The OGR driver that read the file, nil for LandKit's own readers.
    private(set) var driver: String?

    var diagnostics: [Diagnostic] { ownDiagnostics + (geojson?.diagnostics ?? []) }
    /// How many records there are, when known before the end (not for a GeoJSON stream).
    var total: Int? { geojson == nil ? list.count : nil }

    /// OGR's feature id of the record `next()` returned last, if the format has one.
    var nativeID: String? { position > 0 && position <= nativeIDs.count ? nativeIDs[position - 1] : nil }

    init(path: String, format: FeatureFileFormat, options: ImportOptions) throws {
        if options.pointsToPolygon, !format.isOGR {
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let (record, diags) = try SurveyPointList.read(try Self.read(path), id: stem, file: path)
            list = record.map { [$0] } ?? []
            declaredCRS = nil
            ownDiagnostics = diags
            return
        }
        switch format {
        case .geojson:
            let reader = try GeoJSONFeatureReader(path: path, idField: options.idField)
            geojson = reader
            // RFC 7946: lon/lat unless a legacy "crs" member says otherwise.
            declaredCRS = reader.declaredCRS ?? .wgs84
        case .txt:
            let data = try Self.read(path)
            let (file, diags) = try SurveyTXTReader.read(data, file: path)
            let features = try file.features(crs: options.crs, file: path)
            list = features.features
            declaredCRS = features.crs
            ownDiagnostics = diags + features.diagnostics
        case .csv:
            let data = try Self.read(path)
            let (features, diags) = try CSVFeatureReader.read(data, file: path, idField: options.idField)
            list = features
            ownDiagnostics = diags
        case .shp, .gpkg, .kml, .dxf, .fgb, .gml, .gdb, .ogr:
            try readOGR(path, options: options)
        }
    }

    private mutating func readOGR(_ path: String, options: ImportOptions) throws {
        // A DXF file has one OGR layer ("entities"); --layer names the CAD layer of the outlines there.
        let isDXF = FeatureFileFormat.fromExtension(path) == .dxf || options.format == .dxf
        let contents = try OGRFeatureReader.read(path, layer: isDXF ? nil : options.layer, encoding: options.encoding)
        driver = contents.driver
        ownDiagnostics = contents.diagnostics
        if let name = contents.unknownCRS, options.crs == nil {
            throw FormatError("the layer's CRS \"\(name)\" matches no EPSG code", file: path, code: .crsNeeded)
        }
        declaredCRS = contents.crs
        if contents.driver == "DXF" {
            let (features, diags) = CASSDrawing.parcels(
                from: contents.features, cadLayer: options.layer, labelLayer: options.labelLayer, labels: options.idField == nil,
                cassCodes: options.cassCodes, file: path)
            list = features
            ownDiagnostics += diags
        } else if options.pointsToPolygon {
            var points: [Coordinate] = []
            for f in contents.features {
                guard case .point(let c) = f.geometry else {
                    throw FormatError(
                        "a point list needs a layer of points, found a \(f.geometry.typeName.lowercased())", file: path,
                        code: .pointListNeedsPoints)
                }
                points.append(c)
            }
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            switch RingAssembly.check(points) {
            case .bad(let why): ownDiagnostics.append(Diagnostic(.error, "the ring of points \(why)", file: path, feature: stem))
            case .ring(let ring, _):
                list = [FeatureRecord(id: stem, geometry: .polygon(Polygon(exterior: RingAssembly.oriented(ring, ccw: true))))]
            }
        } else if contents.driver == "KML" || contents.driver == "LIBKML", options.idField == nil {
            // A placemark's <name> is its id (LandKit's KML export writes the id there).
            list = contents.features.map { f in
                var r = f
                if let i = r.properties.firstIndex(where: { $0.key == "Name" }), let name = FieldMapping.text(r.properties[i].value) {
                    r.id = name
                    r.properties.remove(at: i)
                }
                r.properties.removeAll { $0.key == "Description" && FieldMapping.text($0.value) == nil }
                return r
            }
            nativeIDs = contents.nativeIDs
        } else {
            list = contents.features
            nativeIDs = contents.nativeIDs
        }
    }

    static func read(_ path: String) throws(FormatError) -> [UInt8] {
        guard let d = FileManager.default.contents(atPath: path) else {
            throw FormatError("cannot read the file (missing or not readable)", file: path)
        }
        guard !d.isEmpty else { throw FormatError("the file is empty", file: path) }
        return [UInt8](d)
    }

    mutating func next() throws -> FeatureRecord? {
        if let geojson { return try geojson.next() }
        guard position < list.count else { return nil }
        defer { position += 1 }
        return list[position]
    }
}
