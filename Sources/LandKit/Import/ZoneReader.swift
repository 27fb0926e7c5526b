import Foundation

/// Builds a project's red-line zone from a file: polygons as surveyed, or a centerline buffered
/// into a corridor (half the width each side, flat ends). Polygons are validated and repaired
/// (MakeValid, STRUCTURE) like parcels; every feature of the file belongs to the zone.
public struct ZoneReader {
    let importer: FeatureImporter
    let engine: GeometryEngine

    public init(storageCRS: CRS) throws {
        importer = try FeatureImporter(storageCRS: storageCRS)
        engine = try GeometryEngine()
    }

    /// How the zone file describes the red line.
    public enum Shape: Sendable {
        case polygon
        case centerline(widthMetres: Double)
    }

    /// - Returns: the zone in the storage CRS and warnings (repairs).
    /// - Throws: `FormatError`/`ImportError` for unreadable files, `GeometryError` when the file holds the wrong kind of geometry.
    public func read(_ file: String, shape: Shape, projectID: String, zoneID: String, name: String?, crs: CRS?) throws -> (
        Zone, [Diagnostic]
    ) {
        let parts = try importer.geometries(file, options: ImportOptions(crs: crs))
        var warnings: [Diagnostic] = []
        var geometry: Geometry
        var source = ZoneSource.polygon
        var repaired: String?
        switch shape {
        case .centerline(let width):
            var lines: [[Coordinate]] = []
            for (id, g) in parts {
                switch g {
                case .lineString(let l): lines.append(l)
                case .multiLineString(let ls): lines += ls
                default: throw GeometryError("\(file): feature \(id) is a \(g.typeName.lowercased()), but a centerline must be a line")
                }
            }
            let line: Geometry = lines.count == 1 ? .lineString(lines[0]) : .multiLineString(lines)
            geometry = try engine.corridor(centerline: line, widthMetres: width)
            source = .centerline(line, widthMetres: width)
        case .polygon:
            var polys: [Polygon] = []
            for (id, g) in parts {
                guard g.isPolygonal else {
                    throw GeometryError("\(file): feature \(id) is a \(g.typeName.lowercased()), but a red line must be a polygon")
                }
                var part = g
                if let reason = try engine.invalidityReason(g) {
                    part = try engine.makeValid(g)
                    repaired = (repaired.map { $0 + "; " } ?? "") + "\(id): \(reason)"
                    warnings.append(
                        Diagnostic(.warning, "invalid red line repaired (MakeValid, STRUCTURE): \(reason)", file: file, feature: id))
                }
                polys += part.polygons
            }
            geometry = polys.count == 1 ? .polygon(polys[0]) : try engine.unaryUnion(.multiPolygon(polys))
        }
        guard !geometry.polygons.isEmpty, PlanarArea.of(geometry) > 0 else { throw GeometryError("\(file): the zone has no area") }
        return (Zone(id: zoneID, projectID: projectID, name: name, geometry: geometry, source: source, repaired: repaired), warnings)
    }
}
