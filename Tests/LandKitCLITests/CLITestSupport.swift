import Foundation

/// Runs the built `landkit` executable in a scratch directory.
struct CLI {
    let dir: URL
    var db: String { dir.appendingPathComponent("landkit.gpkg").path }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("landkit-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `landkit ARGS` with the working directory set to the scratch directory and no LANDKIT_DB.
    @discardableResult
    func callAsFunction(_ arguments: String...) throws -> Result {
        try run(arguments)
    }

    func run(_ arguments: [String], environment extra: [String: String] = [:], executable: String = Self.executable) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "LANDKIT_DB")
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// `bash -c SCRIPT` in the scratch directory with the built `landkit` first on PATH and no LANDKIT_DB.
    func shell(_ script: String, environment extra: [String: String] = [:]) throws -> Result {
        let bin = URL(fileURLWithPath: Self.executable).deletingLastPathComponent().path
        let path = ProcessInfo.processInfo.environment["PATH"].map { bin + ":" + $0 } ?? bin
        return try run(["-c", script], environment: extra.merging(["PATH": path]) { a, _ in a }, executable: "/bin/bash")
    }

    /// The shipped `landkit` executable built next to the test bundle.
    static var executable: String { builtExecutable("landkit") }

    /// An executable of this package (`landkit`, `landkit-testsupport`) built next to the test bundle, else in .build/debug.
    static func builtExecutable(_ name: String) -> String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let p = candidate.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/\(name)").path
    }

    func json(_ r: Result) throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]) ?? [:]
    }
}
