import Foundation

/// Export records through GDAL: the per-format layout (Shapefile field names and encoding, KML
/// names, DXF outlines and labels) on top of ``OGRFeatureWriter``.
enum OGRExport {
    /// CAD layers of a DXF export, named as CASS names them: 界址线 (JZX) outlines, 宗地号 (ZDH) labels.
    static let outlineLayer = "JZX"
    static let labelLayer = "ZDH"
    /// Height of the id text in a DXF export, metres on the ground (legible at 1:500–1:2000).
    static let labelHeightMetres = 2.0

    /// - Parameters:
    ///   - records: features in the target CRS.
    ///   - crs: the CRS of their coordinates (KML: lon/lat, written as WGS 84).
    ///   - encoding: Shapefile .dbf encoding (.cpg UTF-8, or CP936 = GBK for older tools).
    static func write(
        _ records: [FeatureRecord], layer: ExportLayer, to path: String, format: FeatureFileFormat, crs: CRS, encoding: TextEncoding
    ) throws {
        guard let driver = format.writeDriver else { throw FormatError("LandKit does not write \(format.rawValue) files", file: path) }
        let features = records.map { r in
            OGRWriteFeature(geometry: r.geometry, properties: [.init("id", .string(r.id ?? ""))] + r.properties, style: nil)
        }
        var target = OGRFeatureWriter.Target(driver: driver, layerName: layer.rawValue, crs: crs)
        switch format {
        case .shp:
            target.layerName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            target.layerOptions = ["ENCODING=\(encoding == .utf8 ? "UTF-8" : "CP936")"]
            target.textWidth = 254
            let names = shapefileFieldNames(features.flatMap { $0.properties.map(\.key) }, encoding: encoding)
            target.fieldName = { names[$0] ?? $0 }
            try OGRFeatureWriter.write(features, to: path, target: target)
        case .kml:
            // KML is WGS 84 lon/lat only; CGCS2000 lon/lat agrees with it to a few cm.
            target.crs = .wgs84
            target.datasetOptions = ["NameField=id"]
            try OGRFeatureWriter.write(features, to: path, target: target)
        case .dxf:
            target.crs = nil
            target.createFields = false
            try OGRFeatureWriter.write(try dxfFeatures(records, layer: layer), to: path, target: target)
        default:
            try OGRFeatureWriter.write(features, to: path, target: target)
        }
    }

    /// Outlines as closed polylines on JZX and each id as a TEXT entity on ZDH at a point inside the
    /// outline, as CASS draws parcels; other geometries as they are, labelled the same way.
    static func dxfFeatures(_ records: [FeatureRecord], layer: ExportLayer) throws -> [OGRWriteFeature] {
        let engine = try GeometryEngine()
        let polygonal = layer == .parcels || layer == .acquisitions
        let lines = polygonal ? outlineLayer : layer.rawValue
        let labels = polygonal ? labelLayer : "\(layer.rawValue)_id"
        var out: [OGRWriteFeature] = []
        for r in records {
            let layerField = FeatureRecord.Property("Layer", .string(lines))
            if r.geometry.isPolygonal {
                for ring in r.geometry.polygons.flatMap(\.rings) {
                    out.append(OGRWriteFeature(geometry: .lineString(ring), properties: [layerField], style: nil))
                }
            } else {
                out.append(OGRWriteFeature(geometry: r.geometry, properties: [layerField], style: nil))
            }
            guard let id = r.id, !id.isEmpty else { continue }
            let at = try engine.pointOnSurface(r.geometry)
            let text = id.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            out.append(
                OGRWriteFeature(
                    geometry: .point(at), properties: [.init("Layer", .string(labels))],
                    style: "LABEL(f:\"SimSun\",t:\"\(text)\",s:\(PropertyValue.format(labelHeightMetres))g,p:5)"))
        }
        return out
    }

    /// Shapefile (dBASE) field names: at most 10 bytes in the file's encoding, unique. LandKit's long
    /// names get readable abbreviations; other names are cut at a character boundary.
    static func shapefileFieldNames(_ keys: [String], encoding: TextEncoding) -> [String: String] {
        let abbreviations = [
            "land_class_name": "lc_name", "planar_area_m2": "planar_m2", "raw_coordinates": "raw_coords",
            "overlap_planar_m2": "ovl_pl_m2", "out_of_zone": "out_zone", "floor_area_m2": "floor_m2", "owner_company": "owner_co",
        ]
        func size(_ s: String) -> Int {
            encoding == .utf8 ? s.utf8.count : ((try? TextDecoding.encode(s, as: .gb18030))?.count ?? s.utf8.count)
        }
        func cut(_ s: String, to limit: Int) -> String {
            var out = ""
            for c in s where size(out + String(c)) <= limit { out.append(c) }
            return out
        }
        var names: [String: String] = [:]
        var used = Set<String>()
        for key in keys where names[key] == nil {
            var name = cut(abbreviations[key] ?? key, to: 10)
            var n = 1
            while used.contains(name.lowercased()) {
                n += 1
                name = cut(abbreviations[key] ?? key, to: 10 - "_\(n)".count) + "_\(n)"
            }
            used.insert(name.lowercased())
            names[key] = name
        }
        return names
    }
}
