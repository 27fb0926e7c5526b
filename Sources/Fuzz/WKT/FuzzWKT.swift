import Foundation
import LandKit

/// libFuzzer entry point for the WKT parser: any input must return, never crash.
/// Built by `Scripts/fuzz` with `-sanitize=fuzzer,address -D LANDKIT_FUZZ`; without the flag the
/// target is a replay tool: `fuzz-wkt FILE…` runs each file once (to reproduce a crash).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWKT(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: size))
    if let g = try? Geometry(wkt: String(decoding: bytes, as: UTF8.self)) { _ = g.wkt }
    return 0
}

#if LANDKIT_FUZZ
    // SwiftPM links an executable's entry point as `<module>_main`: hand it to libFuzzer's driver.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
    ) -> Int32

    @_cdecl("fuzz_wkt_main")
    func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in fuzzWKT(data, size) }
    }
#else
    @main
    enum ReplayWKT {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("cannot read \(path)")
                    continue
                }
                let bytes = [UInt8](data)
                _ = bytes.withUnsafeBufferPointer { p in p.baseAddress.map { fuzzWKT($0, p.count) } }
                print("\(path): ok")
            }
        }
    }
#endif
