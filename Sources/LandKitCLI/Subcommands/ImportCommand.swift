import ArgumentParser
import Foundation
import LandKit
import LandKitStore

extension FeatureFileFormat: ExpressibleByArgument {}
extension LonLatDatum: ExpressibleByArgument {}
extension FeatureLayer: ExpressibleByArgument {}
extension ExportLayer: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {
    /// utf8 / utf-8, or gbk / gb18030 (GBK files are written as GB18030, its superset).
    public init?(argument: String) {
        switch argument.lowercased() {
        case "utf8", "utf-8": self = .utf8
        case "gbk", "gb18030", "gb2312": self = .gb18030
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["utf8", "gbk"] }
}

/// Options shared by import and validate.
struct ReadOptions: ParsableArguments {
    @Option(help: "File format (default: from the extension and content).")
    var format: FeatureFileFormat?

    @Option(
        help: ArgumentHelp(
            "CRS of the file's coordinates, overriding what the file says: EPSG:NNNN, zoneNN, cmNNN, wgs84, cgcs2000.", valueName: "CRS"))
    var crs: String?

    @Option(help: "Datum of lon/lat captured with map apps: wgs84, gcj02 (Amap/Tencent) or bd09 (Baidu).")
    var from: LonLatDatum?

    @Option(help: ArgumentHelp("Property or column holding feature ids.", valueName: "NAME"))
    var idField: String?

    @Flag(help: "Leave out features with errors (reported) instead of failing the whole import.")
    var skipInvalid = false

    @Option(
        help: ArgumentHelp(
            "Layer of a GeoPackage or .gdb with several; for DXF the CAD layer of the outlines (import also takes --layer).",
            valueName: "NAME"))
    var sourceLayer: String?

    @Option(
        help: ArgumentHelp(
            "For DXF: the CAD layer of the 宗地号 texts (CASS: ZDH); texts on other layers are not labels.", valueName: "NAME"))
    var labelLayer: String?

    @Option(
        help: ArgumentHelp(
            "For DXF: only outlines with these CASS feature codes (XDATA of SOUTH), comma-separated; their XDATA values become attributes xdata.APP.N.",
            valueName: "CODES"))
    var cassCode: String?

    @Option(help: "Text encoding of a Shapefile's .dbf: utf8 or gbk (default: its .cpg, else UTF-8 when valid, else GBK).")
    var encoding: TextEncoding?

    @Flag(help: "Read a surveyor's point list (点号, X, Y rows; X = northing) as one parcel, joining the points in order.")
    var pointsToPolygon = false

    func options(dryRun: Bool, layer: String? = nil) throws -> ImportOptions {
        ImportOptions(
            format: format, crs: try crs.map { try CRS(parsing: $0) }, from: from, idField: idField, dryRun: dryRun,
            skipInvalid: skipInvalid, layer: layer ?? sourceLayer, encoding: encoding, pointsToPolygon: pointsToPolygon,
            labelLayer: labelLayer,
            cassCodes: cassCode.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }) }
        )
    }
}

/// The column names each layer recognises, for `import --help`.
let columnHelp = FeatureLayer.allCases.map { layer in
    "  \(layer.rawValue):\n"
        + FieldMapping.glossary(layer).map { "    \($0.field): \($0.names.joined(separator: ", "))" }.joined(separator: "\n")
}.joined(separator: "\n")

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import parcels, buildings or utilities from GeoJSON, survey TXT, CSV or any vector format GDAL reads.",
        discussion: Help.text(
            """
            Features are upserted by id in one transaction: unchanged features are left alone, a changed geometry is
            recorded as an event and marks the feature's overlaps stale. Invalid geometry is repaired (GEOS MakeValid,
            STRUCTURE method) and reported. Any error leaves the database unchanged.

            Besides GeoJSON, survey TXT and CSV, every vector format GDAL/OGR reads is accepted, detected by GDAL's
            drivers: ESRI Shapefile (.prj for the CRS, .cpg for the encoding; without .cpg UTF-8 when valid, else GBK),
            GeoPackage (--layer), KML/KMZ, DXF (CASS drawings: each closed polyline is a parcel, the text inside it its
            id), FlatGeobuf, GML, File Geodatabase (.gdb folders). Features without an id property take adcode,
            OBJECTID, FID, GDAL's feature id or their position, with a warning.

            Columns recognised (case-insensitive; everything else is kept as an attribute):
            \(columnHelp)

            Examples:
              landkit import parcels parcels.geojson
              landkit import parcels 勘测定界.txt --crs zone35
              landkit import parcels 宗地.shp --encoding gbk
              landkit import parcels 地籍.dxf --layer JZX --crs cm105
              landkit import parcels 界址点.csv --points-to-polygon --crs zone35
              landkit import buildings houses.csv --from gcj02 --id-field 编号 --dry-run
            """))

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "parcels, buildings or utilities.")
    var layer: FeatureLayer

    @Argument(help: "The file to import.")
    var file: String

    @OptionGroup var read: ReadOptions

    @Option(name: .customLong("layer"), help: ArgumentHelp("Same as --source-layer.", valueName: "NAME"))
    var sourceLayerName: String?

    @Flag(help: "Check and report what would happen; write nothing.")
    var dryRun = false

    @Flag(help: "Let this file's features replace features of the same id imported from another file.")
    var replace = false

    @OptionGroup var problems: ProblemOptions

    func run() throws {
        let store = try database.open()
        let importer = try FeatureImporter(storageCRS: store.storageCRS)
        let progress = ProgressLine(label: "importing \(layer.rawValue)", unit: "features")
        defer { progress.finish() }
        importer.progress = progress.handler
        var options = try read.options(dryRun: dryRun, layer: sourceLayerName)
        options.replace = replace
        let summary = try problems.run({ try importer.run(file, layer: layer, options: options, into: store) }, diagnostics: \.diagnostics)
        progress.finish()
        report(summary)
    }

    func report(_ s: ImportSummary) {
        for d in s.diagnostics { Output.err(ErrorHints.describe(d)) }
        let verb = s.dryRun ? "would import" : "imported"
        var line =
            "\(verb) \(s.layer.rawValue) from \(s.file) (\(s.driver.map { "\(s.format.rawValue) via GDAL \($0)" } ?? s.format.rawValue)"
        if let crs = s.sourceDescription { line += ", \(crs)" }
        line += "): \(s.read) read, \(s.inserted) new, \(s.updated) updated, \(s.unchanged) unchanged"
        if !s.repaired.isEmpty { line += ", \(s.repaired.count) repaired" }
        if s.rejected > 0 { line += ", \(s.rejected) left out" }
        Output.out(line + (s.dryRun ? " (dry run: nothing written)" : ""))
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a feature file without importing anything.",
        discussion: Help.text(
            """
            Reports every problem with its file, line and feature: coordinates that do not fit the CRS, invalid geometry
            (with GEOS's reason), duplicate ids, survey-file deviations. Exit status 1 when there are errors. The file is
            checked against the storage CRS of --storage-crs, else of the database (--db, $LANDKIT_DB, or ./landkit.gpkg
            when it exists), else EPSG:4544. Nothing is written to the database.

            Example:
              landkit validate 勘测定界.txt
            """))

    @Argument(help: "The file to check.")
    var file: String

    @Option(help: "What the file holds: parcels, buildings or utilities.")
    var layer: FeatureLayer = .parcels

    @Option(help: ArgumentHelp("The CRS the features would be stored in (default: the database's, else EPSG:4544).", valueName: "CRS"))
    var storageCrs: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var read: ReadOptions

    /// --storage-crs, else the storage CRS of a database named by --db or $LANDKIT_DB (which must open), else of
    /// ./landkit.gpkg if there is one, else EPSG:4544.
    func storageCRS() throws -> CRS {
        if let storageCrs { return try CRS(parsing: storageCrs) }
        if database.isGiven || FileManager.default.fileExists(atPath: database.resolvedPath) { return try database.open().storageCRS }
        return .cm105
    }

    func run() throws {
        let importer = try FeatureImporter(storageCRS: try storageCRS())
        let s = try importer.validate(file, layer: layer, options: try read.options(dryRun: true))
        for d in s.diagnostics { Output.err(ErrorHints.describe(d)) }
        let errors = s.errors.count, warnings = s.diagnostics.count - errors
        Output.out(
            "\(file): \(s.read) features (\(s.format.rawValue)\(s.sourceDescription.map { ", \($0)" } ?? "")), \(errors) errors, \(warnings) warnings, \(s.repaired.count) would be repaired"
        )
        if errors > 0 { throw ExitCode.failure }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Export parcels, buildings, utilities or a project's acquisitions to GeoJSON, survey TXT, CSV, Shapefile, KML, DXF or GeoPackage.",
        discussion: Help.text(
            """
            The format comes from the extension: .geojson, .txt, .csv, and through GDAL .shp (with .prj and .cpg), .kml,
            .dxf (outlines on layer JZX, ids as text on ZDH), .gpkg, .fgb, .gml. GeoJSON and CSV are written in RFC 7946
            lon/lat (CGCS2000) and KML in WGS 84 lon/lat; survey TXT and DXF in the storage zone with prefixed eastings;
            Shapefile, GeoPackage, FlatGeobuf and GML in the storage CRS; --crs overrides. Personal data is masked unless
            --unmasked is given. Acquisitions are the acquired pieces (parcel ∩ the project's red lines) with their
            ellipsoidal areas, which add up to the project's required area; slivers are left out and listed.

            Examples:
              landkit export parcels out.geojson
              landkit export parcels 宗地.shp --encoding gbk
              landkit export parcels 宗地.dxf
              landkit export acquisitions x-ave-ext.csv --project x-ave-ext
              landkit export parcels 报批.txt --encoding gbk
            """))

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "parcels, buildings, utilities or acquisitions.")
    var layer: ExportLayer

    @Argument(help: "The file to write.")
    var file: String

    @Option(help: "File format (default: from the extension).")
    var format: FeatureFileFormat?

    @Option(help: ArgumentHelp("CRS to write.", valueName: "CRS"))
    var crs: String?

    @Option(help: "Only items of this project.")
    var project: String?

    @Option(help: "Text encoding for TXT, CSV and Shapefile (.cpg UTF-8 or CP936): utf8 or gbk.")
    var encoding: TextEncoding = .utf8

    @Flag(help: "Write personal data (names, ID numbers, phones) in full.")
    var unmasked = false

    @Flag(inversion: .prefixedNo, help: "Start CSV with a UTF-8 byte-order mark (Excel on Windows reads Chinese text then).")
    var bom = true

    func run() throws {
        let store = try database.open()
        let fmt: FeatureFileFormat
        if let format {
            fmt = format
        } else {
            guard let byExtension = FeatureFileFormat.fromExtension(file), byExtension != .gdb else {
                throw ValidationError(
                    "cannot tell the format from \(file): use .geojson, .txt, .csv, .shp, .kml, .dxf, .gpkg, .fgb or .gml, or pass --format"
                )
            }
            fmt = byExtension
        }
        let options = ExportOptions(
            format: fmt, crs: try crs.map { try CRS(parsing: $0) }, project: project, unmasked: unmasked, encoding: encoding,
            byteOrderMark: bom)
        let summary = try store.read { s in
            try FeatureExporter.exportWithSummary(layer, to: file, options: options, from: s, storageCRS: store.storageCRS)
        }
        if !summary.leftOut.isEmpty {
            let shown = summary.leftOut.prefix(20).joined(separator: ", ") + (summary.leftOut.count > 20 ? ", …" : "")
            Output.err(
                "left out \(summary.leftOut.count) sliver parcel\(summary.leftOut.count == 1 ? "" : "s") (no acquired piece): \(shown)")
        }
        Output.out(
            "wrote \(summary.count) \(layer.rawValue) to \(file) (\(fmt.rawValue))\(unmasked ? "" : layer == .buildings ? ", personal data masked" : "")"
        )
    }
}
