import Foundation
import FuzzSupport
import LandKit

/// libFuzzer target for the CSV feature reader (WKT or x/y columns): any input must return, never crash.
/// `Scripts/fuzz csvfeatures` runs it; the plain build is a replay tool: `fuzz-csvfeatures FILE…`.
func fuzzCSVFeatures(_ bytes: [UInt8]) {
    if let (features, _) = try? CSVFeatureReader.read(bytes, file: "fuzz.csv") { for f in features { _ = f.geometry.wkb } }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { FuzzSupport.run(data, size, fuzzCSVFeatures) }

#if LANDKIT_FUZZ
    @_cdecl("fuzz_csvfeatures_main")
    func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        FuzzSupport.driver(argc, argv) { testOneInput($0, $1) }
    }
#else
    @main
    enum Replay {
        static func main() { exit(FuzzSupport.replay(Array(CommandLine.arguments.dropFirst()), fuzzCSVFeatures)) }
    }
#endif
