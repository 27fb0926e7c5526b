import Foundation

/// What every libFuzzer target shares: libFuzzer's driver (when built by `Scripts/fuzz` with
/// `-sanitize=fuzzer,address -D LANDKIT_FUZZ`) and the replay tool the plain build makes of a
/// target (`fuzz-<name> FILE…` runs each file once, to reproduce a crash under a debugger).
/// A target is its test function on bytes plus the few lines of glue that must stay in its own
/// module: the `LLVMFuzzerTestOneInput` and `fuzz_<name>_main` symbols, and the replay `@main`.
public enum FuzzSupport {
    /// libFuzzer's per-input callback.
    public typealias Callback = @convention(c) (UnsafePointer<UInt8>, Int) -> Int32

    /// Runs `test` on one input libFuzzer hands over; the return value libFuzzer wants (0).
    public static func run(_ data: UnsafePointer<UInt8>, _ size: Int, _ test: ([UInt8]) -> Void) -> Int32 {
        test([UInt8](UnsafeBufferPointer(start: data, count: size)))
        return 0
    }

    /// Runs `test` once on each file named on the command line, saying "PATH: ok" after each.
    /// - Returns: 1 when a file cannot be read, else 0.
    public static func replay(_ arguments: [String], _ test: ([UInt8]) -> Void) -> Int32 {
        var status: Int32 = 0
        for path in arguments {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                status = 1
                continue
            }
            test([UInt8](data))
            print("\(path): ok")
        }
        return status
    }

    #if LANDKIT_FUZZ
        /// Hands the process to libFuzzer's driver (SwiftPM links an executable's entry point as
        /// `<module>_main`; each target's `fuzz_<name>_main` calls this).
        public static func driver(
            _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ test: Callback
        ) -> Int32 {
            var count = argc
            var arguments = argv
            return runFuzzerDriver(&count, &arguments, test)
        }
    #endif
}

#if LANDKIT_FUZZ
    @_silgen_name("LLVMFuzzerRunDriver")
    private func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ test: FuzzSupport.Callback
    ) -> Int32
#endif
