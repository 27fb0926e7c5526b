import Foundation

/// A layer's default style as the database keeps it (GeoPackage `layer_styles`).
public struct StoredLayerStyle: Sendable, Hashable {
    /// The feature table or view (`land_progress`, `zones` …).
    public var table: String
    /// Its declared geometry type (POINT, MULTIPOLYGON, GEOMETRY …).
    public var geometryType: String
    /// The QML document.
    public var qml: String

    public init(table: String, geometryType: String, qml: String) {
        self.table = table
        self.geometryType = geometryType
        self.qml = qml
    }
}

/// A QGIS project (.qgs XML) over a LandKit GeoPackage: one group per project with its progress
/// layers and red line, each a filter (`subset`) of the GeoPackage's views, drawn with the styles
/// stored in the file.
public enum QGISProject {
    /// The layers of one project group, top to bottom: (table, Chinese name, filter column). The red
    /// line is on top, so its outline shows over the parcels it cuts.
    static let layers = [
        ("zones", "红线", "project_id"), ("household_progress", "房屋拆迁进度", "project"),
        ("utility_progress", "杆线迁改进度", "project"), ("land_progress", "征地进度", "project"),
    ]

    /// The .qgs document.
    /// - Parameters:
    ///   - geoPackage: the database path as the project should name it (relative to the project file, or absolute).
    ///   - relative: whether `geoPackage` is relative to the project file.
    ///   - crs: the storage CRS (the project's and every layer's).
    ///   - projects: the groups, in order.
    ///   - styles: the stored default styles by table; a layer without one gets QGIS's default symbol.
    public static func document(
        geoPackage: String, relative: Bool, crs: CRS, projects: [Project], styles: [String: StoredLayerStyle]
    ) throws -> String {
        let srs = """
            <spatialrefsys><wkt>\(xml(try crs.wkt()))</wkt><authid>\(crs)</authid></spatialrefsys>
            """
        var tree: [String] = []
        var mapLayers: [String] = []
        for p in projects {
            var entries: [String] = []
            for (table, title, column) in layers {
                let id = "\(table)_\(p.id)".map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
                let source = "\(geoPackage)|layername=\(table)|subset=\"\(column)\" = '\(p.id.replacingOccurrences(of: "'", with: "''"))'"
                let name = "\(title) \(p.name)"
                entries.append(
                    "      <layer-tree-layer id=\"\(xml(id))\" name=\"\(xml(name))\" source=\"\(xml(source))\" providerKey=\"ogr\" checked=\"Qt::Checked\" expanded=\"1\"/>"
                )
                let style = styles[table]
                let (geometry, wkb) = kind(style?.geometryType ?? (table == "zones" ? "MULTIPOLYGON" : "GEOMETRY"))
                mapLayers.append(
                    """
                        <maplayer type="vector" geometry="\(geometry)" wkbType="\(wkb)">
                          <id>\(xml(id))</id>
                          <datasource>\(xml(source))</datasource>
                          <layername>\(xml(name))</layername>
                          <srs>\(srs)</srs>
                          <provider encoding="UTF-8">ogr</provider>
                    \(style.flatMap { renderer(of: $0.qml) } ?? "")
                        </maplayer>
                    """)
            }
            tree.append(
                """
                    <layer-tree-group name="\(xml("\(p.name) (\(p.id))"))" checked="Qt::Checked" expanded="1">
                \(entries.joined(separator: "\n"))
                    </layer-tree-group>
                """)
        }
        return """
            <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
            <qgis projectname="LandKit" version="3.22.0">
              <title>LandKit 征地拆迁进度</title>
              <projectCrs>\(srs)</projectCrs>
              <layer-tree-group>
            \(tree.joined(separator: "\n"))
              </layer-tree-group>
              <projectlayers>
            \(mapLayers.joined(separator: "\n"))
              </projectlayers>
              <properties>
                <Paths><Absolute type="bool">\(relative ? "false" : "true")</Absolute></Paths>
              </properties>
            </qgis>

            """
    }

    /// QGIS's geometry kind and WKB type name for a GeoPackage geometry type.
    static func kind(_ type: String) -> (String, String) {
        switch type.uppercased() {
        case "POINT": ("Point", "Point")
        case "MULTIPOINT": ("Point", "MultiPoint")
        case "LINESTRING": ("Line", "LineString")
        case "MULTILINESTRING": ("Line", "MultiLineString")
        case "POLYGON": ("Polygon", "Polygon")
        case "MULTIPOLYGON": ("Polygon", "MultiPolygon")
        default: ("Unknown geometry", "Unknown")
        }
    }

    /// The `<renderer-v2>` element of a QML document.
    static func renderer(of qml: String) -> String? {
        guard let start = qml.range(of: "<renderer-v2"), let end = qml.range(of: "</renderer-v2>", range: start.upperBound..<qml.endIndex)
        else { return nil }
        return String(qml[start.lowerBound..<end.upperBound])
    }

    static func xml(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
