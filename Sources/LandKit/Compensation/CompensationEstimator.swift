/// Prices a project's parcels and households by a rate table: the compensation rules in one place.
///
/// - Land: the parcel's ellipsoidal overlap in mu (rounded to 4 decimals, as reports print it) × the
///   区片综合地价 of its land class in its village's price zone; 青苗费 on the same mu where the class has one.
///   Land that is not acquired (a clearance zone: only what stands too high is removed, the land and its
///   crops stay with their owner) has neither: only its attachments are priced.
/// - Attachments: each inventory line × the rate for its item and unit.
/// - Houses: floor area (m², 2 decimals as stored) × the rate of its structure.
/// - Per household: every `household` item of the table × its default quantity, or the household's own
///   inventory quantity for that item; an award with a sign-by date is due unless the agreement was
///   signed after that date.
public struct CompensationEstimator: Sendable {
    public var table: RateTable

    public init(table: RateTable) { self.table = table }

    /// A parcel's share of a project, as the estimate needs it.
    public struct LandShare: Sendable {
        public var parcelID: String
        /// Ellipsoidal overlap, m².
        public var overlapSquareMetres: Double
        public var landClass: String?
        public var landClassName: String?
        public var village: String?
        /// false where the project does not acquire the land (``ProjectKind/acquiresLand``).
        public var acquired: Bool

        public init(
            parcelID: String, overlapSquareMetres: Double, landClass: String?, landClassName: String? = nil, village: String?,
            acquired: Bool = true
        ) {
            self.acquired = acquired
            self.parcelID = parcelID
            self.overlapSquareMetres = overlapSquareMetres
            self.landClass = landClass
            self.landClassName = landClassName
            self.village = village
        }
    }

    /// A household's house, as the estimate needs it.
    public struct House: Sendable {
        public var buildingID: String
        public var floorAreaSquareMetres: Double?
        public var structure: String?

        public init(buildingID: String, floorAreaSquareMetres: Double?, structure: String?) {
            self.buildingID = buildingID
            self.floorAreaSquareMetres = floorAreaSquareMetres
            self.structure = structure
        }
    }

    private func line(
        _ c: CompensationCategory, _ item: String, _ q: Quantity, _ u: CompensationUnit, _ rate: Yuan, _ e: inout ItemEstimate
    ) {
        guard let amount = CompensationRounding.amount(quantity: q, rate: rate) else {
            e.problems.append("\(item): \(q) × \(rate.plain) is beyond the largest amount")
            return
        }
        e.lines.append(CompensationLine(category: c, item: item, quantity: q, unit: u, rate: rate, amount: amount))
    }

    private func attachments(_ inventory: [InventoryLine], _ e: inout ItemEstimate) {
        for i in inventory {
            guard let rate = table.attachments[.init(item: i.item, unit: i.unit)] else {
                e.problems.append("no rate for \(i.item) per \(i.unit.zh) in \(table.name)")
                continue
            }
            line(.attachment, i.item, i.quantity, i.unit, rate, &e)
        }
    }

    /// The estimate of one parcel share.
    public func estimate(_ land: LandShare, inventory: [InventoryLine]) -> ItemEstimate {
        var e = ItemEstimate(entity: .parcel, id: land.parcelID)
        let label = [land.landClass, land.landClassName].compactMap { $0 }.joined(separator: " ")
        if !land.acquired {
            // Not acquired: no land price and no crop compensation, only the attachments below.
        } else if let mu = Quantity(rounding: AreaUnit.mu(squareMetres: land.overlapSquareMetres)) {
            let zone = table.zone(village: land.village)
            if let c = land.landClass, let rate = table.land[.init(zone: zone, landClass: c)] {
                line(.land, "\(label) 区片\(zone)", mu, .mu, rate, &e)
            } else {
                e.problems.append(
                    "no land rate for class \(land.landClass ?? "(none)") in zone \(zone.isEmpty ? "(none)" : zone) in \(table.name)")
            }
            if let c = land.landClass, let rate = table.crops[c] { line(.crop, label, mu, .mu, rate, &e) }
        } else {
            e.problems.append("overlap area \(land.overlapSquareMetres) m² is not a usable number")
        }
        attachments(inventory, &e)
        return e
    }

    /// The estimate of one household.
    /// - Parameter signedOn: the day its agreement was signed, when it has one (decides sign-by awards).
    public func estimate(_ house: House, inventory: [InventoryLine], signedOn: LocalDate?) -> ItemEstimate {
        var e = ItemEstimate(entity: .household, id: house.buildingID)
        if let area = house.floorAreaSquareMetres, let s = house.structure, let q = Quantity(rounding: area) {
            if let rate = table.houses[s] {
                line(.house, s, q, .squareMetre, rate, &e)
            } else {
                e.problems.append("no house rate for structure \(s) in \(table.name)")
            }
        } else {
            e.problems.append("no floor area and structure recorded: the house is not priced")
        }
        for h in table.householdItems {
            if let deadline = h.signedBy, let signedOn, signedOn > deadline { continue }
            let counted = inventory.first { $0.item == h.item && $0.unit == h.unit }
            line(.household, h.item, counted?.quantity ?? h.quantity, h.unit, h.rate, &e)
        }
        let own = inventory.filter { i in !table.householdItems.contains { $0.item == i.item && $0.unit == i.unit } }
        attachments(own, &e)
        return e
    }
}
