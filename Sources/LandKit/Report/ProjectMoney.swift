/// A project's money in a report: budget (the estimate by its rate table), signed and paid at the
/// report date, and the agreements not yet paid in full. Exact yuan; 万元 only when printed in prose.
public struct ProjectMoney: Sendable, Codable, Hashable {
    /// nil when the project has no rate table.
    public var estimate: Yuan?
    public var agreed: Yuan
    /// Agreements signed (协议份数: one per parcel share or household).
    public var agreements: Int
    /// Of those, the households' (the rest are parcels').
    public var householdAgreements: Int
    public var paid: Yuan
    public var unpaid: [Unpaid]

    public init(estimate: Yuan?, agreed: Yuan, agreements: Int, householdAgreements: Int, paid: Yuan, unpaid: [Unpaid]) {
        self.estimate = estimate
        self.agreed = agreed
        self.agreements = agreements
        self.householdAgreements = householdAgreements
        self.paid = paid
        self.unpaid = unpaid
    }

    /// A signed agreement not yet paid in full.
    public struct Unpaid: Sendable, Codable, Hashable {
        public var entity: EntityKind
        public var id: String
        /// 协议编号.
        public var agreement: String
        /// nil for a household's agreement in a masked report (amounts per household need --unmasked).
        public var agreed: Yuan?
        public var paid: Yuan?
        public var signed: LocalDate
        public var days: Int
        /// Scans of this agreement kept in the database (`landkit attach … --agreement NO`).
        public var scans: Int = 0
    }

    /// The sum of several projects' money (estimate only over projects that have one).
    public static func total(_ all: [ProjectMoney]) -> ProjectMoney {
        let estimates = all.compactMap(\.estimate)
        return ProjectMoney(
            estimate: estimates.isEmpty ? nil : estimates.sum(), agreed: all.map(\.agreed).sum(),
            agreements: all.map(\.agreements).reduce(0, +), householdAgreements: all.map(\.householdAgreements).reduce(0, +),
            paid: all.map(\.paid).sum(), unpaid: [])
    }
}
