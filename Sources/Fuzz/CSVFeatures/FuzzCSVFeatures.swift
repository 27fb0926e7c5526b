import Foundation
import LandKit

/// libFuzzer entry point for the CSV feature reader (WKT and x/y columns): any input must return, never crash.
/// Built by `Scripts/fuzz` with `-sanitize=fuzzer,address -D LANDKIT_FUZZ`; without the flag the
/// target is a replay tool: `fuzz-csvfeatures FILE…` runs each file once (to reproduce a crash).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVFeatures(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = [UInt8](UnsafeBufferPointer(start: data, count: size))
    if let (features, _) = try? CSVFeatureReader.read(bytes, file: "fuzz.csv") { for f in features { _ = f.geometry.wkb } }
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

    @_cdecl("fuzz_csvfeatures_main")
    func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in fuzzCSVFeatures(data, size) }
    }
#else
    @main
    enum ReplayCSVFeatures {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("cannot read \(path)")
                    continue
                }
                let bytes = [UInt8](data)
                _ = bytes.withUnsafeBufferPointer { p in p.baseAddress.map { fuzzCSVFeatures($0, p.count) } }
                print("\(path): ok")
            }
        }
    }
#endif
