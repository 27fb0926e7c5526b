/// A project's red line (红线范围): the repaired union of its zones, in one projected CRS.
///
/// Overlapping zones count once, since the red line is their union. It is a plain value: build it
/// once per project and hand it to ``OverlapEngine``, which cuts it into tiles for its workers.
///
/// Totals across projects count land once: ``union(_:)`` merges several red lines into one, so an
/// engine on the merged red line gives each parcel's area inside *any* project (counted once), and
/// the merged red line's own areas are the land the projects cover together.
public struct RedLine: Sendable, Hashable {
    /// The CRS of ``geometry``: a projected CRS in metres (the storage CRS, e.g. EPSG:4544).
    public let crs: CRS
    /// The union of the zones: polygon or multipolygon, valid, in ``crs`` (empty when no zone has area).
    public let geometry: Geometry
    /// Bounding box of ``geometry`` in ``crs`` metres, nil when empty.
    public let envelope: Envelope?
    /// Planar (Gauss plane) area of the red line, m².
    public let planarAreaSquareMetres: Double
    /// Ellipsoidal area of the red line on CGCS2000, m² (the official figure).
    public let ellipsoidalAreaSquareMetres: Double
    /// One warning per zone that was invalid and repaired (MakeValid, STRUCTURE method); `feature`
    /// is the 1-based position of the zone in the input.
    public let repairs: [Diagnostic]

    /// Repairs each zone, then dissolves them into one red line.
    /// - Parameters:
    ///   - zones: polygonal zones (polygons, multipolygons or collections of them) in `crs`; a
    ///     corridor given as a centerline must first be buffered (``GeometryEngine/corridor(centerline:widthMetres:)``).
    ///   - crs: the zones' projected CRS (metres).
    /// - Throws: `OverlapError` for a geographic CRS, a zone without polygons, or a GEOS/PROJ failure.
    public init(zones: [Geometry], crs: CRS) throws(OverlapError) {
        guard !crs.isGeographic else {
            throw OverlapError("a red line needs a projected CRS in metres, got \(crs) (lon/lat)")
        }
        var polygons: [Polygon] = []
        var repairs: [Diagnostic] = []
        do {
            let engine = try GeometryEngine()
            for (index, zone) in zones.enumerated() {
                if zone.isEmpty { continue }
                guard !zone.polygons.isEmpty else {
                    throw OverlapError(
                        "zone \(index + 1) is a \(zone.typeName.lowercased()), not an area: buffer a centerline into a corridor first")
                }
                let checked = try engine.validated(try engine.make(zone))
                if let reason = checked.repairedReason {
                    repairs.append(
                        Diagnostic(.warning, "zone was invalid (\(reason)); repaired with MakeValid (STRUCTURE)", feature: "\(index + 1)"))
                }
                polygons += try engine.polygons(checked.geometry)
            }
            try self.init(polygons: polygons, crs: crs, repairs: repairs, engine: engine)
        } catch let error as OverlapError {
            throw error
        } catch {
            throw OverlapError("building the red line failed: \(error)")
        }
    }

    /// Dissolves valid polygons (possibly overlapping one another) into a red line.
    private init(polygons: [Polygon], crs: CRS, repairs: [Diagnostic], engine: GeometryEngine) throws {
        var dissolved: [Polygon] = []
        if !polygons.isEmpty {
            let collection = try engine.make(.geometryCollection(polygons.map(Geometry.polygon)))
            dissolved = try engine.polygons(try engine.unaryUnion(collection))
        }
        let geometry: Geometry = dissolved.count == 1 ? .polygon(dissolved[0]) : .multiPolygon(dissolved)
        self.crs = crs
        self.geometry = geometry
        self.envelope = geometry.envelope
        self.planarAreaSquareMetres = PlanarArea.of(geometry)
        self.ellipsoidalAreaSquareMetres = dissolved.isEmpty ? 0 : try AreaCalculator(crs: crs).ellipsoidalArea(geometry)
        self.repairs = repairs
    }

    /// The union of several red lines (e.g. every project of a sub-district), for totals that
    /// count each piece of land once.
    /// - Parameter redLines: red lines in one CRS.
    /// - Throws: `OverlapError` when the CRSs differ or GEOS fails.
    public static func union(_ redLines: [RedLine]) throws(OverlapError) -> RedLine {
        guard let crs = redLines.first?.crs else { throw OverlapError("the union of no red lines has no CRS") }
        if let other = redLines.first(where: { $0.crs != crs }) {
            throw OverlapError("cannot merge red lines in \(crs) and \(other.crs): transform them into one storage CRS first")
        }
        do {
            let engine = try GeometryEngine()
            return try RedLine(
                polygons: redLines.flatMap(\.geometry.polygons), crs: crs, repairs: redLines.flatMap(\.repairs), engine: engine)
        } catch let error as OverlapError {
            throw error
        } catch {
            throw OverlapError("merging red lines failed: \(error)")
        }
    }
}
