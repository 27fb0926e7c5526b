/// What kind of compensation a line is.
public enum CompensationCategory: String, CaseIterable, Sendable, Codable, Hashable {
    /// 土地补偿 (区片综合地价 × acquired mu).
    case land
    /// 青苗费.
    case crop
    /// 地上附着物.
    case attachment
    /// 房屋 (floor area × structure rate).
    case house
    /// Per-household items: 搬迁费, 过渡费, 奖励.
    case household

    public var zh: String {
        switch self {
        case .land: "土地补偿"
        case .crop: "青苗费"
        case .attachment: "附着物"
        case .house: "房屋"
        case .household: "搬迁过渡"
        }
    }
}

/// One line of an estimate: quantity × rate = amount, so a household can check it by hand.
public struct CompensationLine: Sendable, Hashable {
    public var category: CompensationCategory
    /// 0103 旱地, 砖混, 树, 过渡费 …
    public var item: String
    public var quantity: Quantity
    public var unit: CompensationUnit
    /// Yuan per unit.
    public var rate: Yuan
    /// quantity × rate rounded half up to the fen (``CompensationRounding``).
    public var amount: Yuan

    public init(category: CompensationCategory, item: String, quantity: Quantity, unit: CompensationUnit, rate: Yuan, amount: Yuan) {
        self.category = category
        self.item = item
        self.quantity = quantity
        self.unit = unit
        self.rate = rate
        self.amount = amount
    }

    /// "2.5 亩 × 58,000.00 元/亩 = 145,000.00 元".
    public var basis: String {
        "\(quantity) \(unit.zh) × \(rate.grouped) 元/\(unit.zh) = \(amount.grouped) 元"
    }
}

/// The compensation one parcel share or household is due in a project.
public struct ItemEstimate: Sendable, Hashable {
    public var entity: EntityKind
    public var id: String
    public var lines: [CompensationLine]
    /// What could not be priced (no rate for a land class, a house without floor area …).
    public var problems: [String]

    public init(entity: EntityKind, id: String, lines: [CompensationLine] = [], problems: [String] = []) {
        self.entity = entity
        self.id = id
        self.lines = lines
        self.problems = problems
    }

    /// The exact sum of the lines.
    public var total: Yuan { lines.map(\.amount).sum() }
}

/// A project's estimate by its rate table.
public struct ProjectEstimate: Sendable, Hashable {
    public var projectID: String
    public var projectName: String
    /// The rate table used.
    public var rateTable: String
    public var items: [ItemEstimate]

    public init(projectID: String, projectName: String, rateTable: String, items: [ItemEstimate]) {
        self.projectID = projectID
        self.projectName = projectName
        self.rateTable = rateTable
        self.items = items
    }

    /// The exact sum of every item.
    public var total: Yuan { items.map(\.total).sum() }

    /// The total of one category.
    public func total(_ category: CompensationCategory) -> Yuan {
        items.flatMap(\.lines).filter { $0.category == category }.map(\.amount).sum()
    }
}
