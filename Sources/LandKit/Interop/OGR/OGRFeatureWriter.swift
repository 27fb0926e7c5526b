import CLandKitGDAL
import Foundation

/// One feature to write through OGR: geometry in the target CRS, attributes, and an optional OGR
/// style string (DXF: `LABEL(…)` makes a point a TEXT entity).
struct OGRWriteFeature {
    var geometry: Geometry
    var properties: [FeatureRecord.Property]
    var style: String?
}

/// Writes features to a new file with an OGR driver (Shapefile, GeoPackage, KML, DXF …).
enum OGRFeatureWriter {
    /// What to create.
    struct Target {
        /// OGR driver short name.
        var driver: String
        var layerName: String
        /// The CRS written into the file (.prj, gpkg_spatial_ref_sys); nil for formats without one (DXF).
        var crs: CRS?
        var datasetOptions: [String] = []
        var layerOptions: [String] = []
        /// False for drivers with a fixed schema (DXF): only properties naming existing fields (Layer) are set.
        var createFields = true
        /// The field name to create for a property key (Shapefile: ≤ 10 bytes).
        var fieldName: (String) -> String = { $0 }
        /// Width of text fields (0: the driver's default).
        var textWidth: Int32 = 0
    }

    /// Writes `features` to `path`, replacing an existing file.
    /// - Throws: `FormatError` naming the file (and the feature) with GDAL's message.
    static func write(_ features: [OGRWriteFeature], to path: String, target: Target) throws {
        try GDALRuntime.quietly { try writeQuietly(features, to: path, target: target) }
    }

    private static func writeQuietly(_ features: [OGRWriteFeature], to path: String, target: Target) throws(FormatError) {
        removeExisting(path, driver: target.driver)
        let geometryType = try layerGeometryType(features, driver: target.driver, file: path)
        let dataset = try OGRDataset.create(path, driver: target.driver, options: target.datasetOptions)
        let srs = try target.crs.map { c throws(FormatError) in try OGRSpatialReference(crs: c) }
        let created = GDALRuntime.withStringList(target.layerOptions) {
            GDALDatasetCreateLayer(dataset.handle, target.layerName, srs?.handle, geometryType, $0)
        }
        guard let layer = created else {
            throw FormatError("cannot create layer \(target.layerName): \(GDALRuntime.lastError ?? "GDAL gave no reason")", file: path)
        }
        // Fields: every key in order of first appearance; numbers → Real, booleans → Integer(Boolean), else String.
        var keys: [String] = []
        var kinds: [String: PropertyKind] = [:]
        for f in features {
            for p in f.properties {
                let k = PropertyKind(p.value)
                if let old = kinds[p.key] {
                    kinds[p.key] = old.merged(k)
                } else {
                    keys.append(p.key)
                    kinds[p.key] = k
                }
            }
        }
        var fieldIndex: [String: Int32] = [:]
        if target.createFields {
            for key in keys {
                let kind = kinds[key] ?? .text
                guard let fd = OGR_Fld_Create(target.fieldName(key), kind.ogrType) else { continue }
                if kind == .bool { OGR_Fld_SetSubType(fd, OFSTBoolean) }
                if kind == .text, target.textWidth > 0 { OGR_Fld_SetWidth(fd, target.textWidth) }
                let err = OGR_L_CreateField(layer, fd, 1)
                OGR_Fld_Destroy(fd)
                guard err == OGRERR_NONE, let defn = OGR_L_GetLayerDefn(layer) else {
                    throw FormatError("cannot create field \(key): \(GDALRuntime.lastError ?? "GDAL gave no reason")", file: path)
                }
                fieldIndex[key] = OGR_FD_GetFieldCount(defn) - 1
            }
        } else if let defn = OGR_L_GetLayerDefn(layer) {
            for key in keys {
                let i = OGR_FD_GetFieldIndex(defn, key)
                if i >= 0 { fieldIndex[key] = i }
            }
        }
        guard let defn = OGR_L_GetLayerDefn(layer) else { throw FormatError("GDAL lost the layer definition", file: path) }
        let transaction = target.driver == "GPKG" && GDALDatasetStartTransaction(dataset.handle, 0) == OGRERR_NONE
        for (n, feature) in features.enumerated() {
            guard let f = OGR_F_Create(defn) else { throw FormatError("GDAL could not create a feature", file: path) }
            defer { OGR_F_Destroy(f) }
            for p in feature.properties {
                guard let i = fieldIndex[p.key] else { continue }
                switch p.value {
                case .null: OGR_F_SetFieldNull(f, i)
                case .number(let d): OGR_F_SetFieldDouble(f, i, d)
                case .bool(let b): OGR_F_SetFieldInteger(f, i, b ? 1 : 0)
                case .string(let s): OGR_F_SetFieldString(f, i, s)
                }
            }
            var g = feature.geometry
            if geometryType == wkbMultiPolygon, case .polygon(let p) = g { g = .multiPolygon([p]) }
            OGR_F_SetGeometryDirectly(f, try OGRGeometry.make(g))
            if let style = feature.style { OGR_F_SetStyleString(f, style) }
            guard OGR_L_CreateFeature(layer, f) == OGRERR_NONE else {
                let id = feature.properties.first { $0.key == "id" }?.value.text ?? "#\(n + 1)"
                throw FormatError("cannot write the feature: \(GDALRuntime.lastError ?? "GDAL gave no reason")", file: path, feature: id)
            }
        }
        if transaction, GDALDatasetCommitTransaction(dataset.handle) != OGRERR_NONE {
            throw FormatError("cannot commit the GeoPackage: \(GDALRuntime.lastError ?? "GDAL gave no reason")", file: path)
        }
        OGR_L_SyncToDisk(layer)
    }

    enum PropertyKind: Equatable {
        case number, bool, text, null

        init(_ v: PropertyValue) {
            switch v {
            case .number: self = .number
            case .bool: self = .bool
            case .string: self = .text
            case .null: self = .null
            }
        }

        func merged(_ other: PropertyKind) -> PropertyKind {
            if self == other || other == .null { return self }
            if self == .null { return other }
            return .text
        }

        var ogrType: OGRFieldType {
            switch self {
            case .number: OFTReal
            case .bool: OFTInteger
            case .text, .null: OFTString
            }
        }
    }

    /// Shapefiles hold one kind of geometry; other formats take any.
    static func layerGeometryType(_ features: [OGRWriteFeature], driver: String, file: String) throws(FormatError) -> OGRwkbGeometryType {
        guard driver == "ESRI Shapefile" else {
            // GeoPackage and the others declare the type when the features allow (QGIS shows it); polygons go in as multi.
            if driver != "DXF", driver != "KML", !features.isEmpty, features.allSatisfy({ $0.geometry.isPolygonal }) {
                return wkbMultiPolygon
            }
            return wkbUnknown
        }
        var types = Set<String>()
        for f in features {
            switch f.geometry {
            case .polygon, .multiPolygon: types.insert("polygons")
            case .lineString, .multiLineString: types.insert("lines")
            case .point: types.insert("points")
            case .multiPoint: types.insert("multipoints")
            case .geometryCollection: types.insert("collections")
            }
        }
        guard types.count <= 1 else {
            throw FormatError(
                "a Shapefile holds one kind of geometry, but these features mix \(types.sorted().joined(separator: " and ")): export as GeoPackage (.gpkg) or GeoJSON",
                file: file)
        }
        switch types.first {
        case "polygons": return wkbPolygon
        case "lines": return wkbLineString
        case "points": return wkbPoint
        case "multipoints": return wkbMultiPoint
        case nil: return wkbPolygon
        default: throw FormatError("a Shapefile cannot hold geometry collections: export as GeoPackage (.gpkg)", file: file)
        }
    }

    /// An export replaces its file: the Shapefile's sidecar files too.
    static func removeExisting(_ path: String, driver: String) {
        let fm = FileManager.default
        if driver == "ESRI Shapefile" {
            let stem = URL(fileURLWithPath: path).deletingPathExtension()
            for ext in ["shp", "shx", "dbf", "prj", "cpg", "qix", "sbn", "sbx"] {
                try? fm.removeItem(at: stem.appendingPathExtension(ext))
            }
        } else {
            try? fm.removeItem(atPath: path)
        }
    }
}
