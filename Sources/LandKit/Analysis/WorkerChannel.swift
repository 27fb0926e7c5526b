import Foundation

/// One slice of a batch, as `Sendable` values, for whichever worker takes it first.
struct WorkChunk: Sendable {
    enum Items: Sendable {
        case parcels([ParcelShape])
        case buildings([BuildingShape])
        case utilities([UtilityShape])
    }

    /// Position of the chunk in its batch (results are reassembled in this order).
    var index: Int
    var items: Items
}

/// What a worker made of one chunk: the overlapping items in input order, and its diagnostics.
struct ChunkResult: Sendable {
    enum Overlaps: Sendable {
        case parcels([ParcelOverlap])
        case buildings([BuildingOverlap])
        case utilities([UtilityOverlap])
    }

    var index: Int
    var overlaps: Overlaps
    var diagnostics: [Diagnostic]
}

/// The only object an ``OverlapEngine`` shares with its worker threads: a queue of chunks in and
/// a list of results out, both plain `Sendable` values.
///
/// Why `@unchecked Sendable` is sound: every stored property is read and written only while
/// `condition` is locked, and no GEOS or PROJ object ever passes through the channel — workers
/// build their own from the values they take.
final class WorkerChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [WorkChunk] = []
    private var results: [ChunkResult] = []
    /// Chunks of the running batch not yet finished.
    private var outstanding = 0
    /// True while a caller's batch is in flight; other callers wait for their turn.
    private var busy = false
    private var closed = false
    /// Start-up report of each worker: nil = ready, a message = it failed.
    private var startups: [Int: String?] = [:]

    // MARK: Engine side

    /// Waits until worker `id` has built its GEOS/PROJ objects; returns its failure, if any.
    func awaitStartup(of id: Int) -> String? {
        condition.lock()
        defer { condition.unlock() }
        while startups[id] == nil { condition.wait() }
        return startups[id] ?? nil
    }

    /// Hands the chunks to the workers and blocks until all are done. Callers take turns.
    /// - Returns: the results ordered by chunk index, or nil when the channel is closed.
    func run(_ chunks: [WorkChunk]) -> [ChunkResult]? {
        condition.lock()
        defer { condition.unlock() }
        while busy && !closed { condition.wait() }
        guard !closed else { return nil }
        guard !chunks.isEmpty else { return [] }
        busy = true
        queue = chunks.reversed()  // workers pop from the end: first chunk first
        results = []
        outstanding = chunks.count
        condition.broadcast()
        while outstanding > 0 && !closed { condition.wait() }
        busy = false
        let done = results
        results = []
        condition.broadcast()
        guard outstanding == 0 else { return nil }
        return done.sorted { $0.index < $1.index }
    }

    /// Stops the workers once they finish their current chunk.
    func close() {
        condition.lock()
        closed = true
        queue = []
        condition.broadcast()
        condition.unlock()
    }

    // MARK: Worker side

    /// Called once by each worker after building (or failing to build) its objects.
    func reportStartup(of id: Int, failure: String?) {
        condition.lock()
        startups[id] = .some(failure)
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, waiting while there is none; nil once the channel is closed.
    func nextChunk() -> WorkChunk? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed { condition.wait() }
        if closed { return nil }
        return queue.popLast()
    }

    /// Hands back the result of a chunk taken with ``nextChunk()``.
    func finish(_ result: ChunkResult) {
        condition.lock()
        results.append(result)
        outstanding -= 1
        if outstanding == 0 { condition.broadcast() }
        condition.unlock()
    }
}
