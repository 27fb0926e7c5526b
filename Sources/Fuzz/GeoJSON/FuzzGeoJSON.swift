import Foundation
import FuzzSupport
import LandKit

/// libFuzzer target for the streaming GeoJSON reader: any input must return, never crash.
/// `Scripts/fuzz geojson` runs it; the plain build is a replay tool: `fuzz-geojson FILE…`.
func fuzzGeoJSON(_ bytes: [UInt8]) {
    // The reader streams from a file: write the input to a per-process temporary file.
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("landkit-fuzz-geojson-\(getpid()).geojson").path
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
    defer { unlink(path) }
    if let r = try? GeoJSONFeatureReader(path: path, chunkSize: 4096) {
        while let f = try? r.next() { _ = f.geometry.wkb }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 { FuzzSupport.run(data, size, fuzzGeoJSON) }

#if LANDKIT_FUZZ
    @_cdecl("fuzz_geojson_main")
    func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
        FuzzSupport.driver(argc, argv) { testOneInput($0, $1) }
    }
#else
    @main
    enum Replay {
        static func main() { exit(FuzzSupport.replay(Array(CommandLine.arguments.dropFirst()), fuzzGeoJSON)) }
    }
#endif
