import Foundation

/// Writes survey coordinate files ("国土TXT") strictly to the spec: the `[属性描述]` header block,
/// then `[地块坐标]` with, per parcel, the 8 spec fields and `@` (13 when any extended field is
/// filled), closed rings numbered 1, 2, … in order, point names J1, J2, … per parcel (a closing
/// point repeats the name of its ring's first point), coordinates with 3 decimals, 界址点数
/// counting every point line, 地块面积 in hectares with 4 decimals.
///
/// Extra sections are written after the header block. Writing a file that was read and written
/// once gives the same bytes again.
public enum SurveyTXTWriter {
    /// The file as text (LF line ends, trailing newline).
    public static func text(_ file: SurveyFile) -> String {
        var out = "[\(SurveyTXTReader.headerSection)]\n"
        let header = file.header.isEmpty ? SurveyFile.standardHeader(zone: nil) : file.header
        for f in header { out += "\(f.key)=\(f.value)\n" }
        for s in file.extraSections {
            out += "[\(s.name)]\n"
            for l in s.lines { out += l + "\n" }
        }
        out += "[\(SurveyTXTReader.parcelSection)]\n"
        for p in file.parcels { write(p, into: &out) }
        return out
    }

    /// The file as bytes.
    /// - Parameters:
    ///   - file: the model to write.
    ///   - encoding: UTF-8 (default, no BOM) or GB18030/GBK.
    /// - Throws: `FormatError` when the text cannot be encoded.
    public static func write(_ file: SurveyFile, encoding: TextEncoding = .utf8) throws(FormatError) -> [UInt8] {
        try TextDecoding.encode(text(file), as: encoding)
    }

    static func write(_ p: SurveyParcel, into out: inout String) {
        // Rings closed, consecutive duplicates dropped.
        var rings: [[SurveyPoint]] = []
        for r in p.rings {
            var pts: [SurveyPoint] = []
            for pt in r.points where !(pts.last.map { $0.northing == pt.northing && $0.easting == pt.easting } ?? false) {
                pts.append(pt)
            }
            if pts.count > 1, pts[0].northing == pts[pts.count - 1].northing, pts[0].easting == pts[pts.count - 1].easting {
                pts.removeLast()
            }
            if !pts.isEmpty { rings.append(pts) }
        }
        let pointLines = rings.reduce(0) { $0 + $1.count + 1 }
        var fields = p.fields
        let width = fields.count > 8 && fields[8...].contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ? 13 : 8
        while fields.count < width { fields.append("") }
        fields = Array(fields.prefix(width)).map { $0.trimmingCharacters(in: .whitespaces) }
        fields[SurveyParcel.Field.pointCount.rawValue] = String(pointLines)
        let hectares = p.statedAreaHectares ?? AreaUnit.hectares(squareMetres: planarArea(rings))
        fields[SurveyParcel.Field.areaHectares.rawValue] = String(format: "%.4f", hectares)
        if fields[SurveyParcel.Field.shapeKind.rawValue].isEmpty { fields[SurveyParcel.Field.shapeKind.rawValue] = "面" }
        out += fields.joined(separator: ",") + ",@\n"
        var n = 0
        for (ri, ring) in rings.enumerated() {
            var firstName = ""
            for (k, pt) in ring.enumerated() {
                n += 1
                let name = "J\(n)"
                if k == 0 { firstName = name }
                out += line(name, ri + 1, pt)
            }
            out += line(firstName, ri + 1, ring[0])
        }
    }

    static func line(_ name: String, _ ring: Int, _ p: SurveyPoint) -> String {
        "\(name),\(ring),\(String(format: "%.3f", p.northing)),\(String(format: "%.3f", p.easting))\n"
    }

    /// Planar area of rings assembled by containment, m².
    static func planarArea(_ rings: [[SurveyPoint]]) -> Double {
        let cs = rings.map { r in (r + [r[0]]).map { Coordinate(x: $0.easting, y: $0.northing) } }
        let parts = RingAssembly.assemble(cs.filter { $0.count >= 4 })
        return PlanarArea.of(.multiPolygon(parts.map(\.polygon)))
    }
}

extension SurveyParcel {
    /// A parcel for writing, from polygonal geometry in (easting, northing) metres.
    /// - Parameters:
    ///   - geometry: a Polygon or MultiPolygon (other parts are ignored); rings are written in
    ///     order, exterior then holes, polygon by polygon.
    ///   - fields: header fields by position (see ``Field``); 界址点数 and 地块面积 are filled
    ///     by the writer when empty.
    public init(geometry: Geometry, fields: [String]) {
        var rings: [SurveyRing] = []
        for poly in geometry.polygons {
            for r in poly.rings {
                let n = rings.count + 1
                rings.append(SurveyRing(number: n, points: r.map { SurveyPoint(name: "", ring: n, northing: $0.y, easting: $0.x) }))
            }
        }
        self.init(fields: fields, rings: rings)
    }
}
