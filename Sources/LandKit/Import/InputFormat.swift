import Foundation

/// The kinds of feature files LandKit reads and writes.
///
/// GeoJSON, survey TXT and CSV have LandKit's own readers; every other format is read and written
/// through GDAL/OGR, whose driver detection decides what a file is when its name does not tell.
public enum FeatureFileFormat: String, CaseIterable, Sendable, Codable {
    /// GeoJSON FeatureCollection (RFC 7946 lon/lat unless a legacy "crs" member says otherwise).
    case geojson
    /// The land survey coordinate exchange file (国土TXT, 勘测定界/报批).
    case txt
    /// CSV with a WKT column or x/y columns.
    case csv
    /// ESRI Shapefile (.shp + .dbf + .shx, .prj for the CRS, .cpg for the text encoding).
    case shp
    /// OGC GeoPackage (one layer, chosen with `--layer` when there are several).
    case gpkg
    /// KML / KMZ (lon/lat, WGS 84).
    case kml
    /// AutoCAD DXF, e.g. from CASS: closed polylines are parcels, the text inside each is its id.
    case dxf
    /// FlatGeobuf.
    case fgb
    /// GML.
    case gml
    /// ESRI File Geodatabase folder (.gdb), read with GDAL's OpenFileGDB driver.
    case gdb
    /// Any other vector format an OGR driver reads (MapInfo, GPX …).
    case ogr

    /// True for the formats read and written through GDAL/OGR.
    public var isOGR: Bool {
        switch self {
        case .geojson, .txt, .csv: false
        default: true
        }
    }

    /// The OGR driver that writes this format, or nil for LandKit's own formats and `.ogr`.
    var writeDriver: String? {
        switch self {
        case .shp: "ESRI Shapefile"
        case .gpkg: "GPKG"
        case .kml: "KML"
        case .dxf: "DXF"
        case .fgb: "FlatGeobuf"
        case .gml: "GML"
        case .geojson, .txt, .csv, .gdb, .ogr: nil
        }
    }

    /// The format of a file an OGR driver opened.
    static func from(driver: String) -> FeatureFileFormat {
        switch driver {
        case "ESRI Shapefile": .shp
        case "GPKG": .gpkg
        case "KML", "LIBKML": .kml
        case "DXF": .dxf
        case "FlatGeobuf": .fgb
        case "GML": .gml
        case "OpenFileGDB", "FileGDB": .gdb
        case "GeoJSON", "GeoJSONSeq": .geojson
        case "CSV": .csv
        default: .ogr
        }
    }

    /// The format an extension names, or nil.
    public static func fromExtension(_ path: String) -> FeatureFileFormat? {
        var p = path
        while p.hasSuffix("/") { p.removeLast() }
        switch URL(fileURLWithPath: p).pathExtension.lowercased() {
        case "geojson", "json": return .geojson
        case "txt": return .txt
        case "csv": return .csv
        case "shp", "dbf": return .shp
        case "gpkg": return .gpkg
        case "kml", "kmz": return .kml
        case "dxf": return .dxf
        case "fgb": return .fgb
        case "gml": return .gml
        case "gdb": return .gdb
        default: return nil
        }
    }

    /// What a file that no reader recognises is told: the formats LandKit reads and how to convert others.
    static func unreadable(_ path: String) -> String {
        "not a format LandKit reads: GeoJSON, survey TXT (国土TXT), CSV (WKT or x/y columns), and through GDAL/OGR "
            + "ESRI Shapefile, GeoPackage, KML/KMZ, DXF, FlatGeobuf, GML, File Geodatabase (.gdb) and the other vector formats "
            + "`ogrinfo --formats` lists; convert it with `ogr2ogr -f GPKG out.gpkg \(path)` (or `-f GeoJSON out.geojson`), "
            + "or state its format"
    }

    /// Guesses the format from the extension, then from the first bytes, then by asking GDAL's drivers.
    /// - Throws: `FormatError` listing the readable formats when none tells.
    public static func guess(path: String) throws(FormatError) -> FeatureFileFormat {
        if let known = fromExtension(path) { return known }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FormatError("cannot open the file (missing or not readable)", file: path)
        }
        if !isDirectory.boolValue {
            guard let h = FileHandle(forReadingAtPath: path) else { throw FormatError("cannot open the file", file: path) }
            defer { try? h.close() }
            let head = (try? h.read(upToCount: 4096)) ?? Data()
            guard !head.isEmpty else { throw FormatError("the file is empty", file: path) }
            var bytes = [UInt8](head)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }), first == UInt8(ascii: "{") {
                return .geojson
            }
            // "[属性描述]" / "[地块坐标]" in UTF-8 or GBK both start with '['.
            if bytes.first == UInt8(ascii: "[") { return .txt }
            if let text = String(bytes: bytes.prefix(while: { $0 != 0x0A }), encoding: .utf8), text.contains(","), !text.contains("\u{0}") {
                return .csv
            }
        }
        if let dataset = OGRDataset.open(reading: path) { return from(driver: dataset.driverName) }
        throw FormatError(unreadable(path), file: path, code: .unknownFormat)
    }
}

/// The datum of lon/lat coordinates captured with phone map apps.
public enum LonLatDatum: String, CaseIterable, Sendable, Codable {
    /// GPS / WGS 84 (taken as CGCS2000; they agree to a few cm).
    case wgs84
    /// Amap / Tencent "Mars" coordinates.
    case gcj02
    /// Baidu coordinates.
    case bd09

    /// The WGS 84 position of a coordinate in this datum.
    public func toWGS84(_ c: Coordinate) -> Coordinate {
        switch self {
        case .wgs84: c
        case .gcj02: ChinaOffsets.wgs84(fromGCJ02: c)
        case .bd09: ChinaOffsets.wgs84(fromBD09: c)
        }
    }
}

/// Which feature table an import or export is about.
public enum FeatureLayer: String, CaseIterable, Sendable, Codable {
    case parcels
    case buildings
    case utilities
}
