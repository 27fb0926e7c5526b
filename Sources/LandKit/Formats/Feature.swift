/// A property value read from or written to a feature file: the JSON scalar types.
///
/// Nested JSON objects and arrays are kept as their JSON text in `.string` (LandKit's stores
/// keep flat attributes only).
public enum PropertyValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else {
            self = .string(try c.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let d): try c.encode(d)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        }
    }

    /// The value as text: strings as they are, integral numbers without ".0", `null` as "".
    public var text: String {
        switch self {
        case .string(let s): s
        case .number(let d): PropertyValue.format(d)
        case .bool(let b): b ? "true" : "false"
        case .null: ""
        }
    }

    public var description: String { text }

    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}

/// One feature read from a file: an optional id, a geometry, ordered attributes, and where it was.
///
/// The geometry's CRS is not stored here: each reader reports the CRS of the whole file (see
/// ``SurveyFile/features(crs:file:)``, ``GeoJSONFeatureReader/declaredCRS``). Coordinates are
/// (x = easting or longitude, y = northing or latitude).
public struct FeatureRecord: Hashable, Sendable {
    /// One attribute: a key and its value, kept in file order.
    public struct Property: Hashable, Sendable, Codable {
        public var key: String
        public var value: PropertyValue

        public init(_ key: String, _ value: PropertyValue) {
            self.key = key
            self.value = value
        }
    }

    /// The feature id (GeoJSON "id", the id column of a CSV, the 地块编号 of a survey parcel).
    public var id: String?
    public var geometry: Geometry
    /// Attributes in file order; keys are unique within a feature.
    public var properties: [Property]
    /// The 1-based line where the feature starts in its file, when the format has lines.
    public var sourceLine: Int?

    public init(id: String?, geometry: Geometry, properties: [Property] = [], sourceLine: Int? = nil) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
        self.sourceLine = sourceLine
    }

    /// The value of the first property named `key`, or nil.
    public subscript(property key: String) -> PropertyValue? {
        properties.first { $0.key == key }?.value
    }
}
