import Foundation
import Testing

/// Reads a file of Tests/LandKitTests/Fixtures by its path below Fixtures ("survey/standard.txt").
enum Fixture {
    static func url(_ path: String) throws -> URL {
        let base = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
        return base.appendingPathComponent(path)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(path)))
    }

    /// A fresh temporary file path (removed by the caller when needed).
    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "landkit-formats-\(UUID().uuidString)-\(name)"
    }
}
