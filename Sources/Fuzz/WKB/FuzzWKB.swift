import Foundation
import FuzzSupport
import LandKit

/// libFuzzer target for the WKB reader: any input must return, never crash.
/// `Scripts/fuzz wkb` runs it; the plain build is a replay tool: `fuzz-wkb FILE…`.
func fuzzWKB(_ bytes: [UInt8]) {
    if let g = try? Geometry(wkb: bytes) { _ = g.wkb }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { FuzzSupport.run(data, size, fuzzWKB) }

#if LANDKIT_FUZZ
    @_cdecl("fuzz_wkb_main")
    func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        FuzzSupport.driver(argc, argv) { testOneInput($0, $1) }
    }
#else
    @main
    enum Replay {
        static func main() { exit(FuzzSupport.replay(Array(CommandLine.arguments.dropFirst()), fuzzWKB)) }
    }
#endif
