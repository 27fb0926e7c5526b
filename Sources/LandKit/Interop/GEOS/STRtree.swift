import CLandKitGEOS

/// A GEOS STRtree over bounding boxes, answering "which entries' boxes meet this box?".
///
/// Entries are added first, then queried: GEOS builds the tree on the first query (3.11) and
/// refuses inserts after that. Belongs to its engine's thread.
public final class STRtree {
    private let context: GEOSContext
    private let tree: OpaquePointer
    /// Envelope geometries kept alive for as long as the tree refers to them.
    private var keys: [GEOSGeom] = []
    private var built = false

    /// - Parameter nodeCapacity: children per node (GEOS's default is 10).
    public init(engine: GeometryEngine, nodeCapacity: Int = 10) throws(GeometryError) {
        context = engine.context
        guard let t = GEOSSTRtree_create_r(context.handle, nodeCapacity) else { throw context.failure("creating an STRtree") }
        tree = t
    }

    deinit { GEOSSTRtree_destroy_r(context.handle, tree) }

    public var count: Int { keys.count }

    /// Adds an entry with its bounding box; `item` is what queries return.
    public func insert(_ envelope: Envelope, item: Int) throws(GeometryError) {
        guard !built else { throw GeometryError("an STRtree cannot take entries after its first query") }
        let key = try context.make(.polygon(envelope.polygon))
        keys.append(key)
        // Items are stored as pointer-sized integers; +1 keeps item 0 distinct from NULL.
        GEOSSTRtree_insert_r(context.handle, tree, key.pointer, UnsafeMutableRawPointer(bitPattern: item + 1))
    }

    /// Items whose boxes intersect `envelope`, in no particular order.
    public func query(_ envelope: Envelope) throws(GeometryError) -> [Int] {
        let probe = try context.make(.polygon(envelope.polygon))
        return query(probe)
    }

    func query(_ probe: GEOSGeom) -> [Int] {
        built = true
        var found: [Int] = []
        withUnsafeMutablePointer(to: &found) { out in
            GEOSSTRtree_query_r(
                context.handle, tree, probe.pointer,
                { item, userData in
                    guard let userData else { return }
                    let list = userData.assumingMemoryBound(to: [Int].self)
                    list.pointee.append(Int(bitPattern: item) - 1)
                }, out)
        }
        return found
    }
}

@available(*, unavailable, message: "an STRtree is built lazily and is not thread-safe")
extension STRtree: Sendable {}
