import Foundation

/// What to export.
public enum ExportLayer: String, CaseIterable, Sendable {
    case parcels
    case buildings
    case utilities
    /// Parcels of a project with their acquired area and stage.
    case acquisitions
}

/// How to write an export.
public struct ExportOptions: Sendable {
    public var format: FeatureFileFormat
    /// Output CRS. nil: RFC 7946 lon/lat (CGCS2000) for GeoJSON and CSV; the storage CRS's zone with
    /// prefixed eastings for survey TXT.
    public var crs: CRS?
    public var project: String?
    /// Write names, ID-card numbers and phones in full (masked otherwise).
    public var unmasked: Bool
    public var encoding: TextEncoding
    /// Start a UTF-8 CSV with a byte-order mark, so Excel on Windows reads the Chinese text as UTF-8.
    public var byteOrderMark: Bool

    public init(
        format: FeatureFileFormat, crs: CRS? = nil, project: String? = nil, unmasked: Bool = false, encoding: TextEncoding = .utf8,
        byteOrderMark: Bool = true
    ) {
        self.byteOrderMark = byteOrderMark
        self.format = format
        self.crs = crs
        self.project = project
        self.unmasked = unmasked
        self.encoding = encoding
    }
}

/// Writes features from a store to GeoJSON, survey TXT or CSV, and through GDAL to Shapefile,
/// GeoPackage, KML, DXF, FlatGeobuf and GML.
///
/// Default CRS when `--crs` is not given: lon/lat CGCS2000 for GeoJSON and CSV (RFC 7946), WGS 84
/// lon/lat for KML (the only CRS KML has), the storage CRS's 3° zone with prefixed eastings for
/// survey TXT and DXF (what surveyors' CAD drawings use), the storage CRS for Shapefile, GeoPackage,
/// FlatGeobuf and GML (with its .prj / SRS).
public enum FeatureExporter {
    /// What an export wrote.
    public struct Summary: Sendable {
        /// Features written.
        public var count: Int
        /// Acquisitions only: parcels of the project left out — slivers (overlap under the overlap
        /// engine's threshold) and parcels whose piece inside the red line is empty on a 1 mm grid.
        public var leftOut: [String]
    }

    /// - Returns: the number of features written.
    /// - Throws: `FormatError` for a combination that cannot be written (e.g. buildings as TXT).
    public static func export(
        _ layer: ExportLayer, to path: String, options: ExportOptions, from session: any StoreSession, storageCRS: CRS
    ) throws -> Int {
        try exportWithSummary(layer, to: path, options: options, from: session, storageCRS: storageCRS).count
    }

    /// Exports like ``export(_:to:options:from:storageCRS:)`` and says what was left out.
    ///
    /// `acquisitions` are the acquired pieces, not whole parcels: each in-zone parcel of the project
    /// cut by the union of the project's red lines (GEOS intersection on a 1 mm grid, polygonal
    /// parts), with the overlap engine's areas (ellipsoidal `overlap_m2`, which add up to the
    /// project's required area); in survey TXT the 地块面积 is that ellipsoidal area in hectares.
    public static func exportWithSummary(
        _ layer: ExportLayer, to path: String, options: ExportOptions, from session: any StoreSession, storageCRS: CRS
    ) throws -> Summary {
        var leftOut: [String] = []
        if options.format == .gdb || options.format == .ogr {
            throw FormatError(
                "LandKit does not write \(options.format.rawValue) files: export as shp, gpkg, kml, dxf, fgb, gml, geojson, csv or txt",
                file: path)
        }
        if options.format == .txt && !(layer == .parcels || layer == .acquisitions) {
            throw FormatError("survey TXT files hold parcels only: export \(layer.rawValue) as geojson or csv", file: path)
        }
        if layer == .acquisitions, options.project == nil {
            throw FormatError("acquisitions are per project: choose a project", file: path, code: .projectNeeded)
        }
        if let p = options.project, try session.project(id: p) == nil {
            throw FormatError("no project \(p): see `landkit project list`", file: path)
        }
        let target: CRS
        switch options.format {
        case .txt, .dxf:
            if let c = options.crs {
                target = c
            } else if let gk = storageCRS.gaussKruger {
                target = CRS(epsg: GaussKruger.epsg(zone: gk.zone, prefixed: true))
            } else {
                target = storageCRS
            }
            guard options.format == .dxf || !target.isGeographic else {
                throw FormatError("survey TXT files hold Gauss-Krüger metres, not \(target)", file: path)
            }
        case .kml:
            target = options.crs ?? .cgcs2000
            guard target.isGeographic else { throw FormatError("KML holds lon/lat (WGS 84), not \(target)", file: path, code: .fixedCRS) }
        case .shp, .gpkg, .fgb, .gml, .gdb, .ogr:
            target = options.crs ?? storageCRS
        case .geojson, .csv:
            target = options.crs ?? .cgcs2000
        }
        let transformer = target == storageCRS ? nil : try Transformer(from: storageCRS, to: target)
        func place(_ g: Geometry) throws -> Geometry { try transformer?.transform(g) ?? g }

        var records: [FeatureRecord] = []
        var survey: [SurveyParcel] = []
        var count = 0
        var geojson: GeoJSONFeatureWriter?
        if options.format == .geojson {
            geojson = try GeoJSONFeatureWriter(
                path: path, legacyCRS: target == .cgcs2000 ? nil : target, decimals: target.isGeographic ? 9 : 3)
        }
        func emit(_ r: FeatureRecord) throws {
            count += 1
            if let geojson { try geojson.write(r) } else { records.append(r) }
        }
        func props(_ pairs: [(String, PropertyValue?)], _ attributes: String?) -> [FeatureRecord.Property] {
            var out = pairs.compactMap { k, v in v.map { FeatureRecord.Property(k, $0) } }
            if let attributes, let obj = try? JSONSerialization.jsonObject(with: Data(attributes.utf8)) as? [String: Any] {
                for k in obj.keys.sorted() where !out.contains(where: { $0.key == k }) {
                    out.append(.init(k, PropertyValue(json: obj[k])))
                }
            }
            return out
        }
        func s(_ v: String?) -> PropertyValue? { v.map(PropertyValue.string) }
        func n(_ v: Double?) -> PropertyValue? { v.map(PropertyValue.number) }

        switch layer {
        case .parcels, .acquisitions:
            var items: [String: ProjectItem] = [:]
            if let p = options.project {
                for i in try session.items(projectID: p, entity: .parcel) { items[i.id] = i }
            }
            var redLine: Geometry?
            let engine = try GeometryEngine()
            if layer == .acquisitions, let p = options.project {
                let zones = try session.zones(projectID: p).map(\.geometry)
                redLine = zones.count == 1 ? zones[0] : try engine.unaryUnion(.multiPolygon(zones.flatMap(\.polygons)))
            }
            try session.forEachParcel { p in
                var extra: [(String, PropertyValue?)] = []
                var geometry = p.geometry
                var acquiredHectares: Double?
                if options.project != nil {
                    guard let item = items[p.id] else { return }
                    if layer == .acquisitions {
                        guard !item.outOfZone else { return }
                        guard item.land?.sliver != true, let redLine else {
                            leftOut.append(p.id)
                            return
                        }
                        let piece = try engine.intersection(p.geometry, redLine, gridSize: 0.001).polygons
                        guard !piece.isEmpty, PlanarArea.of(.multiPolygon(piece)) > 0 else {
                            leftOut.append(p.id)
                            return
                        }
                        geometry = piece.count == 1 ? .polygon(piece[0]) : .multiPolygon(piece)
                        acquiredHectares = AreaUnit.hectares(squareMetres: item.overlapSquareMetres)
                        extra = [
                            ("project", s(item.projectID)), ("overlap_m2", n(item.overlapSquareMetres)),
                            ("overlap_planar_m2", n(item.land?.planarSquareMetres ?? 0)),
                            ("overlap_mu", n(AreaUnit.mu(squareMetres: item.overlapSquareMetres))),
                            ("fraction", n(item.land?.fraction ?? 0)),
                            ("stage", s(item.status.stage.code)), ("out_of_zone", .bool(item.outOfZone)),
                        ]
                    }
                }
                let g = try place(geometry)
                if options.format == .txt {
                    var fields = [String](repeating: "", count: 8)
                    fields[SurveyParcel.Field.code.rawValue] = p.id
                    if let acquiredHectares { fields[SurveyParcel.Field.areaHectares.rawValue] = String(format: "%.4f", acquiredHectares) }
                    fields[SurveyParcel.Field.name.rawValue] = [p.village, p.group].compactMap { $0 }.joined()
                    fields[SurveyParcel.Field.use.rawValue] = p.landClassName ?? ""
                    fields[SurveyParcel.Field.landClassCode.rawValue] = p.landClass ?? ""
                    survey.append(SurveyParcel(geometry: g, fields: fields))
                    count += 1
                    return
                }
                try emit(
                    FeatureRecord(
                        id: p.id, geometry: g,
                        properties: props(
                            [
                                ("village", s(p.village)), ("group", s(p.group)), ("land_class", s(p.landClass)),
                                ("land_class_name", s(p.landClassName)),
                                ("owner", s(p.owner)), ("area_m2", n(p.areaSquareMetres)), ("planar_area_m2", n(p.planarAreaSquareMetres)),
                                ("area_mu", n(AreaUnit.mu(squareMetres: p.areaSquareMetres))), ("repaired", s(p.repaired)),
                                ("raw_coordinates", s(p.rawCoordinates)),
                            ] + extra, p.attributesJSON)))
            }
        case .buildings:
            var inProject: Set<String>?
            if let p = options.project { inProject = Set(try session.items(projectID: p, entity: .household).map(\.id)) }
            try session.forEachBuilding(onlyDirty: false) { raw in
                if let inProject, !inProject.contains(raw.id) { return }
                let b = options.unmasked ? raw : raw.masked
                try emit(
                    FeatureRecord(
                        id: b.id, geometry: try place(b.geometry),
                        properties: props(
                            [
                                ("head", s(b.head)), ("id_card", s(b.idCard)), ("phone", s(b.phone)),
                                ("members", n(b.members.map(Double.init))),
                                ("floor_area_m2", n(b.floorAreaSquareMetres)), ("structure", s(b.structure)), ("village", s(b.village)),
                                ("group", s(b.group)),
                                ("repaired", s(b.repaired)), ("raw_coordinates", s(b.rawCoordinates)),
                            ], b.attributesJSON)))
            }
        case .utilities:
            var inProject: Set<String>?
            if let p = options.project { inProject = Set(try session.items(projectID: p, entity: .utility).map(\.id)) }
            try session.forEachUtility(onlyDirty: false) { u in
                if let inProject, !inProject.contains(u.id) { return }
                try emit(
                    FeatureRecord(
                        id: u.id, geometry: try place(u.geometry),
                        properties: props(
                            [
                                ("kind", s(u.kind)), ("name", s(u.name)), ("owner_company", s(u.ownerCompany)),
                                ("length_m", n(u.lengthMetres)), ("repaired", s(u.repaired)), ("raw_coordinates", s(u.rawCoordinates)),
                            ], u.attributesJSON)))
            }
        }

        switch options.format {
        case .geojson:
            try geojson?.finish()
        case .csv:
            let bytes = try CSVFeatureWriter.write(records, encoding: options.encoding)
            try write((options.byteOrderMark && options.encoding == .utf8 ? OutputSafety.utf8BOM : []) + bytes, to: path)
        case .shp, .gpkg, .kml, .dxf, .fgb, .gml, .gdb, .ogr:
            try OGRExport.write(records, layer: layer, to: path, format: options.format, crs: target, encoding: options.encoding)
        case .txt:
            let zone = target.gaussKruger?.zone
            let file = SurveyFile(
                header: SurveyFile.standardHeader(
                    zone: zone, producer: "LandKit \(LandKitInfo.version)", date: String(Timestamps.nowUTC().prefix(10))), parcels: survey)
            try write(try SurveyTXTWriter.write(file, encoding: options.encoding), to: path)
        }
        return Summary(count: count, leftOut: leftOut)
    }

    static func write(_ bytes: [UInt8], to path: String) throws(FormatError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw FormatError("cannot write the file (check the folder exists and is writable)", file: path)
        }
    }
}

extension PropertyValue {
    /// A value decoded by JSONSerialization.
    init(json: Any?) {
        guard let json else {
            self = .null
            return
        }
        if let s = json as? String {
            self = .string(s)
        } else if type(of: json) == Bool.self, let b = json as? Bool {
            self = .bool(b)
        } else if let n = json as? NSNumber {
            self = .number(n.doubleValue)
        } else {
            self = .null
        }
    }
}
