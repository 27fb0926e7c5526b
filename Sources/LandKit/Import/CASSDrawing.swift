/// Parcels from a DXF drawing as CASS (南方CASS, the surveying software most Chinese surveyors use)
/// draws them: every closed polyline is a parcel outline, and the text entity (宗地号 / 地块号) lying
/// inside it is its id.
///
/// A text inside several outlines (nested or overlapping) belongs to the one of them that has no
/// other label, else to the smallest, so a label inside a nested outline is not also counted for
/// the outer one. Outlines with no text or with several texts inside are
/// reported (errors, the outline is left out); texts outside every outline (other annotation) are
/// ignored. An outline without a text that lies wholly inside another (a pond, a plot cut out of a
/// parcel) is a hole of the smallest outline around it, not an unlabelled parcel. HATCH fills
/// repeat the outlines and are used only when the drawing has no closed polylines.
///
/// Real CASS drawings also carry extended entity data (XDATA) on every entity: under the
/// application "SOUTH", CASS's feature code (编码) first, then whatever the CASS function that drew
/// it stored. Each outline keeps its XDATA values as attributes (`xdata.APP.N`, the N-th value of
/// application APP; `cass_code` for SOUTH's first), so `--id-field xdata.SOUTH.2` can take an id
/// kept there, and `--cass-code` keeps only the outlines drawn with the given codes (a drawing's
/// houses, roads and map frame are closed polylines too). LandKit has no table of CASS codes: the
/// codes are the office's CASS code table's.
enum CASSDrawing {
    /// The CASS application name of extended entity data.
    static let cassApplication = "SOUTH"

    /// Extended entity data from OGR's RawCodeValues ("CODE VALUE" per line): the values of each
    /// application, in order. Strings (1000), layer names (1003), handles (1005), reals (1040–1042)
    /// and integers (1070, 1071) are kept as text; points, binary chunks and braces are not values.
    static func extendedData(_ raw: String?) -> [(application: String, values: [String])] {
        guard let raw else { return [] }
        var apps: [(application: String, values: [String])] = []
        for line in raw.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard let code = Int(parts[0]) else { continue }
            let value = parts.count > 1 ? String(parts[1]) : ""
            if code == 1001 {
                apps.append((value, []))
            } else if !apps.isEmpty, [1000, 1003, 1005, 1040, 1041, 1042, 1070, 1071].contains(code) {
                apps[apps.count - 1].values.append(value)
            }
        }
        return apps
    }

    /// Turns the DXF entities OGR read into parcel features.
    /// - Parameters:
    ///   - entities: OGR's DXF features: geometry plus the fields Layer, SubClasses, EntityHandle, Text.
    ///   - cadLayer: only outlines on this CAD layer (`--layer`, e.g. JZX); texts may be on any layer.
    ///   - labelLayer: only texts on this CAD layer are labels (e.g. ZDH); nil: texts on any layer.
    ///   - labels: false when ids come from an attribute (`--id-field`): outlines keep no text id.
    ///   - cassCodes: only outlines whose CASS code (SOUTH's first XDATA value) is one of these; nil: every outline.
    ///   - file: the file name for diagnostics.
    /// - Returns: one feature per labelled outline, with `cad_layer`, `dxf_handle`, `cass_code` and
    ///   `xdata.APP.N` attributes.
    static func parcels(
        from entities: [FeatureRecord], cadLayer: String?, labelLayer: String? = nil, labels: Bool = true,
        cassCodes: Set<String>? = nil, file: String?
    ) -> (
        features: [FeatureRecord], diagnostics: [Diagnostic]
    ) {
        func field(_ r: FeatureRecord, _ name: String) -> String? { FieldMapping.text(r[property: name]) }
        var outlines: [(record: FeatureRecord, polygon: Polygon)] = []
        var hatches: [(record: FeatureRecord, polygon: Polygon)] = []
        var texts: [(text: String, at: Coordinate)] = []
        var open = 0
        var otherCodes: [String: Int] = [:]
        func wanted(_ e: FeatureRecord) -> Bool {
            if let cadLayer, field(e, "Layer")?.lowercased() != cadLayer.lowercased() { return false }
            guard let cassCodes else { return true }
            let code = extendedData(field(e, "RawCodeValues")).first { $0.application == cassApplication }?.values.first
            if let code, cassCodes.contains(code) { return true }
            otherCodes[code ?? "none", default: 0] += 1
            return false
        }
        for e in entities {
            let isHatch = field(e, "SubClasses")?.contains("Hatch") ?? false
            switch e.geometry {
            case .point(let c):
                if let labelLayer, field(e, "Layer")?.lowercased() != labelLayer.lowercased() { continue }
                if let t = field(e, "Text"), !isHatch { texts.append((t, c)) }
            case .lineString(let cs):
                guard wanted(e) else { continue }
                if cs.count >= 4, cs.first == cs.last {
                    outlines.append((e, Polygon(exterior: cs)))
                } else {
                    open += 1
                }
            case .polygon(let p):
                guard wanted(e) else { continue }
                if isHatch { hatches.append((e, p)) } else { outlines.append((e, p)) }
            default:
                continue
            }
        }
        if outlines.isEmpty { outlines = hatches }
        var diags: [Diagnostic] = []
        if open > 0 {
            diags.append(
                Diagnostic(.warning, "\(open) open polyline\(open == 1 ? "" : "s") ignored: parcels are closed polylines", file: file))
        }
        if !otherCodes.isEmpty {
            let list = otherCodes.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            let n = otherCodes.values.reduce(0, +)
            diags.append(Diagnostic(.warning, "\(n) line\(n == 1 ? "" : "s") with other CASS codes left out (\(list))", file: file))
        }
        if outlines.isEmpty {
            let on =
                (cadLayer.map { " on CAD layer \($0)" } ?? "")
                + (cassCodes.map { " with CASS code \($0.sorted().joined(separator: " or "))" } ?? "")
            diags.append(Diagnostic(.error, "the drawing has no closed polylines\(on): parcels are closed polylines", file: file))
            return ([], diags)
        }
        // A text inside one outline is its label. A text inside several (nested or overlapping
        // outlines) goes to the one of them still without a label, else to the smallest.
        let areas = outlines.map { PlanarArea.ring($0.polygon.exterior) }
        var inside = [[String]](repeating: [], count: outlines.count)
        var shared: [(text: String, candidates: [Int])] = []
        for t in texts {
            let candidates = outlines.indices.filter { RingAssembly.locate(t.at, in: outlines[$0].polygon.exterior) == .inside }
            if candidates.count == 1 {
                inside[candidates[0]].append(t.text)
            } else if !candidates.isEmpty {
                shared.append((t.text, candidates))
            }
        }
        for t in shared {
            let free = t.candidates.filter { inside[$0].isEmpty }
            let smallest = t.candidates.min { areas[$0] < areas[$1] }
            if let target = free.count == 1 ? free[0] : smallest { inside[target].append(t.text) }
        }
        // An unlabelled outline inside another is a hole of the smallest one around it.
        var holes = [[[Coordinate]]](repeating: [], count: outlines.count)
        var isHole = [Bool](repeating: false, count: outlines.count)
        if labels {
            for i in outlines.indices where inside[i].isEmpty {
                let ring = outlines[i].polygon.exterior
                let around = outlines.indices.filter { j in
                    j != i && ring.allSatisfy { RingAssembly.locate($0, in: outlines[j].polygon.exterior) == .inside }
                }
                guard let host = around.min(by: { areas[$0] < areas[$1] }) else { continue }
                holes[host].append(RingAssembly.oriented(ring, ccw: false))
                isHole[i] = true
            }
        }
        var features: [FeatureRecord] = []
        for (i, o) in outlines.enumerated() where !isHole[i] {
            let handle = field(o.record, "EntityHandle")
            let name = handle.map { "entity \($0)" } ?? "outline #\(i + 1)"
            var props: [FeatureRecord.Property] = []
            if let l = field(o.record, "Layer") { props.append(.init("cad_layer", .string(l))) }
            if let handle { props.append(.init("dxf_handle", .string(handle))) }
            for app in extendedData(field(o.record, "RawCodeValues")) {
                if app.application == cassApplication, let code = app.values.first { props.append(.init("cass_code", .string(code))) }
                for (n, v) in app.values.enumerated() { props.append(.init("xdata.\(app.application).\(n + 1)", .string(v))) }
            }
            var id: String?
            if labels {
                switch inside[i].count {
                case 1: id = inside[i][0]
                case 0:
                    diags.append(
                        Diagnostic(
                            .error, "closed polyline has no text inside: put its 宗地号 text inside the outline", file: file, feature: name))
                    continue
                default:
                    diags.append(
                        Diagnostic(
                            .error,
                            "closed polyline has \(inside[i].count) texts inside (\(inside[i].joined(separator: ", "))): keep one 宗地号 per outline",
                            file: file, feature: name))
                    continue
                }
            }
            let ring = RingAssembly.oriented(o.polygon.exterior, ccw: true)
            let polygon = Polygon(exterior: ring, holes: o.polygon.holes + holes[i])
            features.append(FeatureRecord(id: id, geometry: .polygon(polygon), properties: props))
        }
        return (features, diags)
    }
}
