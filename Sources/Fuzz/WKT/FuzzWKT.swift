import Foundation
import FuzzSupport
import LandKit

/// libFuzzer target for the WKT reader: any input must return, never crash.
/// `Scripts/fuzz wkt` runs it; the plain build is a replay tool: `fuzz-wkt FILE…`.
func fuzzWKT(_ bytes: [UInt8]) {
    if let g = try? Geometry(wkt: String(decoding: bytes, as: UTF8.self)) { _ = g.wkt }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { FuzzSupport.run(data, size, fuzzWKT) }

#if LANDKIT_FUZZ
    @_cdecl("fuzz_wkt_main")
    func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        FuzzSupport.driver(argc, argv) { testOneInput($0, $1) }
    }
#else
    @main
    enum Replay {
        static func main() { exit(FuzzSupport.replay(Array(CommandLine.arguments.dropFirst()), fuzzWKT)) }
    }
#endif
