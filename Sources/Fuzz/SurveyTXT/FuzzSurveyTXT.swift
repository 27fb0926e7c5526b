import Foundation
import FuzzSupport
import LandKit

/// libFuzzer target for the survey TXT reader: any input must return, never crash.
/// `Scripts/fuzz surveytxt` runs it; the plain build is a replay tool: `fuzz-surveytxt FILE…`.
func fuzzSurveyTXT(_ bytes: [UInt8]) {
    if let (file, _) = try? SurveyTXTReader.read(bytes, file: "fuzz.txt") { _ = file }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { FuzzSupport.run(data, size, fuzzSurveyTXT) }

#if LANDKIT_FUZZ
    @_cdecl("fuzz_surveytxt_main")
    func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        FuzzSupport.driver(argc, argv) { testOneInput($0, $1) }
    }
#else
    @main
    enum Replay {
        static func main() { exit(FuzzSupport.replay(Array(CommandLine.arguments.dropFirst()), fuzzSurveyTXT)) }
    }
#endif
