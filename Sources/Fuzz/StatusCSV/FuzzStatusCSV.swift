import Foundation
import FuzzSupport
import LandKit

/// libFuzzer target for the status CSV reader: any input must return, never crash.
/// `Scripts/fuzz statuscsv` runs it; the plain build is a replay tool: `fuzz-statuscsv FILE…`.
func fuzzStatusCSV(_ bytes: [UInt8]) {
    if let (rows, _) = try? StatusCSV.read(bytes, file: "fuzz.csv") { _ = rows.count }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { FuzzSupport.run(data, size, fuzzStatusCSV) }

#if LANDKIT_FUZZ
    @_cdecl("fuzz_statuscsv_main")
    func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        FuzzSupport.driver(argc, argv) { testOneInput($0, $1) }
    }
#else
    @main
    enum Replay {
        static func main() { exit(FuzzSupport.replay(Array(CommandLine.arguments.dropFirst()), fuzzStatusCSV)) }
    }
#endif
