/// Everything ``ProjectMap`` draws for one project on one date: plain values in the storage CRS
/// (projected metres, x east, y north), so a map can be built from a store or by hand.
public struct MapData: Sendable, Hashable {
    public var projectID: String
    /// The project's name, the map's title (e.g. "X大道延长线").
    public var projectName: String
    /// The date the statuses are for.
    public var date: LocalDate
    /// The red line (union of the zones): polygon or multipolygon in the storage CRS, metres.
    public var redLine: Geometry
    public var parcels: [MapParcel]
    public var households: [MapHousehold]
    public var utilities: [MapUtility]
    /// The project's sections drawn as polygons (drawn when ``MapOptions/showSections``).
    public var sections: [MapSection]

    public init(
        projectID: String, projectName: String, date: LocalDate, redLine: Geometry,
        parcels: [MapParcel] = [], households: [MapHousehold] = [], utilities: [MapUtility] = [], sections: [MapSection] = []
    ) {
        self.projectID = projectID
        self.projectName = projectName
        self.date = date
        self.redLine = redLine
        self.parcels = parcels
        self.households = households
        self.utilities = utilities
        self.sections = sections
    }
}

/// A section (标段) outline on the map.
public struct MapSection: Sendable, Hashable {
    public var id: String
    /// E.g. 一标段.
    public var name: String
    /// Its polygon, storage CRS.
    public var geometry: Geometry

    public init(id: String, name: String, geometry: Geometry) {
        self.id = id
        self.name = name
        self.geometry = geometry
    }
}

/// The workflow state of one item as the map shows it.
public struct MapStatus: Sendable, Hashable {
    /// The item's stage.
    public var stage: Stage
    public var blocked: BlockReason?
    /// Deferred, no construction impact (暂缓, 不影响施工).
    public var deferred: Bool

    public init(stage: Stage, blocked: BlockReason? = nil, deferred: Bool = false) {
        self.stage = stage
        self.blocked = blocked
        self.deferred = deferred
    }

    public init(_ status: ItemStatus) {
        self.init(stage: status.stage, blocked: status.blockedReason, deferred: status.deferred)
    }
}

/// A parcel of the project: its whole geometry (the map clips it to the red line) and its status.
public struct MapParcel: Sendable, Hashable {
    public var id: String
    /// Polygon or multipolygon in the storage CRS, metres.
    public var geometry: Geometry
    public var status: MapStatus

    public init(id: String, geometry: Geometry, status: MapStatus) {
        self.id = id
        self.geometry = geometry
        self.status = status
    }
}

/// Where a house lies relative to the red line.

/// A house / household of the project.
public struct MapHousehold: Sendable, Hashable {
    public var id: String
    /// Footprint polygon or point in the storage CRS, metres.
    public var geometry: Geometry
    public var position: BuildingPosition
    public var status: MapStatus

    public init(id: String, geometry: Geometry, position: BuildingPosition, status: MapStatus) {
        self.id = id
        self.geometry = geometry
        self.position = position
        self.status = status
    }
}

/// A utility (power line, substation, pipeline) to relocate in the project.
public struct MapUtility: Sendable, Hashable {
    public var id: String
    /// A name people know it by (e.g. 棉丰变电站), if any.
    public var name: String?
    /// Line or point geometry in the storage CRS, metres.
    public var geometry: Geometry
    public var status: MapStatus

    public init(id: String, name: String? = nil, geometry: Geometry, status: MapStatus) {
        self.id = id
        self.name = name
        self.geometry = geometry
        self.status = status
    }
}
