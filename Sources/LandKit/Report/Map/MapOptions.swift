/// Size and simplification settings of a ``ProjectMap``. Lengths are SVG pixels (user units).
public struct MapOptions: Sendable, Hashable {
    /// Width of the whole SVG, legend included.
    public var widthPixels: Double = 960
    /// The map frame's height follows the red line's shape within these bounds.
    public var minMapHeightPixels: Double = 440
    public var maxMapHeightPixels: Double = 640
    /// Above this many parcels, parcels are aggregated: each grid cell of ``cellPixels`` is
    /// coloured by the stage that covers most of it (one `<path>` per stage), so the file stays small
    /// whatever the project's size. Blocked and deferred parcels are still drawn one by one on top.
    public var aggregateAboveParcels = 20_000
    /// Grid cell of the aggregated parcel layer.
    public var cellPixels: Double = 3
    /// Vertices closer than this to the previous kept vertex are dropped.
    public var minVertexStepPixels: Double = 0.5
    /// At most this many blocked items get a text label (all are highlighted).
    public var maxBlockerLabels = 30
    /// Up to this many parcels, the parts of parcels outside the red line are drawn in grey for context.
    public var contextMaxParcels = 5_000
    /// Prefix of the element ids (clip paths, patterns), so several maps can share one HTML page;
    /// nil: derived from the project id.
    public var idPrefix: String?
    /// Draw the project name as the map's heading. The dashboard turns it off: its card already
    /// carries the name (the SVG `<title>` and the date line stay).
    public var showTitle = true
    /// Outline and name the project's sections (标段).
    public var showSections = false

    /// One item to point out (the web app's item page): a ring around it, drawn above everything else.
    public var highlight: ItemRef?

    public init() {}
}

/// An item by kind and id (within the project being drawn).
public struct ItemRef: Sendable, Hashable {
    public var entity: EntityKind
    public var id: String

    public init(entity: EntityKind, id: String) {
        self.entity = entity
        self.id = id
    }
}
