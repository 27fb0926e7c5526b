import Testing

@testable import LandKit

@Suite("CASS drawings: outlines and their 宗地号 texts")
struct CASSDrawingTests {
    static func ring(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> [Coordinate] {
        [Coordinate(x, y), Coordinate(x + w, y), Coordinate(x + w, y + h), Coordinate(x, y + h), Coordinate(x, y)]
    }

    static func outline(_ x: Double, _ y: Double, _ w: Double, _ h: Double, layer: String = "JZX", handle: String) -> FeatureRecord {
        let ring = Self.ring(x, y, w, h)
        return FeatureRecord(
            id: nil, geometry: .lineString(ring),
            properties: [
                .init("Layer", .string(layer)), .init("SubClasses", .string("AcDbEntity:AcDbPolyline")),
                .init("EntityHandle", .string(handle)),
            ])
    }

    static func text(_ x: Double, _ y: Double, _ t: String) -> FeatureRecord {
        FeatureRecord(
            id: nil, geometry: .point(Coordinate(x, y)),
            properties: [.init("Layer", .string("ZDH")), .init("SubClasses", .string("AcDbEntity:AcDbText")), .init("Text", .string(t))])
    }

    @Test("a text inside a nested outline names the inner outline only; the outer one takes the text that is only inside it")
    func nested() {
        let entities = [
            Self.outline(0, 0, 100, 100, handle: "A"), Self.outline(40, 40, 20, 20, handle: "B"),
            Self.text(50, 50, "INNER"), Self.text(10, 10, "OUTER"),
        ]
        let (features, diags) = CASSDrawing.parcels(from: entities, cadLayer: nil, file: "x.dxf")
        #expect(diags.isEmpty)
        #expect(features.map(\.id) == ["OUTER", "INNER"])
    }

    @Test("--layer keeps outlines of that CAD layer only; HATCH fills and open lines are not parcels")
    func layers() {
        // A HATCH fill over the same outline: OGR reads it as a polygon.
        var hatch = Self.outline(0, 0, 10, 10, handle: "H")
        hatch.geometry = .polygon(Polygon(exterior: Self.ring(0, 0, 10, 10)))
        hatch.properties[1] = .init("SubClasses", .string("AcDbEntity:AcDbHatch"))
        let entities = [
            Self.outline(0, 0, 10, 10, handle: "A"), Self.outline(0, 0, 10, 10, layer: "JMD", handle: "B"), hatch,
            Self.text(5, 5, "DK1"),
        ]
        let (features, diags) = CASSDrawing.parcels(from: entities, cadLayer: "jzx", file: "x.dxf")
        #expect(diags.isEmpty)
        #expect(features.count == 1)
        #expect(features.first?.id == "DK1")
        #expect(features.first?[property: "dxf_handle"] == .string("A"))
        // The outline comes out counter-clockwise, as RFC 7946 and the other readers have it.
        #expect(PlanarArea.signedRing(features.first?.geometry.polygons.first?.exterior ?? []) > 0)
    }

    @Test("an outline without a text inside a labelled one is its hole (100 × 100 m less 20 × 20 m = 9600 m²)")
    func hole() {
        let entities = [Self.outline(0, 0, 100, 100, handle: "A"), Self.outline(40, 40, 20, 20, handle: "B"), Self.text(10, 10, "DK1")]
        let (features, diags) = CASSDrawing.parcels(from: entities, cadLayer: nil, file: "x.dxf")
        #expect(diags.isEmpty)
        #expect(features.map(\.id) == ["DK1"])
        #expect(features.first?.geometry.polygons.first?.holes.count == 1)
        #expect(abs(PlanarArea.of(features.first?.geometry ?? .geometryCollection([])) - 9600) < 1e-9)
    }

    @Test("--label-layer: only texts on that CAD layer name outlines; a street name inside a parcel is not a second label")
    func labelLayer() {
        var street = Self.text(20, 20, "村道")
        street.properties[0] = .init("Layer", .string("ZJ"))
        let entities = [Self.outline(0, 0, 100, 100, handle: "A"), Self.text(10, 10, "DK1"), street]
        let anyLayer = CASSDrawing.parcels(from: entities, cadLayer: nil, file: "x.dxf")
        #expect(anyLayer.features.isEmpty)
        #expect(anyLayer.diagnostics.first?.message.contains("2 texts inside") == true)
        let zdh = CASSDrawing.parcels(from: entities, cadLayer: nil, labelLayer: "zdh", file: "x.dxf")
        #expect(zdh.diagnostics.isEmpty)
        #expect(zdh.features.map(\.id) == ["DK1"])
    }
}
