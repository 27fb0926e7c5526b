/// The stages of one entity kind's workflow, in order (domain.md). Each case's raw value is its
/// stable code (the CLI, the status CSV, the store and JSON use it); `zh` and `en` are its names.
public protocol WorkflowStage: RawRepresentable<String>, CaseIterable, Hashable, Sendable, Comparable
where AllCases == [Self] {
    /// The Chinese name used in reports and accepted as input (已摸底 …).
    var zh: String { get }
    /// The English name.
    var en: String { get }
}

extension WorkflowStage {
    /// Position in the workflow: 0 for the first stage.
    public var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// Compares by workflow order, so `a < b` means `a` comes first.
    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }

    /// The stage named by its code or its Chinese name (surrounding spaces ignored), or nil.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let s = Self(rawValue: t.lowercased()) ?? Self.allCases.first(where: { $0.zh == t }) else { return nil }
        self = s
    }
}

/// The stages of a parcel's land in a project.
public enum LandStage: String, WorkflowStage, Codable {
    case pending
    case surveyed
    case inventoried
    case agreed
    case compensated
    case cleared
    case handedOver = "handed-over"

    public var zh: String {
        switch self {
        case .pending: "待启动"
        case .surveyed: "已勘测定界"
        case .inventoried: "已摸底"
        case .agreed: "已签协议"
        case .compensated: "已补偿"
        case .cleared: "已清表"
        case .handedOver: "已交地"
        }
    }

    public var en: String {
        switch self {
        case .pending: "pending"
        case .surveyed: "surveyed"
        case .inventoried: "inventoried"
        case .agreed: "agreed"
        case .compensated: "compensated"
        case .cleared: "cleared"
        case .handedOver: "handed over"
        }
    }
}

/// The stages of a household (house) in a project.
public enum HouseholdStage: String, WorkflowStage, Codable {
    case pending
    case inventoried
    case agreed
    case vacated
    case demolished

    public var zh: String {
        switch self {
        case .pending: "未入户"
        case .inventoried: "已入户摸底"
        case .agreed: "已签约"
        case .vacated: "已腾空交房"
        case .demolished: "已拆除"
        }
    }

    public var en: String {
        switch self {
        case .pending: "pending"
        case .inventoried: "inventoried"
        case .agreed: "agreed"
        case .vacated: "vacated"
        case .demolished: "demolished"
        }
    }
}

/// The stages of a utility (power line, pipe, pole) to relocate in a project.
public enum UtilityStage: String, WorkflowStage, Codable {
    case pending
    case designed
    case relocating
    case relocated

    public var zh: String {
        switch self {
        case .pending: "待启动"
        case .designed: "已出方案"
        case .relocating: "迁改中"
        case .relocated: "已迁改"
        }
    }

    public var en: String {
        switch self {
        case .pending: "pending"
        case .designed: "designed"
        case .relocating: "relocating"
        case .relocated: "relocated"
        }
    }
}

/// A stage of any entity kind: the kind is part of the value, so a household can never be at a
/// land stage.
public enum Stage: Hashable, Sendable, CustomStringConvertible {
    case land(LandStage)
    case household(HouseholdStage)
    case utility(UtilityStage)

    /// The kind of item this stage belongs to.
    public var entity: EntityKind {
        switch self {
        case .land: .parcel
        case .household: .household
        case .utility: .utility
        }
    }

    /// The stable code (`handed-over`).
    public var code: String {
        switch self {
        case .land(let s): s.rawValue
        case .household(let s): s.rawValue
        case .utility(let s): s.rawValue
        }
    }

    /// The Chinese name (已交地).
    public var zh: String {
        switch self {
        case .land(let s): s.zh
        case .household(let s): s.zh
        case .utility(let s): s.zh
        }
    }

    /// The English name.
    public var en: String {
        switch self {
        case .land(let s): s.en
        case .household(let s): s.en
        case .utility(let s): s.en
        }
    }

    /// Position in its kind's workflow: 0 for pending.
    public var order: Int {
        switch self {
        case .land(let s): s.order
        case .household(let s): s.order
        case .utility(let s): s.order
        }
    }

    /// True for the last stage of the workflow (the item is done).
    public var isFinal: Bool { order == entity.stages.count - 1 }

    /// The stage after this one (nil at the last).
    public var next: Stage? {
        let all = entity.stages
        return order + 1 < all.count ? all[order + 1] : nil
    }

    public var description: String { code }

    /// The stage of `entity` named by its code or Chinese name, or nil.
    public init?(_ entity: EntityKind, parsing text: String) {
        switch entity {
        case .parcel: guard let s = LandStage(parsing: text) else { return nil }; self = .land(s)
        case .household: guard let s = HouseholdStage(parsing: text) else { return nil }; self = .household(s)
        case .utility: guard let s = UtilityStage(parsing: text) else { return nil }; self = .utility(s)
        }
    }

    /// The stage of `entity` at position `order`, or nil.
    public init?(_ entity: EntityKind, order: Int) {
        let all = entity.stages
        guard all.indices.contains(order) else { return nil }
        self = all[order]
    }

    /// The first stage of `entity`'s workflow.
    public static func initial(_ entity: EntityKind) -> Stage {
        switch entity {
        case .parcel: .land(.pending)
        case .household: .household(.pending)
        case .utility: .utility(.pending)
        }
    }
}

extension EntityKind {
    /// The ordered stages of this kind's workflow (domain.md).
    public var stages: [Stage] {
        switch self {
        case .parcel: LandStage.allCases.map(Stage.land)
        case .household: HouseholdStage.allCases.map(Stage.household)
        case .utility: UtilityStage.allCases.map(Stage.utility)
        }
    }

    /// The last stage: the item is done.
    public var finalStage: Stage { stages[stages.count - 1] }

    /// "pending → surveyed → …" with codes, for messages and help.
    public var stageList: String { stages.map(\.code).joined(separator: " → ") }

    /// "pending 待启动, surveyed 已勘测定界, …": codes with their Chinese names, for help texts.
    public var stageGlossary: String { stages.map { "\($0.code) \($0.zh)" }.joined(separator: ", ") }
}

/// Where a house lies relative to a red line: wholly inside, or cut by it (on the edge, 边线户).
/// Buildings outside are not items of the project.
public enum BuildingPosition: String, CaseIterable, Sendable, Codable, Hashable {
    /// The whole footprint is within the red line (a point on the line counts as inside).
    case inside
    /// The footprint crosses the red line (边线户): a positive-area part inside, a part outside.
    case edge

    public var zh: String {
        switch self {
        case .inside: "红线内"
        case .edge: "边线"
        }
    }
}

/// The language of a report, a paragraph or a map's labels.
public enum ReportLanguage: String, CaseIterable, Sendable, Codable, Hashable {
    case zh
    case en
}
