/// A county's published compensation standard (补偿标准): every rate in yuan per unit, and the
/// period it is valid for. Read from the CSV format of ``RateTableCSV``.
public struct RateTable: Sendable, Hashable {
    /// The name a project refers to it by, e.g. "2021标准".
    public var name: String
    public var validFrom: LocalDate?
    public var validTo: LocalDate?
    /// 区片综合地价 by price zone and land class (GB/T 21010 code), 元/亩.
    public var land: [RateKey: Yuan]
    /// 青苗费 by land class, 元/亩.
    public var crops: [String: Yuan]
    /// Attachments (地上附着物) by item and unit: 树 元/株, 井 元/口, 坟 元/座, 棚 元/m².
    public var attachments: [AttachmentKey: Yuan]
    /// Houses by structure (砖混, 框架, 砖木, 简易), 元/m² of floor area.
    public var houses: [String: Yuan]
    /// Items every household of a project gets (搬迁费, 过渡费, 奖励), in file order.
    public var householdItems: [HouseholdRate]
    /// Which price zone a village lies in (区片划分); a parcel without one uses the zone "".
    public var villageZones: [String: String]

    public init(
        name: String, validFrom: LocalDate? = nil, validTo: LocalDate? = nil, land: [RateKey: Yuan] = [:], crops: [String: Yuan] = [:],
        attachments: [AttachmentKey: Yuan] = [:], houses: [String: Yuan] = [:], householdItems: [HouseholdRate] = [],
        villageZones: [String: String] = [:]
    ) {
        self.name = name
        self.validFrom = validFrom
        self.validTo = validTo
        self.land = land
        self.crops = crops
        self.attachments = attachments
        self.houses = houses
        self.householdItems = householdItems
        self.villageZones = villageZones
    }

    /// A land rate's key: price zone and land class.
    public struct RateKey: Hashable, Sendable {
        public var zone: String
        public var landClass: String

        public init(zone: String, landClass: String) {
            self.zone = zone
            self.landClass = landClass
        }
    }

    /// An attachment rate's key: the item as the survey names it and its unit.
    public struct AttachmentKey: Hashable, Sendable {
        public var item: String
        public var unit: CompensationUnit

        public init(item: String, unit: CompensationUnit) {
            self.item = item
            self.unit = unit
        }
    }

    /// A per-household item: its rate per unit and the quantity every household gets unless its
    /// inventory says otherwise (过渡费: 6 months).
    public struct HouseholdRate: Hashable, Sendable {
        public var item: String
        public var unit: CompensationUnit
        public var rate: Yuan
        public var quantity: Quantity
        /// For an early-signing award (奖励): due only when the agreement is signed on or before this date.
        public var signedBy: LocalDate?

        public init(item: String, unit: CompensationUnit, rate: Yuan, quantity: Quantity, signedBy: LocalDate? = nil) {
            self.item = item
            self.unit = unit
            self.rate = rate
            self.quantity = quantity
            self.signedBy = signedBy
        }
    }

    /// The price zone of a parcel in `village` (the only zone the table has when there is one).
    public func zone(village: String?) -> String {
        if let village, let z = villageZones[village] { return z }
        let zones = Set(land.keys.map(\.zone))
        return zones.count == 1 ? zones.first ?? "" : ""
    }

    /// How many rates the table holds.
    public var rateCount: Int { land.count + crops.count + attachments.count + houses.count + householdItems.count }
}
