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

    public init(
        format: FeatureFileFormat? = nil, crs: CRS? = nil, from: LonLatDatum? = nil, idField: String? = nil, dryRun: Bool = false,
        skipInvalid: Bool = false
    ) {
        self.format = format
        self.crs = crs
        self.from = from
        self.idField = idField
        self.dryRun = dryRun
        self.skipInvalid = skipInvalid
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

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

/// An import that failed: nothing was written. Carries every problem found.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var diagnostics: [Diagnostic]

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }
        let shown = errors.prefix(20).map(\.description).joined(separator: "\n  ")
        let more = errors.count > 20 ? "\n  … and \(errors.count - 20) more" : ""
        return "\(file): \(errors.count) problem\(errors.count == 1 ? "" : "s"), nothing imported:\n  \(shown)\(more)"
    }
}

/// Reads parcels, buildings or utilities from a file into a store: validates, repairs, transforms
/// to the storage CRS, computes areas and lengths, and upserts by id in one transaction.
public final class FeatureImporter {
    public let storageCRS: CRS
    private let engine: GeometryEngine
    private let areas: AreaCalculator
    private var transformers: [CRS: Transformer] = [:]
    /// Called every 1000 features with the count read so far.
    public var progress: ((Int) -> Void)?

    public init(storageCRS: CRS) throws {
        self.storageCRS = storageCRS
        engine = try GeometryEngine()
        areas = try AreaCalculator(crs: storageCRS)
    }

    /// Imports `path` into `store`.
    /// - Throws: `FormatError` for an unreadable file, `ImportError` listing every bad feature
    ///   (nothing written), or a store error.
    public func run(_ path: String, layer: FeatureLayer, options: ImportOptions, into store: any LandStore) throws -> ImportSummary {
        let body: (any StoreSession) throws -> ImportSummary = { session in
            var summary = try self.importFeatures(path, layer: layer, options: options) { feature in
                switch feature {
                case .parcel(let p): try session.upsert(p)
                case .building(let b): try session.upsert(b)
                case .utility(let u): try session.upsert(u)
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

    enum Prepared {
        case parcel(Parcel)
        case building(Building)
        case utility(Utility)
    }

    private func importFeatures(_ path: String, layer: FeatureLayer, options: ImportOptions, upsert: (Prepared) throws -> UpsertOutcome)
        throws -> ImportSummary
    {
        try forEachPlaced(path, layer: layer, options: options) { id, geometry, props, raw, summary, problem in
            guard let prepared = try prepare(id: id, geometry: geometry, props: props, layer: layer, raw: raw, problem: problem) else {
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
        var seen: [String: Int?] = [:]
        var verdict: CoordinateSanity.Verdict?
        var index = 0
        while let record = try source.next() {
            index += 1
            summary.read += 1
            if index % 1000 == 0 { progress?(index) }
            let label = record.id ?? "#\(index)"
            var problems: [Diagnostic] = []
            func problem(_ message: String, _ severity: Diagnostic.Severity = .error) {
                problems.append(Diagnostic(severity, message, file: path, line: record.sourceLine, feature: label))
            }
            defer { summary.diagnostics += problems }
            do {
                var props = record.properties
                let explicitID = options.idField.flatMap { FieldMapping.take([$0.lowercased()], from: &props) }
                let mappedID = FieldMapping.take(FieldMapping.id, from: &props)
                guard let id = FieldMapping.text(explicitID) ?? record.id ?? FieldMapping.text(mappedID) else {
                    problem("has no id: name the id property with --id-field")
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
                        problem("--from \(datum.rawValue) needs lon/lat coordinates, but these are projected metres")
                        continue
                    }
                    raw = "\(datum.rawValue.uppercased()) \(g.wkt)"
                    g = g.mapCoordinates(datum.toWGS84)
                }
                g = try transform(g, from: v.crs)
                try body(id, g, props, raw, &summary, { problem($0, $1) })
            } catch let e as FormatError {
                problems.append(Diagnostic(.error, e.message, file: path, line: e.line ?? record.sourceLine, feature: e.feature ?? label))
            } catch let e as ProjectionError {
                problem("cannot be placed in \(storageCRS): \(e.message)")
            } catch let e as GeometryError {
                problem("geometry: \(e.message)")
            }
        }
        summary.diagnostics = source.diagnostics + summary.diagnostics
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

    private func transform(_ g: Geometry, from source: CRS) throws -> Geometry {
        // GPS / RFC 7946 lon/lat is taken as CGCS2000 (they agree to a few cm; PROJ has only a ballpark between them).
        let from = source == .wgs84 ? CRS.cgcs2000 : source
        if from == storageCRS { return g }
        if let t = transformers[from] { return try t.transform(g) }
        let t = try Transformer(from: from, to: storageCRS)
        transformers[from] = t
        return try t.transform(g)
    }

    /// Validates and repairs the geometry for its layer and builds the stored value; nil when the feature is rejected.
    private func prepare(
        id: String, geometry g: Geometry, props: [FeatureRecord.Property], layer: FeatureLayer, raw: String?,
        problem: (String, Diagnostic.Severity) -> Void
    ) throws -> Prepared? {
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
        if !g.isPuntal, let reason = try engine.invalidityReason(g) {
            let fixed = try engine.makeValid(g)
            let kept: Geometry
            switch layer {
            case .parcels, .buildings:
                let polys = fixed.polygons.filter { !$0.exterior.isEmpty }
                kept = polys.count == 1 ? .polygon(polys[0]) : .multiPolygon(polys)
                guard !polys.isEmpty, PlanarArea.of(kept) > 0 else {
                    problem("invalid geometry (\(reason)) and nothing is left after repair", .error)
                    return nil
                }
            case .utilities:
                kept = fixed
            }
            repaired = reason
            geometry = kept
            problem("invalid geometry repaired (MakeValid, STRUCTURE): \(reason)", .warning)
        }
        let attributes = { (p: [FeatureRecord.Property]) in FieldMapping.attributesJSON(p) }
        switch layer {
        case .parcels:
            let planar = PlanarArea.of(geometry)
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
                    geometry: geometry, areaSquareMetres: try areas.ellipsoidalArea(geometry), planarAreaSquareMetres: planar,
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
            let length = geometry.isPuntal ? 0 : try engine.length(geometry)
            return .utility(
                Utility(
                    id: id, kind: kind, name: name, ownerCompany: company, geometry: geometry, lengthMetres: length,
                    repaired: repaired, attributesJSON: attributes(props), rawCoordinates: raw))
        }
    }
}

/// One feature file opened for reading: GeoJSON streams, TXT and CSV are read whole.
struct FeatureSource {
    private var geojson: GeoJSONFeatureReader?
    private var list: [FeatureRecord] = []
    private var position = 0
    private(set) var declaredCRS: CRS?
    private var ownDiagnostics: [Diagnostic] = []

    var diagnostics: [Diagnostic] { ownDiagnostics + (geojson?.diagnostics ?? []) }

    init(path: String, format: FeatureFileFormat, options: ImportOptions) throws {
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
