/// A cadastral parcel (地块/宗地) in the storage CRS.
public struct Parcel: Hashable, Sendable {
    /// 宗地编号 / 地块编号.
    public var id: String
    public var village: String?
    public var group: String?
    /// GB/T 21010 land-class code (地类编码), e.g. "0101".
    public var landClass: String?
    /// Land-class name (地类名称), e.g. "水田".
    public var landClassName: String?
    /// Owner (权利人): a collective or a household.
    public var owner: String?
    /// Polygon or multipolygon in the storage CRS (metres).
    public var geometry: Geometry
    /// Ellipsoidal area on CGCS2000 in m² (the official figure).
    public var areaSquareMetres: Double
    /// Planar (Gauss plane) area in m².
    public var planarAreaSquareMetres: Double
    /// GEOS's reason when the geometry was repaired on import.
    public var repaired: String?
    /// Other properties from the source file, as a JSON object text.
    public var attributesJSON: String?
    /// The coordinates as received, for audit, when they were converted (e.g. from GCJ-02).
    public var rawCoordinates: String?
    /// The name of the file the feature was imported from (without its folder); nil when not known.
    public var sourceFile: String? = nil

    public init(
        id: String, village: String? = nil, group: String? = nil, landClass: String? = nil, landClassName: String? = nil,
        owner: String? = nil, geometry: Geometry, areaSquareMetres: Double, planarAreaSquareMetres: Double,
        repaired: String? = nil, attributesJSON: String? = nil, rawCoordinates: String? = nil
    ) {
        self.id = id
        self.village = village
        self.group = group
        self.landClass = landClass
        self.landClassName = landClassName
        self.owner = owner
        self.geometry = geometry
        self.areaSquareMetres = areaSquareMetres
        self.planarAreaSquareMetres = planarAreaSquareMetres
        self.repaired = repaired
        self.attributesJSON = attributesJSON
        self.rawCoordinates = rawCoordinates
    }
}

/// A house and its household (户 / 房屋). Personal fields are masked in every output unless asked for.
public struct Building: Hashable, Sendable {
    public var id: String
    /// Head of household (户主) — personal data.
    public var head: String?
    /// ID-card number (身份证号) — personal data.
    public var idCard: String?
    /// Phone number — personal data.
    public var phone: String?
    public var members: Int?
    public var floorAreaSquareMetres: Double?
    /// 砖混, 框架, 砖木, 简易 …
    public var structure: String?
    public var village: String?
    public var group: String?
    /// Footprint polygon or point in the storage CRS.
    public var geometry: Geometry
    public var repaired: String?
    public var attributesJSON: String?
    public var rawCoordinates: String?
    /// The name of the file the feature was imported from (without its folder); nil when not known.
    public var sourceFile: String? = nil

    public init(
        id: String, head: String? = nil, idCard: String? = nil, phone: String? = nil, members: Int? = nil,
        floorAreaSquareMetres: Double? = nil, structure: String? = nil, village: String? = nil, group: String? = nil,
        geometry: Geometry, repaired: String? = nil, attributesJSON: String? = nil, rawCoordinates: String? = nil
    ) {
        self.id = id
        self.head = head
        self.idCard = idCard
        self.phone = phone
        self.members = members
        self.floorAreaSquareMetres = floorAreaSquareMetres
        self.structure = structure
        self.village = village
        self.group = group
        self.geometry = geometry
        self.repaired = repaired
        self.attributesJSON = attributesJSON
        self.rawCoordinates = rawCoordinates
    }
}

/// A power line, substation, telecom line or pipeline (杆线/管线).
public struct Utility: Hashable, Sendable {
    public var id: String
    /// power-line, substation, telecom, gas-pipeline, …
    public var kind: String?
    public var name: String?
    public var ownerCompany: String?
    /// Line or point geometry in the storage CRS.
    public var geometry: Geometry
    /// Planar length in metres (0 for points).
    public var lengthMetres: Double
    public var repaired: String?
    public var attributesJSON: String?
    public var rawCoordinates: String?
    /// The name of the file the feature was imported from (without its folder); nil when not known.
    public var sourceFile: String? = nil

    public init(
        id: String, kind: String? = nil, name: String? = nil, ownerCompany: String? = nil, geometry: Geometry,
        lengthMetres: Double, repaired: String? = nil, attributesJSON: String? = nil, rawCoordinates: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.ownerCompany = ownerCompany
        self.geometry = geometry
        self.lengthMetres = lengthMetres
        self.repaired = repaired
        self.attributesJSON = attributesJSON
        self.rawCoordinates = rawCoordinates
    }
}
