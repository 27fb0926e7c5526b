import CLandKitGDAL
import Foundation

/// Reads features from any vector file an OGR driver recognises (Shapefile, GeoPackage, KML/KMZ,
/// DXF, FlatGeobuf, GML, OpenFileGDB …), with the CRS from the layer's SRS (.prj, gpkg_spatial_ref_sys …).
///
/// Coordinates are the file's own: (x, y) as stored, in the layer's CRS; ``CoordinateSanity`` decides
/// order and zone later, as for every other format. Every value is read as written; text is UTF-8,
/// except in Shapefiles without a .cpg (or with `encoding` given), whose bytes are decoded here:
/// UTF-8 when every text is valid UTF-8, GBK (GB18030) otherwise — what Chinese .dbf files usually are.
struct OGRFeatureReader {
    /// What was read from one file.
    struct Contents {
        var features: [FeatureRecord] = []
        /// OGR's own feature id (FID) of each feature, as text.
        var nativeIDs: [String?] = []
        /// The CRS of the layer's SRS, nil when the file has none (DXF) or it has no EPSG match.
        var crs: CRS?
        /// Set when the layer has an SRS that matches no EPSG code.
        var unknownCRS: String?
        /// The OGR driver's short name ("ESRI Shapefile", "GPKG", "KML", "DXF" …).
        var driver = ""
        var layers: [String] = []
        /// The text encoding found for a raw-bytes Shapefile.
        var encoding: TextEncoding?
        var diagnostics: [Diagnostic] = []
    }

    /// The most items of a string-list field kept per feature (a DXF entity's raw group codes).
    static let maxListItems = 4096

    /// True when some OGR vector driver recognises `path`.
    static func canRead(_ path: String) -> Bool { OGRDataset.open(reading: path) != nil }

    /// Reads every feature of the chosen layer(s).
    /// - Parameters:
    ///   - layer: the layer to read (`--layer`); nil reads the only layer, or every layer of a KML file.
    ///   - encoding: the text encoding of a Shapefile's .dbf (`--encoding`), overriding its .cpg.
    /// - Throws: `FormatError` naming the file when no driver reads it or the layer is missing or ambiguous.
    static func read(_ path: String, layer: String?, encoding: TextEncoding?) throws(FormatError) -> Contents {
        // Opening a GML file without .xsd would otherwise leave a .gfs file beside the user's file.
        let options = FeatureFileFormat.fromExtension(path) == .gml ? ["WRITE_GFS=NO"] : []
        // DXF: the group codes OGR does not map, extended entity data (XDATA) among them, in a
        // RawCodeValues list (CASS keeps its feature code there). Set on this thread only, for this read.
        CPLSetThreadLocalConfigOption("DXF_INCLUDE_RAW_CODE_VALUES", "TRUE")
        defer { CPLSetThreadLocalConfigOption("DXF_INCLUDE_RAW_CODE_VALUES", nil) }
        guard var dataset = OGRDataset.open(reading: path, openOptions: options) else {
            throw FormatError(FeatureFileFormat.unreadable(path), file: path, code: .unknownFormat)
        }
        var contents = Contents()
        contents.driver = dataset.driverName
        var raw = false
        if contents.driver == "ESRI Shapefile" && (encoding != nil || !hasCPG(path)) {
            // Bytes as stored: GDAL would otherwise take a .dbf without .cpg as ISO-8859-1.
            if let reopened = OGRDataset.open(reading: path, openOptions: ["ENCODING="]) {
                dataset = reopened
                raw = true
            }
        }
        let all = dataset.layers
        contents.layers = all.map(\.name)
        let chosen: [OGRLayer]
        if let layer {
            guard let l = all.first(where: { $0.name == layer }) ?? all.first(where: { $0.name.lowercased() == layer.lowercased() })
            else {
                throw FormatError("has no layer \"\(layer)\" (layers: \(contents.layers.joined(separator: ", ")))", file: path)
            }
            chosen = [l]
        } else if all.count == 1 || contents.driver == "KML" || contents.driver == "LIBKML" {
            chosen = all
        } else if all.isEmpty {
            throw FormatError("has no layers", file: path)
        } else {
            throw FormatError(
                "has \(all.count) layers (\(contents.layers.joined(separator: ", "))): choose one", file: path, code: .layerNeeded)
        }

        // Field names and text values are kept as bytes until the file's encoding is known.
        enum Value {
            case number(Double)
            case text(Int)
        }
        var rawTexts: [[UInt8]] = []
        var pending: [(geometry: Geometry, values: [(key: Int, value: Value)])] = []
        for l in chosen {
            if contents.crs == nil, contents.unknownCRS == nil, let srs = OGRSpatialReference(copying: OGR_L_GetSpatialRef(l.handle)) {
                if let code = srs.epsg { contents.crs = CRS(epsg: code) } else { contents.unknownCRS = srs.name }
            }
            guard let defn = OGR_L_GetLayerDefn(l.handle) else { continue }
            let fieldCount = Int(OGR_FD_GetFieldCount(defn))
            var names: [Int] = []
            var numeric: [Bool] = []
            var lists: [Bool] = []
            for i in 0..<fieldCount {
                let fd = OGR_FD_GetFieldDefn(defn, Int32(i))
                names.append(rawTexts.count)
                rawTexts.append(GDALRuntime.bytes(OGR_Fld_GetNameRef(fd)))
                let t = fd.map { OGR_Fld_GetType($0) } ?? OFTString
                numeric.append(t == OFTInteger || t == OFTInteger64 || t == OFTReal)
                lists.append(t == OFTStringList)
            }
            GDALRuntime.quietly { OGR_L_ResetReading(l.handle) }
            var index = 0
            while let f = GDALRuntime.quietly({ OGR_L_GetNextFeature(l.handle) }) {
                defer { OGR_F_Destroy(f) }
                index += 1
                let fid = OGR_F_GetFID(f)
                let label = (chosen.count > 1 ? "\(l.name) " : "") + (fid == OGRNullFID ? "#\(index)" : "fid \(fid)")
                guard let g = OGR_F_GetGeometryRef(f) else {
                    contents.diagnostics.append(Diagnostic(.error, "has no geometry", file: path, feature: label))
                    continue
                }
                let geometry: Geometry
                do {
                    geometry = try OGRGeometry.value(g)
                } catch {
                    contents.diagnostics.append(Diagnostic(.error, "geometry: \(error.message)", file: path, feature: label))
                    continue
                }
                var values: [(key: Int, value: Value)] = []
                for i in 0..<fieldCount where OGR_F_IsFieldSetAndNotNull(f, Int32(i)) != 0 {
                    if numeric[i] {
                        values.append((names[i], .number(OGR_F_GetFieldAsDouble(f, Int32(i)))))
                    } else if lists[i] {
                        // A string list (DXF RawCodeValues): its items one per line.
                        var items: [[UInt8]] = []
                        if var p = OGR_F_GetFieldAsStringList(f, Int32(i)) {
                            while let item = p.pointee, items.count < Self.maxListItems {
                                items.append(GDALRuntime.bytes(item))
                                p += 1
                            }
                        }
                        values.append((names[i], .text(rawTexts.count)))
                        rawTexts.append(Array(items.joined(separator: [0x0A])))
                    } else {
                        values.append((names[i], .text(rawTexts.count)))
                        rawTexts.append(GDALRuntime.bytes(OGR_F_GetFieldAsString(f, Int32(i))))
                    }
                }
                pending.append((geometry, values))
                contents.nativeIDs.append(fid == OGRNullFID ? nil : String(fid))
            }
        }

        // Decode every text the same way: one encoding per file.
        let decode: ([UInt8]) -> String
        if raw {
            let found: TextEncoding =
                encoding ?? (rawTexts.allSatisfy { String(validating: $0, as: UTF8.self) != nil } ? .utf8 : .gb18030)
            contents.encoding = found
            if encoding == nil && found == .gb18030 {
                contents.diagnostics.append(
                    Diagnostic(
                        .warning, "no .cpg file and the .dbf text is not UTF-8: read as GBK", file: path, code: .encoding))
            }
            decode = { bytes in
                if found == .gb18030, let u = TextDecoding.convert(bytes, from: "GB18030", to: "UTF-8") {
                    return String(decoding: u, as: UTF8.self)
                }
                return String(decoding: bytes, as: UTF8.self)
            }
        } else {
            decode = { String(decoding: $0, as: UTF8.self) }
        }
        let decoded = rawTexts.map(decode)
        for (geometry, values) in pending {
            let props = values.map { key, value in
                switch value {
                case .number(let d): FeatureRecord.Property(decoded[key], .number(d))
                case .text(let t): FeatureRecord.Property(decoded[key], .string(decoded[t]))
                }
            }
            contents.features.append(FeatureRecord(id: nil, geometry: geometry, properties: props))
        }
        return contents
    }

    /// True when a Shapefile has its code page file (x.cpg beside x.shp / x.dbf, or inside a folder).
    static func hasCPG(_ path: String) -> Bool {
        let url = URL(fileURLWithPath: path)
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            let items = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            return items.contains { $0.lowercased().hasSuffix(".cpg") }
        }
        let stem = url.deletingPathExtension()
        return ["cpg", "CPG"].contains { fm.fileExists(atPath: stem.appendingPathExtension($0).path) }
    }
}
