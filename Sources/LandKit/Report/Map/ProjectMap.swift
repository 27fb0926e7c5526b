import Foundation

/// An SVG map of one project's progress for leaders: the red line, parcels coloured by land stage,
/// houses (inside / edge, by stage, demolished, deferred), utilities (relocated or not), blocked
/// items in orange with their reason in Chinese, a legend, a scale bar and a north arrow.
///
/// Coordinates come in the storage CRS (projected metres, y up) and are flipped for SVG (y down).
/// The map stays small for large projects: vertices closer than half a pixel are dropped,
/// positions are rounded to 0.1 px, and above ``MapOptions/aggregateAboveParcels`` parcels the
/// land layer is a grid of stage cells (see ``MapRaster``) instead of one path per parcel.
///
/// Elements tests and scripts can rely on:
/// - one `<path class="parcel" data-id=… data-stage=…>` per parcel (individual mode), or one
///   `<path class="parcel-cells" data-stage=… data-parcels=N>` per stage present (aggregated mode);
/// - one `<g class="house" data-id=… data-stage=… data-position=inside|edge>` per household;
/// - one `<path class="utility" data-id=… data-stage=…>` per utility;
/// - `data-blocked=REASON` on blocked items; highlight overlays carry `data-ref`, not `data-id`.
public enum ProjectMap {
    /// Frame layout, pixels.
    static let margin = 16.0
    static let headerHeight = 62.0
    static let legendWidth = 206.0

    /// Renders `data` as a standalone SVG document (UTF-8 text, no external references).
    /// - Parameters:
    ///   - data: the project's red line, items and statuses, in the storage CRS (metres).
    ///   - options: size and simplification.
    /// - Returns: the SVG text, starting with `<svg xmlns="http://www.w3.org/2000/svg" …>`.
    public static func svg(_ data: MapData, options: MapOptions = .init()) -> String {
        var r = Renderer(data: data, options: options)
        return r.render()
    }

    /// A "nice" scale-bar length in metres: 1, 2 or 5 × 10ⁿ, at most `maxMetres`.
    static func niceLength(atMost maxMetres: Double) -> Double {
        guard maxMetres.isFinite, maxMetres > 0 else { return 1 }
        let p = pow(10, floor(log10(maxMetres)))
        for m in [5.0, 2, 1] where m * p <= maxMetres { return m * p }
        return p
    }

    /// "500 m", "1 km", "2.5 km".
    static func lengthLabel(_ metres: Double) -> String {
        if metres >= 1000 {
            let km = metres / 1000
            return (km == km.rounded() ? String(Int(km)) : String(format: "%g", km)) + " km"
        }
        return (metres == metres.rounded() ? String(Int(metres)) : String(format: "%g", metres)) + " m"
    }
}

private struct Label {
    var x: Double
    var y: Double
    var text: String
}

private struct Renderer {
    let data: MapData
    let options: MapOptions
    let prefix: String
    var out = ""

    init(data: MapData, options: MapOptions) {
        self.data = data
        self.options = options
        let base = options.idPrefix ?? "m-" + data.projectID
        prefix = String(base.map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    mutating func put(_ s: String) { out += s }

    func esc(_ s: String) -> String { Markup.escape(s) }
    func n(_ v: Double) -> String { Markup.number(v) }

    /// World extent of everything drawn, with a 4 % margin.
    func extent() -> Envelope? {
        var e = data.redLine.envelope
        if e == nil {
            for p in data.parcels { if let pe = p.geometry.envelope { e = pe.union(e) } }
            for h in data.households { if let he = h.geometry.envelope { e = he.union(e) } }
            for u in data.utilities { if let ue = u.geometry.envelope { e = ue.union(e) } }
        }
        guard var box = e else { return nil }
        let pad = max(box.width, box.height) * 0.04 + 5
        box = Envelope(minX: box.minX - pad, minY: box.minY - pad, maxX: box.maxX + pad, maxY: box.maxY + pad)
        return box
    }

    mutating func render() -> String {
        let width = max(options.widthPixels, 480)
        let frameX = ProjectMap.margin, frameY = options.showTitle ? ProjectMap.headerHeight : 30
        let frameW = width - 3 * ProjectMap.margin - ProjectMap.legendWidth
        let box = extent()
        var frameH = options.minMapHeightPixels
        if let box, box.width > 0 {
            frameH = min(
                max(frameW * box.height / box.width, options.minMapHeightPixels),
                max(options.maxMapHeightPixels, options.minMapHeightPixels))
        }
        var canvas: MapCanvas?
        if let box {
            let scale = min(frameW / max(box.width, 1e-6), frameH / max(box.height, 1e-6))
            let cx = (box.minX + box.maxX) / 2, cy = (box.minY + box.maxY) / 2
            var c = MapCanvas(minX: cx - frameW / 2 / scale, maxY: cy + frameH / 2 / scale, scale: scale, originX: frameX, originY: frameY)
            c.minStepTenths = max(1, Int((options.minVertexStepPixels * 10).rounded()))
            canvas = c
        }
        let legend = legendRows()
        let legendHeight = legend.reduce(0.0) { $0 + $1.height }
        let height = max(frameY + frameH + ProjectMap.margin, frameY + legendHeight + ProjectMap.margin)
        let aggregated = data.parcels.count > options.aggregateAboveParcels

        out.reserveCapacity(64_000 + data.parcels.count * (aggregated ? 8 : 90))
        put(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\""
        )
        put(
            " font-family=\"\(MapStyle.fontFamily)\" role=\"img\" aria-label=\"\(esc(data.projectName)) 征地拆迁进度图 \(data.date)\" class=\"landkit-map\" data-project=\"\(esc(data.projectID))\">\n"
        )
        put("<title>\(esc(data.projectName)) · 征地拆迁进度图 · \(data.date)</title>\n")
        put("<defs>")
        put(
            "<clipPath id=\"\(prefix)-frame\"><rect x=\"\(n(frameX))\" y=\"\(n(frameY))\" width=\"\(n(frameW))\" height=\"\(n(frameH))\"/></clipPath>"
        )
        var redLinePath = PathText()
        if let canvas { _ = canvas.polygonPath(data.redLine, into: &redLinePath) }
        put("<clipPath id=\"\(prefix)-rl\"><path d=\"\(redLinePath.text)\"/></clipPath>")
        put(
            "<pattern id=\"\(prefix)-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#3d3d3d\" stroke-width=\"1.3\"/></pattern>"
        )
        put("</defs>\n")
        put("<rect width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n")
        header(x: frameX, aggregated: aggregated)
        put(
            "<rect x=\"\(n(frameX))\" y=\"\(n(frameY))\" width=\"\(n(frameW))\" height=\"\(n(frameH))\" fill=\"#f6f6f2\" stroke=\"#d9d9d4\"/>\n"
        )

        if let canvas {
            put("<g clip-path=\"url(#\(prefix)-frame)\">\n")
            if !redLinePath.isEmpty {
                put(
                    "<path class=\"red-line-area\" d=\"\(redLinePath.text)\" fill=\"\(MapStyle.redLine)\" fill-opacity=\"0.06\" fill-rule=\"evenodd\"/>\n"
                )
            }
            var labels: [Label] = []
            parcels(canvas, frame: (frameX, frameY, frameW, frameH), aggregated: aggregated, labels: &labels)
            if !redLinePath.isEmpty {
                put(
                    "<path class=\"red-line\" d=\"\(redLinePath.text)\" fill=\"none\" stroke=\"\(MapStyle.redLine)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
                )
            }
            var sectionLabels: [Label] = []
            if options.showSections { sections(canvas, labels: &sectionLabels) }
            utilities(canvas, labels: &labels)
            households(canvas, labels: &labels)
            place(labels, frame: (frameX, frameY, frameW, frameH))
            place(sectionLabels, frame: (frameX, frameY, frameW, frameH), style: .section)
            if let h = options.highlight { highlight(canvas, h.entity, h.id) }
            put("</g>\n")
            scaleBar(canvas, frameX: frameX, frameY: frameY, frameW: frameW, frameH: frameH)
            northArrow(x: frameX + frameW - 28, y: frameY + 14)
        } else {
            put(
                "<text x=\"\(n(frameX + frameW / 2))\" y=\"\(n(frameY + frameH / 2))\" text-anchor=\"middle\" font-size=\"14\" fill=\"#888\">暂无红线及征拆对象 · no red line or items</text>\n"
            )
        }
        drawLegend(legend, x: frameX + frameW + ProjectMap.margin, y: frameY)
        put("</svg>\n")
        return out
    }

    /// A ring around one item, so a field team sees where it is on the whole project's map.
    mutating func highlight(_ canvas: MapCanvas, _ entity: EntityKind, _ id: String) {
        let geometry: Geometry? =
            switch entity {
            case .parcel: data.parcels.first { $0.id == id }?.geometry
            case .household: data.households.first { $0.id == id }?.geometry
            case .utility: data.utilities.first { $0.id == id }?.geometry
            }
        guard let geometry, let a = canvas.anchor(geometry) else { return }
        put(
            "<g class=\"highlight\" data-item=\"\(esc(entity.rawValue)) \(esc(id))\"><circle cx=\"\(n(a.x))\" cy=\"\(n(a.y))\" r=\"14\" fill=\"none\" stroke=\"#ffffff\" stroke-width=\"6\"/><circle cx=\"\(n(a.x))\" cy=\"\(n(a.y))\" r=\"14\" fill=\"none\" stroke=\"#1a56db\" stroke-width=\"3\"/></g>\n"
        )
    }

    // MARK: Header

    mutating func header(x: Double, aggregated: Bool) {
        if options.showTitle {
            put("<text x=\"\(n(x))\" y=\"28\" font-size=\"20\" font-weight=\"700\" fill=\"#1d1d1f\">\(esc(data.projectName))</text>\n")
        }
        var facts = ["征地拆迁进度图", "截至 \(data.date)", "地块 \(data.parcels.count) 宗"]
        if !data.households.isEmpty { facts.append("房屋 \(data.households.count) 户") }
        if !data.utilities.isEmpty { facts.append("杆线管线 \(data.utilities.count) 处") }
        if aggregated { facts.append("地块按 \(n(options.cellPixels)) px 网格汇总显示") }
        put(
            "<text x=\"\(n(x))\" y=\"\(options.showTitle ? 49 : 19)\" font-size=\"12\" fill=\"#6b6b70\">\(esc(facts.joined(separator: " · ")))</text>\n"
        )
    }

    // MARK: Parcels

    typealias Frame = (x: Double, y: Double, w: Double, h: Double)

    mutating func parcels(_ canvas: MapCanvas, frame: Frame, aggregated: Bool, labels: inout [Label]) {
        let stages = EntityKind.parcel.stages
        if !aggregated && data.parcels.count <= options.contextMaxParcels && !data.parcels.isEmpty {
            // Whole parcels in grey under the coloured (clipped) ones: what lies outside the red line.
            var context = PathText()
            for p in data.parcels { _ = canvas.polygonPath(p.geometry, into: &context) }
            if !context.isEmpty {
                put("<path class=\"context\" d=\"\(context.text)\" fill=\"#e9e9e4\" stroke=\"#c9c9c3\" stroke-width=\"0.5\"/>\n")
            }
        }
        put("<g clip-path=\"url(#\(prefix)-rl)\">\n")
        if aggregated {
            var raster = MapRaster(
                originX: frame.x, originY: frame.y, width: frame.w, height: frame.h, cell: options.cellPixels, stageCount: stages.count)
            var counts = Array(repeating: 0, count: stages.count)
            for p in data.parcels {
                let s = p.status.stage.order
                counts[s] += 1
                let polys = p.geometry.polygons.map { poly in poly.rings.map { ring in ring.map { (canvas.x($0), canvas.y($0)) } } }
                raster.add(polys, stage: s)
            }
            for (s, path) in raster.paths().enumerated() where counts[s] > 0 {
                put(
                    "<path class=\"parcel-cells\" data-stage=\"\(stages[s].code)\" data-parcels=\"\(counts[s])\" fill=\"\(MapStyle.landColours[s])\" d=\"\(path.text)\"/>\n"
                )
            }
        } else {
            put("<g stroke=\"#ffffff\" stroke-width=\"0.45\" stroke-opacity=\"0.6\" stroke-linejoin=\"round\">\n")
            for p in data.parcels {
                var path = PathText()
                if !canvas.polygonPath(p.geometry, into: &path), let a = canvas.anchor(p.geometry) {
                    // Smaller than a step: a one-pixel dot keeps one element per parcel.
                    path.rect(x: Markup.tenths(a.x) - 5, y: Markup.tenths(a.y) - 5, width: 10, height: 10)
                }
                put("<path class=\"parcel\" data-id=\"\(esc(p.id))\" data-stage=\"\(p.status.stage.code)\"")
                if let b = p.status.blocked { put(" data-blocked=\"\(b.rawValue)\"") }
                if p.status.deferred { put(" data-deferred=\"true\"") }
                put(" fill=\"\(MapStyle.landColour(p.status.stage))\" d=\"\(path.text)\"/>\n")
            }
            put("</g>\n")
        }
        // Deferred land: hatched.
        var deferred = PathText()
        for p in data.parcels where p.status.deferred && !p.status.stage.isFinal {
            _ = canvas.polygonPath(p.geometry, into: &deferred)
        }
        if !deferred.isEmpty { put("<path class=\"deferred\" fill=\"url(#\(prefix)-hatch)\" d=\"\(deferred.text)\"/>\n") }
        put("</g>\n")
        // Blocked land: thick orange outline over the whole parcel.
        for p in data.parcels {
            guard let reason = p.status.blocked else { continue }
            if let e = p.geometry.envelope, max(e.width, e.height) * canvas.scale < 8, let a = canvas.anchor(p.geometry) {
                // Too small to outline visibly: a ring around it.
                put(
                    "<circle class=\"blocked\" data-ref=\"\(esc(p.id))\" cx=\"\(n(a.x))\" cy=\"\(n(a.y))\" r=\"7\" fill=\"none\" stroke=\"\(MapStyle.blocked)\" stroke-width=\"2.6\"/>\n"
                )
                labels.append(Label(x: a.x, y: a.y, text: "\(p.id) \(reason.zh)"))
                continue
            }
            var path = PathText()
            if !canvas.polygonPath(p.geometry, into: &path), let a = canvas.anchor(p.geometry) {
                path.rect(x: Markup.tenths(a.x) - 20, y: Markup.tenths(a.y) - 20, width: 40, height: 40)
            }
            put(
                "<path class=\"blocked\" data-ref=\"\(esc(p.id))\" fill=\"none\" stroke=\"\(MapStyle.blocked)\" stroke-width=\"3\" stroke-linejoin=\"round\" d=\"\(path.text)\"/>\n"
            )
            if let a = canvas.anchor(p.geometry) { labels.append(Label(x: a.x, y: a.y, text: "\(p.id) \(reason.zh)")) }
        }
    }

    // MARK: Sections

    /// Each section's outline, dashed, clipped to nothing: a section may reach beyond the red line.
    mutating func sections(_ canvas: MapCanvas, labels: inout [Label]) {
        for s in data.sections {
            var path = PathText()
            guard canvas.polygonPath(s.geometry, into: &path) else { continue }
            put(
                "<path class=\"section\" data-id=\"\(esc(s.id))\" fill=\"none\" stroke=\"\(MapStyle.section)\" stroke-width=\"1.6\" stroke-dasharray=\"8 4\" d=\"\(path.text)\"/>\n"
            )
            if let a = canvas.anchor(s.geometry) { labels.append(Label(x: a.x - 10, y: a.y + 8, text: s.name)) }
        }
    }

    // MARK: Utilities

    mutating func utilities(_ canvas: MapCanvas, labels: inout [Label]) {
        guard !data.utilities.isEmpty else { return }
        let final = EntityKind.utility.finalStage
        for u in data.utilities {
            let done = u.status.stage == final
            let colour = done ? MapStyle.utilityRelocated : MapStyle.utilityOpen
            var dash = ""
            if done {
                dash = " stroke-dasharray=\"5 3\""
            } else if u.status.stage == .utility(.relocating) {
                dash = " stroke-dasharray=\"9 3 2 3\""
            }
            let name = u.name.map { " data-name=\"\(esc($0))\"" } ?? ""
            let blockedAttr = u.status.blocked.map { " data-blocked=\"\($0.rawValue)\"" } ?? ""
            var path = PathText()
            if canvas.linePath(u.geometry, into: &path) {
                if u.status.blocked != nil {
                    put(
                        "<path class=\"blocked\" data-ref=\"\(esc(u.id))\" fill=\"none\" stroke=\"\(MapStyle.blocked)\" stroke-width=\"8\" stroke-opacity=\"0.85\" stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"\(path.text)\"/>\n"
                    )
                }
                put(
                    "<path class=\"utility\" data-id=\"\(esc(u.id))\" data-stage=\"\(u.status.stage.code)\"\(name)\(blockedAttr) fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(done ? "1.6" : "2.6")\"\(dash) stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"\(path.text)\"/>\n"
                )
            } else if let a = canvas.anchor(u.geometry) {
                // A point utility (substation, pole): a square.
                if u.status.blocked != nil {
                    put(
                        "<rect class=\"blocked\" data-ref=\"\(esc(u.id))\" x=\"\(n(a.x - 8))\" y=\"\(n(a.y - 8))\" width=\"16\" height=\"16\" fill=\"none\" stroke=\"\(MapStyle.blocked)\" stroke-width=\"3\"/>\n"
                    )
                }
                put(
                    "<path class=\"utility\" data-id=\"\(esc(u.id))\" data-stage=\"\(u.status.stage.code)\"\(name)\(blockedAttr) fill=\"\(done ? "#ffffff" : colour)\" stroke=\"\(colour)\" stroke-width=\"1.5\"\(dash) d=\"M\(n(a.x - 5)) \(n(a.y - 5))h10v10h-10z\"/>\n"
                )
            }
            if let reason = u.status.blocked, let a = canvas.anchor(u.geometry) {
                labels.append(Label(x: a.x, y: a.y, text: "\(u.name ?? u.id) \(reason.zh)"))
            }
        }
    }

    // MARK: Households

    mutating func households(_ canvas: MapCanvas, labels: inout [Label]) {
        guard !data.households.isEmpty else { return }
        let final = EntityKind.household.finalStage
        // Houses at the final stage first, so open ones are on top where they crowd.
        let ordered = data.households.sorted { ($0.status.stage == final ? 0 : 1) < ($1.status.stage == final ? 0 : 1) }
        for h in ordered {
            guard let a = canvas.anchor(h.geometry) else { continue }
            let demolished = h.status.stage == final
            let colour = MapStyle.householdColour(h.status.stage)
            put(
                "<g class=\"house\" data-id=\"\(esc(h.id))\" data-stage=\"\(h.status.stage.code)\" data-position=\"\(h.position.rawValue)\""
            )
            if let b = h.status.blocked { put(" data-blocked=\"\(b.rawValue)\"") }
            if h.status.deferred { put(" data-deferred=\"true\"") }
            put(">")
            // The footprint itself when it is big enough to see.
            if let e = h.geometry.envelope, max(e.width, e.height) * canvas.scale >= 7 {
                var path = PathText()
                if canvas.polygonPath(h.geometry, into: &path) {
                    let dash = h.position == .edge ? " stroke-dasharray=\"3 2\"" : ""
                    put(
                        "<path d=\"\(path.text)\" fill=\"\(demolished ? "none" : colour)\" fill-opacity=\"0.8\" stroke=\"#3f007d\" stroke-width=\"0.8\"\(dash)/>"
                    )
                }
            }
            let x = n(a.x), y = n(a.y)
            if h.position == .edge {
                put(
                    "<path d=\"M\(x) \(n(a.y - 5.5))l5.5 5.5-5.5 5.5-5.5-5.5z\" fill=\"\(demolished ? "#ffffff" : colour)\" stroke=\"#3f007d\" stroke-width=\"1.2\"/>"
                )
            } else if !demolished {
                put("<circle cx=\"\(x)\" cy=\"\(y)\" r=\"3.8\" fill=\"\(colour)\" stroke=\"#3f007d\" stroke-width=\"1.1\"/>")
            }
            if demolished {
                put(
                    "<path d=\"M\(n(a.x - 3.2)) \(n(a.y - 3.2))l6.4 6.4m0-6.4l-6.4 6.4\" stroke=\"#ffffff\" stroke-width=\"3.6\" stroke-linecap=\"round\"/>"
                )
                put(
                    "<path d=\"M\(n(a.x - 3.2)) \(n(a.y - 3.2))l6.4 6.4m0-6.4l-6.4 6.4\" stroke=\"\(MapStyle.demolished)\" stroke-width=\"1.8\" stroke-linecap=\"round\"/>"
                )
            }
            if h.status.deferred && !demolished {
                put(
                    "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"8\" fill=\"none\" stroke=\"#3d3d3d\" stroke-width=\"1.2\" stroke-dasharray=\"2 2\"/>"
                )
            }
            if h.status.blocked != nil {
                put(
                    "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"\(h.status.deferred ? "10.5" : "8.5")\" fill=\"none\" stroke=\"\(MapStyle.blocked)\" stroke-width=\"2.6\"/>"
                )
            }
            put("</g>\n")
            if let reason = h.status.blocked { labels.append(Label(x: a.x, y: a.y, text: "\(h.id) \(reason.zh)")) }
        }
    }

    // MARK: Labels

    /// Text width estimate at `size` px: CJK glyphs are square, Latin about 0.58 em.
    static func textWidth(_ s: String, size: Double) -> Double {
        s.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? size : size * 0.58) }
    }

    /// Places blocker labels greedily at one of four offsets where they overlap nothing placed yet.
    enum LabelStyle {
        /// Blocked items' reasons, orange.
        case blocker
        /// Section names, the sections' colour.
        case section
    }

    /// Writes the labels that fit: each inside the frame and clear of the others, or left out.
    mutating func place(_ labels: [Label], frame: Frame, style: LabelStyle = .blocker) {
        guard !labels.isEmpty else { return }
        let size = 11.0, h = 14.0
        var placed: [(Double, Double, Double, Double)] = []
        let (cls, fill) = style == .blocker ? ("labels", "#a34a00") : ("section-labels", MapStyle.section)
        put(
            "<g class=\"\(cls)\" font-size=\"11\" font-weight=\"600\" fill=\"\(fill)\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n"
        )
        for l in labels.sorted(by: { ($0.y, $0.x) < ($1.y, $1.x) }) where placed.count < options.maxBlockerLabels {
            let w = Self.textWidth(l.text, size: size)
            let candidates = [(l.x + 10, l.y - 8), (l.x + 10, l.y + 12 + 4), (l.x - 10 - w, l.y - 8), (l.x - 10 - w, l.y + 16)]
            for (x, baseline) in candidates {
                let box = (x - 2, baseline - h + 2, x + w + 2, baseline + 3)
                guard box.0 >= frame.x, box.2 <= frame.x + frame.w, box.1 >= frame.y, box.3 <= frame.y + frame.h else { continue }
                if placed.contains(where: { !($0.2 < box.0 || box.2 < $0.0 || $0.3 < box.1 || box.3 < $0.1) }) { continue }
                placed.append(box)
                put("<text x=\"\(n(x))\" y=\"\(n(baseline))\">\(esc(l.text))</text>\n")
                break
            }
        }
        put("</g>\n")
    }

    // MARK: Scale bar and north arrow

    mutating func scaleBar(_ canvas: MapCanvas, frameX: Double, frameY: Double, frameW: Double, frameH: Double) {
        let metres = ProjectMap.niceLength(atMost: frameW / 4.5 / canvas.scale)
        let len = metres * canvas.scale
        let x = frameX + 14, y = frameY + frameH - 18
        let label = ProjectMap.lengthLabel(metres)
        put("<g class=\"scale-bar\" font-size=\"11\" fill=\"#333\">")
        put(
            "<rect x=\"\(n(x - 8))\" y=\"\(n(y - 20))\" width=\"\(n(len + 16 + Self.textWidth(label, size: 11) + 6))\" height=\"30\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>"
        )
        put("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(len / 2))\" height=\"5\" fill=\"#333\"/>")
        put(
            "<rect x=\"\(n(x + len / 2))\" y=\"\(n(y))\" width=\"\(n(len / 2))\" height=\"5\" fill=\"#ffffff\" stroke=\"#333\" stroke-width=\"1\"/>"
        )
        put("<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(len))\" height=\"5\" fill=\"none\" stroke=\"#333\" stroke-width=\"1\"/>")
        put("<text x=\"\(n(x))\" y=\"\(n(y - 5))\">0</text>")
        put("<text x=\"\(n(x + len + 6))\" y=\"\(n(y + 6))\">\(label)</text>")
        put("</g>\n")
    }

    mutating func northArrow(x: Double, y: Double) {
        put("<g class=\"north-arrow\">")
        put("<circle cx=\"\(n(x))\" cy=\"\(n(y + 16))\" r=\"15\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>")
        put(
            "<path d=\"M\(n(x)) \(n(y + 3))l6 20-6-5z\" fill=\"#333\"/><path d=\"M\(n(x)) \(n(y + 3))l-6 20 6-5z\" fill=\"#ffffff\" stroke=\"#333\" stroke-width=\"1\"/>"
        )
        put("<text x=\"\(n(x))\" y=\"\(n(y - 2))\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" fill=\"#333\">N</text>")
        put("</g>\n")
    }

    // MARK: Legend

    enum Symbol {
        case swatch(String)
        case hatch
        case redLine
        case blocked
        case circle(String)
        case diamond(String)
        case cross
        case deferredRing
        case line(String, dash: String?, width: Double)
    }

    struct LegendRow {
        var heading: String?
        var symbol: Symbol?
        var zh: String = ""
        var en: String = ""
        var count: String = ""
        var height: Double { heading != nil ? 26 : 19 }
    }

    func legendRows() -> [LegendRow] {
        var rows: [LegendRow] = [LegendRow(heading: "征地进度 Land")]
        let stages = EntityKind.parcel.stages
        for (i, st) in stages.enumerated() {
            let c = data.parcels.filter { $0.status.stage == st }.count
            rows.append(LegendRow(symbol: .swatch(MapStyle.landColours[i]), zh: st.zh, en: st.code, count: "\(c) 宗"))
        }
        if data.parcels.contains(where: { $0.status.deferred }) { rows.append(LegendRow(symbol: .hatch, zh: "暂缓", en: "deferred")) }
        if !data.households.isEmpty {
            rows.append(LegendRow(heading: "房屋 Households"))
            let hs = EntityKind.household
            for i in 0..<(hs.stages.count - 1) {
                let c = data.households.filter { $0.status.stage == hs.stages[i] }.count
                rows.append(
                    LegendRow(symbol: .circle(MapStyle.householdColours[i]), zh: hs.stages[i].zh, en: hs.stages[i].code, count: "\(c) 户"))
            }
            let demolished = data.households.filter { $0.status.stage == hs.finalStage }.count
            rows.append(LegendRow(symbol: .cross, zh: hs.finalStage.zh, en: hs.finalStage.code, count: "\(demolished) 户"))
            rows.append(
                LegendRow(
                    symbol: .diamond("#ffffff"), zh: "边线户", en: "edge", count: "\(data.households.filter { $0.position == .edge }.count) 户")
            )
            let deferred = data.households.filter { $0.status.deferred && $0.status.stage != hs.finalStage }.count
            if deferred > 0 { rows.append(LegendRow(symbol: .deferredRing, zh: "暂缓·不影响施工", en: "", count: "\(deferred) 户")) }
        }
        if !data.utilities.isEmpty {
            rows.append(LegendRow(heading: "杆线管线 Utilities"))
            let done = data.utilities.filter { $0.status.stage == EntityKind.utility.finalStage }.count
            let moving = data.utilities.filter { $0.status.stage == .utility(.relocating) }.count
            rows.append(
                LegendRow(
                    symbol: .line(MapStyle.utilityOpen, dash: nil, width: 2.6), zh: "待迁改", en: "to relocate",
                    count: "\(data.utilities.count - done - moving) 处"))
            if moving > 0 {
                rows.append(
                    LegendRow(
                        symbol: .line(MapStyle.utilityOpen, dash: "9 3 2 3", width: 2.6), zh: "迁改中", en: "relocating", count: "\(moving) 处")
                )
            }
            rows.append(
                LegendRow(symbol: .line(MapStyle.utilityRelocated, dash: "5 3", width: 1.6), zh: "已迁改", en: "relocated", count: "\(done) 处")
            )
        }
        rows.append(LegendRow(heading: "其他 Other"))
        rows.append(LegendRow(symbol: .redLine, zh: "红线范围", en: "red line"))
        let blocked =
            data.parcels.filter { $0.status.blocked != nil }.count + data.households.filter { $0.status.blocked != nil }.count
            + data.utilities.filter { $0.status.blocked != nil }.count
        rows.append(LegendRow(symbol: .blocked, zh: "受阻", en: "blocked", count: "\(blocked) 项"))
        return rows
    }

    mutating func drawLegend(_ rows: [LegendRow], x: Double, y: Double) {
        let w = ProjectMap.legendWidth
        put("<g class=\"legend\" font-size=\"12\" fill=\"#1d1d1f\">\n")
        var cy = y
        for row in rows {
            if let heading = row.heading {
                put(
                    "<text x=\"\(n(x))\" y=\"\(n(cy + 18))\" font-size=\"12.5\" font-weight=\"700\" fill=\"#3a3a3c\">\(esc(heading))</text>"
                )
                put("<line x1=\"\(n(x))\" y1=\"\(n(cy + 23))\" x2=\"\(n(x + w))\" y2=\"\(n(cy + 23))\" stroke=\"#e2e2de\"/>\n")
                cy += row.height
                continue
            }
            let mid = cy + 10
            let sx = x + 9
            switch row.symbol {
            case .swatch(let c):
                put(
                    "<rect class=\"legend-swatch\" x=\"\(n(x))\" y=\"\(n(mid - 6))\" width=\"18\" height=\"12\" rx=\"2\" fill=\"\(c)\" stroke=\"#b9b9b3\" stroke-width=\"0.6\"/>"
                )
            case .hatch:
                put(
                    "<rect x=\"\(n(x))\" y=\"\(n(mid - 6))\" width=\"18\" height=\"12\" fill=\"url(#\(prefix)-hatch)\" stroke=\"#b9b9b3\" stroke-width=\"0.6\"/>"
                )
            case .redLine:
                put(
                    "<rect x=\"\(n(x))\" y=\"\(n(mid - 6))\" width=\"18\" height=\"12\" fill=\"\(MapStyle.redLine)\" fill-opacity=\"0.06\" stroke=\"\(MapStyle.redLine)\" stroke-width=\"2\"/>"
                )
            case .blocked:
                put(
                    "<rect x=\"\(n(x + 1))\" y=\"\(n(mid - 5))\" width=\"16\" height=\"10\" fill=\"none\" stroke=\"\(MapStyle.blocked)\" stroke-width=\"2.6\"/>"
                )
            case .circle(let c):
                put("<circle cx=\"\(n(sx))\" cy=\"\(n(mid))\" r=\"4\" fill=\"\(c)\" stroke=\"#3f007d\" stroke-width=\"1.1\"/>")
            case .diamond(let c):
                put(
                    "<path d=\"M\(n(sx)) \(n(mid - 5.5))l5.5 5.5-5.5 5.5-5.5-5.5z\" fill=\"\(c)\" stroke=\"#3f007d\" stroke-width=\"1.2\"/>"
                )
            case .cross:
                put(
                    "<path d=\"M\(n(sx - 3.2)) \(n(mid - 3.2))l6.4 6.4m0-6.4l-6.4 6.4\" stroke=\"\(MapStyle.demolished)\" stroke-width=\"1.8\" stroke-linecap=\"round\"/>"
                )
            case .deferredRing:
                put(
                    "<circle cx=\"\(n(sx))\" cy=\"\(n(mid))\" r=\"6.5\" fill=\"none\" stroke=\"#3d3d3d\" stroke-width=\"1.2\" stroke-dasharray=\"2 2\"/>"
                )
            case .line(let c, let dash, let width):
                put(
                    "<line x1=\"\(n(x))\" y1=\"\(n(mid))\" x2=\"\(n(x + 18))\" y2=\"\(n(mid))\" stroke=\"\(c)\" stroke-width=\"\(n(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>"
                )
            case nil: break
            }
            put("<text class=\"legend-label\" x=\"\(n(x + 26))\" y=\"\(n(mid + 4))\">\(esc(row.zh))")
            if !row.en.isEmpty { put("<tspan font-size=\"10\" fill=\"#8a8a8e\" dx=\"4\">\(esc(row.en))</tspan>") }
            put("</text>")
            if !row.count.isEmpty {
                put(
                    "<text x=\"\(n(x + w))\" y=\"\(n(mid + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#6b6b70\">\(esc(row.count))</text>"
                )
            }
            put("\n")
            cy += row.height
        }
        put("</g>\n")
    }
}
