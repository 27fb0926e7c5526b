import Foundation

/// A field team (拆迁组, 包村干部) that works items of projects.
public struct Team: Hashable, Sendable {
    /// Short id, e.g. `t1`.
    public var id: String
    /// Its name, e.g. 拆迁一组; events it records carry this name.
    public var name: String
    /// Its contact person (personal data: masked in outputs unless asked for).
    public var contact: String?

    public init(id: String, name: String, contact: String? = nil) {
        self.id = id
        self.name = name
        self.contact = contact
    }
}

/// A section (标段) of a project: items belong to the section their overlap mostly lies in.
public struct Section: Hashable, Sendable {
    /// How items are placed in the section.
    public enum Extent: Hashable, Sendable {
        /// A polygon in the storage CRS: an item belongs where the largest share of its overlap lies.
        case polygon(Geometry)
        /// Named parcels (the section's households and utilities come from polygons only).
        case parcels([String])
    }

    public var id: String
    public var projectID: String
    /// E.g. 一标段.
    public var name: String
    public var extent: Extent

    public init(id: String, projectID: String, name: String, extent: Extent) {
        self.id = id
        self.projectID = projectID
        self.name = name
        self.extent = extent
    }
}
