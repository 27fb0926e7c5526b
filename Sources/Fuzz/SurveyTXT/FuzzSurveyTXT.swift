import Foundation
import LandKit

/// libFuzzer entry point for the survey TXT reader: any input must return, never crash.
/// Built by `Scripts/fuzz` with `-sanitize=fuzzer,address -D LANDKIT_FUZZ`; without the flag the
/// target is a replay tool: `fuzz-surveytxt FILE…` runs each file once (to reproduce a crash).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSurveyTXT(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: size))
    if let (file, _) = try? SurveyTXTReader.read(bytes, file: "fuzz.txt") { _ = file }
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

    @_cdecl("fuzz_surveytxt_main")
    func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in fuzzSurveyTXT(data, size) }
    }
#else
    @main
    enum ReplaySurveyTXT {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("cannot read \(path)")
                    continue
                }
                let bytes = [UInt8](data)
                _ = bytes.withUnsafeBufferPointer { p in p.baseAddress.map { fuzzSurveyTXT($0, p.count) } }
                print("\(path): ok")
            }
        }
    }
#endif
