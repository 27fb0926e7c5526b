import CLandKitGDAL

/// GDAL's process-wide set-up and its error messages.
///
/// Drivers are registered once (a thread-safe lazy static). Errors are collected, not printed:
/// every call into GDAL runs under `quietly`, which pushes GDAL's quiet handler on the calling
/// thread's handler stack, and the last message is read back from GDAL's thread-local error state.
enum GDALRuntime {
    private static let registered: Bool = {
        GDALAllRegister()
        return true
    }()

    /// Runs `body` with drivers registered and GDAL's messages kept off stderr.
    static func quietly<T>(_ body: () throws -> T) rethrows -> T {
        _ = registered
        CPLPushErrorHandler(CPLQuietErrorHandler)
        defer { CPLPopErrorHandler() }
        CPLErrorReset()
        return try body()
    }

    /// GDAL's last error message on this thread, or nil.
    static var lastError: String? {
        guard let m = CPLGetLastErrorMsg() else { return nil }
        let s = String(cString: m)
        return s.isEmpty ? nil : s
    }

    /// A NULL-terminated C string list (GDAL's `char**`), freed with `CSLDestroy`.
    static func withStringList<T>(_ items: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> T) rethrows
        -> T
    {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        for item in items { list = CSLAddString(list, item) }
        defer { CSLDestroy(list) }
        return try body(list)
    }

    /// The same list as GDAL's `const char* const*` parameters take it.
    static func constList(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> UnsafePointer<UnsafePointer<CChar>?>? {
        list.map { UnsafeRawPointer($0).assumingMemoryBound(to: UnsafePointer<CChar>?.self) }
    }

    /// The bytes of a C string, without assuming any encoding.
    static func bytes(_ p: UnsafePointer<CChar>?) -> [UInt8] {
        guard let p else { return [] }
        let n = strlen(p)
        return p.withMemoryRebound(to: UInt8.self, capacity: n) { Array(UnsafeBufferPointer(start: $0, count: n)) }
    }
}
