import Foundation

/// What kind of public work a project is (cli.md's project kinds).
public enum ProjectKind: String, CaseIterable, Sendable, Codable {
    case road
    case railArea = "rail-area"
    case facility
    case clearanceZone = "clearance-zone"
    case industrialZone = "industrial-zone"
    case utilityRelocation = "utility-relocation"
    case resettlementSite = "resettlement-site"

    /// Whether the project acquires (征收) the land in its red line. A clearance zone does not: only
    /// what stands too high (trees, lines, buildings) is removed and the land stays with its owner, so
    /// no land price or crop compensation is due there.
    public var acquiresLand: Bool { self != .clearanceZone }
}

/// A public-works project (项目) that needs land: its red line is the union of its zones.
public struct Project: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var kind: ProjectKind
    /// Due date (YYYY-MM-DD), if any.
    public var due: LocalDate?
    /// When the project was closed (it then leaves current reports); nil while it runs.
    public var closedAt: Date?
    /// How many times its red line was changed (zones added, replaced or removed): 0 at first.
    public var redLineRevision: Int
    /// The revision its current items were computed against (nil: never computed).
    public var itemsRevision: Int?

    public init(
        id: String, name: String, kind: ProjectKind, due: LocalDate? = nil, closedAt: Date? = nil, redLineRevision: Int = 0,
        itemsRevision: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.due = due
        self.closedAt = closedAt.map(Timestamps.millisecond)
        self.redLineRevision = redLineRevision
        self.itemsRevision = itemsRevision
    }

    /// True when the project was closed on or before `date` (the end of that instant).
    public func isClosed(at date: Date) -> Bool {
        closedAt.map { $0 <= date } ?? false
    }
}

/// How a zone's polygon was given.
public enum ZoneSource: Hashable, Sendable {
    /// A red-line polygon as surveyed.
    case polygon
    /// A centerline buffered by half of `widthMetres` each side, with flat ends.
    case centerline(Geometry, widthMetres: Double)
}

/// One red-line area (红线范围) of a project, in the storage CRS.
public struct Zone: Hashable, Sendable {
    public var id: String
    public var projectID: String
    public var name: String?
    /// Polygon or multipolygon in the storage CRS (metres).
    public var geometry: Geometry
    public var source: ZoneSource
    /// What GEOS said was wrong with the geometry as given, when it had to be repaired.
    public var repaired: String?

    public init(
        id: String, projectID: String, name: String? = nil, geometry: Geometry, source: ZoneSource = .polygon, repaired: String? = nil
    ) {
        self.id = id
        self.projectID = projectID
        self.name = name
        self.geometry = geometry
        self.source = source
        self.repaired = repaired
    }
}

/// A calendar date without time (YYYY-MM-DD), in the database's time zone.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...31).contains(day), (1900...9999).contains(year) else { return nil }
        let days = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= days[month - 1] else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The calendar date of an instant in a time zone.
    public init(_ date: Date, timeZone: TimeZone) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day], from: date)
        year = c.year ?? 1970
        month = c.month ?? 1
        day = c.day ?? 1
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let d = LocalDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
