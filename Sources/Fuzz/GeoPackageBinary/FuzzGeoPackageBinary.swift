import Foundation
import FuzzSupport
import LandKit
import LandKitStore

/// libFuzzer target for the GeoPackageBinary geometry blob decoder (header, envelope, WKB): any input must return, never crash.
/// `Scripts/fuzz gpkgbinary` runs it; the plain build is a replay tool: `fuzz-gpkgbinary FILE…`.
func fuzzGeoPackageBinary(_ bytes: [UInt8]) {
    let blob = Data(bytes)
    if let g = try? GeoPackageBinary.decode(blob) { _ = GeoPackageBinary.encode(g, srsID: 4544) }
    _ = try? GeoPackageBinary.envelope(blob)
    _ = try? GeoPackageBinary.wkbType(blob)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { FuzzSupport.run(data, size, fuzzGeoPackageBinary) }

#if LANDKIT_FUZZ
    @_cdecl("fuzz_gpkgbinary_main")
    func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        FuzzSupport.driver(argc, argv) { testOneInput($0, $1) }
    }
#else
    @main
    enum Replay {
        static func main() { exit(FuzzSupport.replay(Array(CommandLine.arguments.dropFirst()), fuzzGeoPackageBinary)) }
    }
#endif
