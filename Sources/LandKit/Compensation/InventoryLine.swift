/// One number of the baseline survey (摸底): so many trees, wells, graves, m² of shed on a parcel, or
/// a household's own count (e.g. 8 months of 过渡费 instead of the table's default).
public struct InventoryLine: Sendable, Hashable {
    /// Parcel or household.
    public var entity: EntityKind
    public var id: String
    /// The project it counts for; nil: every project the item is in.
    public var projectID: String?
    /// As the survey names it: 树, 井, 坟, 棚, 过渡费 …
    public var item: String
    public var quantity: Quantity
    public var unit: CompensationUnit
    public var note: String?

    public init(
        entity: EntityKind, id: String, projectID: String? = nil, item: String, quantity: Quantity, unit: CompensationUnit,
        note: String? = nil
    ) {
        self.entity = entity
        self.id = id
        self.projectID = projectID
        self.item = item
        self.quantity = quantity
        self.unit = unit
        self.note = note
    }
}
