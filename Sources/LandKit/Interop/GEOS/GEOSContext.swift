import CLandKitGEOS
import Foundation

/// One GEOS reentrant context and the last error GEOS reported in it.
///
/// A context is used by one thread at a time; each worker owns its own. Creating contexts
/// concurrently races inside GEOS (libgeos #1311), so creation is serialised by a lock.
final class GEOSContext {
    let handle: GEOSContextHandle_t
    /// The last message GEOS's error handler delivered, cleared before each checked call.
    fileprivate(set) var lastError: String?

    private static let creationLock = NSLock()

    init() throws(GeometryError) {
        let made: GEOSContextHandle_t? = Self.creationLock.withLock { GEOS_init_r() }
        guard let made else { throw GeometryError("GEOS could not create a context (out of memory?)") }
        handle = made
        let me = Unmanaged.passUnretained(self).toOpaque()
        GEOSContext_setErrorMessageHandler_r(
            handle,
            { message, userData in
                guard let userData, let message else { return }
                let context = Unmanaged<GEOSContext>.fromOpaque(userData).takeUnretainedValue()
                context.lastError = String(cString: message)
            }, me)
    }

    deinit {
        if let wkbReader { GEOSWKBReader_destroy_r(handle, wkbReader) }
        Self.creationLock.withLock { GEOS_finish_r(handle) }
    }

    /// GEOS's WKB reader of this context, made on first use.
    private var wkbReader: OpaquePointer?

    /// The geometry GEOS reads from WKB, or nil when GEOS refuses the bytes (its message cleared).
    func readWKB(_ bytes: [UInt8]) -> GEOSGeom? {
        if wkbReader == nil { wkbReader = GEOSWKBReader_create_r(handle) }
        guard let wkbReader else { return nil }
        let pointer = bytes.withUnsafeBufferPointer { GEOSWKBReader_read_r(handle, wkbReader, $0.baseAddress, $0.count) }
        guard let pointer else {
            lastError = nil
            return nil
        }
        return GEOSGeom(owned: pointer, context: self)
    }

    /// Wraps an owned pointer GEOS returned, or throws GEOS's message when it returned NULL.
    func owned(_ pointer: OpaquePointer?, _ operation: @autoclosure () -> String) throws(GeometryError) -> GEOSGeom {
        guard let pointer else { throw failure(operation()) }
        return GEOSGeom(owned: pointer, context: self)
    }

    /// The error for a failed call, with GEOS's own message when it gave one.
    func failure(_ operation: String) -> GeometryError {
        defer { lastError = nil }
        if let lastError { return GeometryError("\(operation) failed: \(lastError)") }
        return GeometryError("\(operation) failed")
    }

    /// Interprets a GEOS predicate result (0 false, 1 true, 2 exception).
    func predicate(_ value: CChar, _ operation: @autoclosure () -> String) throws(GeometryError) -> Bool {
        switch value {
        case 0: return false
        case 1: return true
        default: throw failure(operation())
        }
    }
}

@available(*, unavailable, message: "a GEOS context may only be used by the thread that owns it")
extension GEOSContext: Sendable {}

/// A GEOS geometry handle. An owned handle is destroyed exactly once, in `deinit`; a borrowed one
/// (a ring or part of its parent) keeps its parent alive and is never destroyed itself.
final class GEOSGeom {
    let pointer: OpaquePointer
    let context: GEOSContext
    private let parent: GEOSGeom?

    init(owned pointer: OpaquePointer, context: GEOSContext) {
        self.pointer = pointer
        self.context = context
        self.parent = nil
    }

    init(borrowed pointer: OpaquePointer, parent: GEOSGeom) {
        self.pointer = pointer
        self.context = parent.context
        self.parent = parent
    }

    deinit {
        if parent == nil { GEOSGeom_destroy_r(context.handle, pointer) }
    }
}

@available(*, unavailable, message: "GEOS geometries belong to one context and thread")
extension GEOSGeom: Sendable {}
