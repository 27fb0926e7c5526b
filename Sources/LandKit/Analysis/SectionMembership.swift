import Foundation

/// Which section (标段) each item of a project belongs to: the section holding the largest share of
/// its overlap. A parcel's share is the area of (parcel ∩ red line ∩ section); a house's the area of
/// the house in the section (a point house: the section containing it); a utility's the length of
/// the line in the section (a point utility: the section containing it). Parcels named by a section
/// (`--parcels`) belong to it whatever the polygons say. Ties go to the section whose id sorts first;
/// an item in no section has none.
public struct SectionMembership {
    private let engine: GeometryEngine

    public init() throws {
        engine = try GeometryEngine()
    }

    /// - Parameters:
    ///   - items: the project's items (in zone or not).
    ///   - redLine: the project's red line, storage CRS (nil: none, shares are whole features).
    ///   - geometry: each item's feature geometry, storage CRS.
    /// - Returns: the section id of every item that lies in a section.
    public func sections(
        of items: [ProjectItem], sections: [Section], redLine: Geometry?, geometry: (ProjectItem) throws -> Geometry?
    ) throws -> [ItemKey: String] {
        let ordered = sections.sorted { $0.id < $1.id }
        var named: [String: String] = [:]
        for s in ordered {
            if case .parcels(let ids) = s.extent { for id in ids where named[id] == nil { named[id] = s.id } }
        }
        let polygons = ordered.compactMap { s -> (String, Geometry)? in
            if case .polygon(let g) = s.extent { return (s.id, g) }
            return nil
        }
        var out: [ItemKey: String] = [:]
        for item in items {
            let key = ItemKey(entity: item.entity, id: item.id, projectID: item.projectID)
            if item.entity == .parcel, let s = named[item.id] {
                out[key] = s
                continue
            }
            guard !polygons.isEmpty, var g = try geometry(item) else { continue }
            if item.entity == .parcel, let redLine { g = try engine.intersection(g, redLine) }
            var best: (String, Double)?
            for (id, polygon) in polygons {
                let share = try self.share(g, in: polygon)
                if share > 0, share > (best?.1 ?? 0) { best = (id, share) }
            }
            if let best { out[key] = best.0 }
        }
        return out
    }

    /// Area, length, or 1 for a point inside: the measure of `g` inside `polygon`.
    private func share(_ g: Geometry, in polygon: Geometry) throws -> Double {
        switch g {
        case .point, .multiPoint: return try engine.intersects(g, polygon) ? 1 : 0
        case .lineString, .multiLineString: return try engine.length(engine.intersection(g, polygon))
        default: return try engine.area(engine.intersection(g, polygon))
        }
    }
}
