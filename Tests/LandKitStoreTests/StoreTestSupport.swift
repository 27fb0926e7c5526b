import Foundation
import LandKit
import Testing

@testable import LandKitStore

/// A fresh temporary directory, removed when the value is deinitialised.
final class TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("landkit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A square parcel in EPSG:4544 near 105°E 30°N with its areas computed the official way.
func squareParcel(_ id: String, x: Double, y: Double, size: Double, calc: AreaCalculator) throws -> Parcel {
    let g = Geometry.polygon(
        Polygon(exterior: [
            Coordinate(x, y), Coordinate(x + size, y), Coordinate(x + size, y + size), Coordinate(x, y + size), Coordinate(x, y),
        ]))
    return Parcel(
        id: id, village: "西峰村", group: "3组", landClass: "0101", landClassName: "水田", owner: "西峰村3组集体",
        geometry: g, areaSquareMetres: try calc.ellipsoidalArea(g), planarAreaSquareMetres: PlanarArea.of(g))
}

/// Runs a program and returns (status, stdout, stderr).
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (Int32, String, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    if let environment { p.environment = environment }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

/// The `landkit-testsupport` executable (test-only commands, not shipped) built next to the test bundle.
var testSupportExecutable: String { builtExecutable("landkit-testsupport") }

/// An executable of this package built next to the test bundle (else in .build/debug).
func builtExecutable(_ name: String) -> String {
    let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [dir, dir.deletingLastPathComponent()] {
        let p = candidate.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/debug/\(name)").path
}

/// Everything in every table, in a stable order: two databases with equal dumps have equal content.
func contentDump(_ path: String) throws -> String {
    let script = """
        import sqlite3, sys
        c = sqlite3.connect(sys.argv[1])
        names = [n for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for t in names:
            if t.startswith('rtree_') and t.rsplit('_', 1)[-1] in ('node', 'parent', 'rowid'):
                continue
            for r in c.execute(f'SELECT * FROM "{t}" ORDER BY 1'):
                print(t, r)
        """
    let (status, out, err) = try run("/usr/bin/python3", ["-c", script, path])
    guard status == 0 else { throw StoreError("dump failed: \(err)") }
    return out
}
