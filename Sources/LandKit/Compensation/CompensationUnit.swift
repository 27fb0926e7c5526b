/// The unit a rate is quoted in and a quantity counted in.
public enum CompensationUnit: String, CaseIterable, Sendable, Codable, Hashable {
    /// 亩 (land, young crops).
    case mu
    /// Square metres of floor area or of a shed.
    case squareMetre = "m2"
    /// 株: trees.
    case tree
    /// 口: wells.
    case well
    /// 座: graves.
    case grave
    /// 月: months (过渡费).
    case month
    /// 户: once per household (搬迁费, 奖励).
    case household
    /// 个/项: anything counted one by one.
    case piece
    /// 米: metres (fences, ditches).
    case metre = "m"

    /// The Chinese unit, as in 元/亩.
    public var zh: String {
        switch self {
        case .mu: "亩"
        case .squareMetre: "m²"
        case .tree: "株"
        case .well: "口"
        case .grave: "座"
        case .month: "月"
        case .household: "户"
        case .piece: "个"
        case .metre: "米"
        }
    }

    private static let aliases: [String: CompensationUnit] = [
        "mu": .mu, "亩": .mu, "m2": .squareMetre, "m²": .squareMetre, "平方米": .squareMetre, "㎡": .squareMetre,
        "tree": .tree, "株": .tree, "棵": .tree, "well": .well, "口": .well, "grave": .grave, "座": .grave, "冢": .grave,
        "month": .month, "月": .month, "个月": .month, "household": .household, "户": .household,
        "piece": .piece, "个": .piece, "项": .piece, "处": .piece, "m": .metre, "米": .metre,
    ]

    /// The unit named by its code or Chinese name, or nil.
    public init?(parsing text: String) {
        guard let u = Self.aliases[text.trimmingCharacters(in: .whitespaces).lowercased()] else { return nil }
        self = u
    }

    /// "mu 亩, m2 m², …" for messages.
    public static var list: String { allCases.map { "\($0.rawValue) \($0.zh)" }.joined(separator: ", ") }
}
