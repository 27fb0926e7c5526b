/// Default QGIS styles (QML) for LandKit's layers, generated from the workflow stages so a new
/// stage gets its own colour. The store keeps them in the GeoPackage's `layer_styles` table, where
/// QGIS finds a layer's default style when it opens the file.
public enum QGISStyle {
    /// The shape of a layer's features, which decides the kind of symbol.
    public enum Shape: Sendable {
        case point, line, polygon

        /// The shape for a GeoPackage geometry type name (POINT, MULTILINESTRING …); polygons otherwise.
        public init(geometryTypeName name: String) {
            let n = name.uppercased()
            self = n.hasSuffix("POINT") ? .point : n.hasSuffix("LINESTRING") ? .line : .polygon
        }
    }

    /// The colour of stage `order` of `count`, "r,g,b": the maps' palette (``MapStyle/stageRGB(order:count:)``).
    public static func stageColour(order: Int, count: Int) -> String {
        let (r, g, b) = MapStyle.stageRGB(order: order, count: count)
        return "\(r),\(g),\(b)"
    }

    /// Red lines: a red outline over a faint red wash.
    public static let redLineColour = "215,25,28"
    /// The outline of an edge household (边线户) and of a blocked item.
    public static let edgeColour = "240,124,0"

    /// The style of a progress view (`land_progress` …): one rule per stage of `entity` on the `stage`
    /// column, labelled with its Chinese name and code; households on the red line (边线户) get an
    /// orange outline on top.
    public static func progressLayer(_ entity: EntityKind, shape: Shape) -> String {
        let stages = entity.stages
        var rules: [String] = []
        var symbols: [String] = []
        for (i, stage) in stages.enumerated() {
            rules.append(
                rule(key: "stage-\(stage.code)", filter: "\"stage\" = '\(stage.code)'", label: "\(stage.zh) \(stage.code)", symbol: i))
            symbols.append(symbol(i, shape: shape, fill: stageColour(order: i, count: stages.count), outline: "60,60,60", width: 0.2))
        }
        if entity == .household {
            let i = symbols.count
            rules.append(rule(key: "edge", filter: "\"position\" = 'edge'", label: "边线户 edge household", symbol: i))
            symbols.append(symbol(i, shape: shape, fill: nil, outline: edgeColour, width: 0.8))
        }
        return document(
            """
              <renderer-v2 type="RuleRenderer" symbollevels="0" enableorderby="0" forceraster="0">
                <rules key="root">
            \(rules.joined(separator: "\n"))
                </rules>
                <symbols>
            \(symbols.joined(separator: "\n"))
                </symbols>
              </renderer-v2>
            """)
    }

    /// The style of the red lines (`zones`).
    public static func redLines() -> String {
        document(
            """
              <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
                <symbols>
            \(symbol(0, shape: .polygon, fill: redLineColour + ",40", outline: redLineColour, width: 0.8))
                </symbols>
              </renderer-v2>
            """)
    }

    private static func document(_ renderer: String) -> String {
        """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="3.22.0" styleCategories="Symbology">
        \(renderer)
        </qgis>

        """
    }

    private static func rule(key: String, filter: String, label: String, symbol: Int) -> String {
        "      <rule key=\"\(key)\" filter=\"\(escape(filter))\" label=\"\(escape(label))\" symbol=\"\(symbol)\"/>"
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// One symbol. `fill` is "r,g,b" or "r,g,b,a" (nil: no fill); colours in QML are "r,g,b,a".
    private static func symbol(_ name: Int, shape: Shape, fill: String?, outline: String, width: Double) -> String {
        func rgba(_ c: String) -> String { c.split(separator: ",").count == 4 ? c : c + ",255" }
        let (type, layerClass, props): (String, String, [(String, String)])
        switch shape {
        case .point:
            (type, layerClass, props) = (
                "marker", "SimpleMarker",
                [
                    ("name", "circle"), ("color", fill.map(rgba) ?? "0,0,0,0"), ("outline_color", rgba(outline)),
                    ("outline_width", "\(width)"), ("outline_width_unit", "MM"), ("size", fill == nil ? "4" : "3"), ("size_unit", "MM"),
                ]
            )
        case .line:
            (type, layerClass, props) = (
                "line", "SimpleLine",
                [
                    ("line_color", fill.map(rgba) ?? rgba(outline)), ("line_width", "0.8"), ("line_width_unit", "MM"),
                    ("line_style", "solid"),
                ]
            )
        case .polygon:
            (type, layerClass, props) = (
                "fill", "SimpleFill",
                [
                    ("color", fill.map(rgba) ?? "0,0,0,0"), ("style", fill == nil ? "no" : "solid"), ("outline_color", rgba(outline)),
                    ("outline_width", "\(width)"), ("outline_width_unit", "MM"), ("outline_style", "solid"),
                ]
            )
        }
        let options = props.map { "            <Option name=\"\($0.0)\" value=\"\($0.1)\" type=\"QString\"/>" }.joined(separator: "\n")
        let legacy = props.map { "          <prop k=\"\($0.0)\" v=\"\($0.1)\"/>" }.joined(separator: "\n")
        return """
                  <symbol type="\(type)" name="\(name)" alpha="1" clip_to_extent="1" force_rhr="0">
                    <layer class="\(layerClass)" enabled="1" locked="0" pass="0">
                      <Option type="Map">
            \(options)
                      </Option>
            \(legacy)
                    </layer>
                  </symbol>
            """
    }
}
