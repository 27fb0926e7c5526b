import Foundation
import GRDB
import LandKit

/// The ST_ SQL functions GeoPackage's R-tree triggers call. They must exist on every connection
/// that writes a feature table, or inserts fail with "no such function: ST_IsEmpty".
enum GeoPackageFunctions {
    static func register(on db: Database) {
        @Sendable func blob(_ v: DatabaseValue) -> Data? { Data.fromDatabaseValue(v) }
        db.add(
            function: DatabaseFunction("ST_IsEmpty", argumentCount: 1, pure: true) { args in
                guard let b = blob(args[0]) else { return nil }
                return (try? GeoPackageBinary.envelope(b)) == nil
            })
        let parts: [(String, @Sendable (Envelope) -> Double)] = [
            ("ST_MinX", { $0.minX }), ("ST_MaxX", { $0.maxX }), ("ST_MinY", { $0.minY }), ("ST_MaxY", { $0.maxY }),
        ]
        for (name, pick) in parts {
            db.add(
                function: DatabaseFunction(name, argumentCount: 1, pure: true) { args in
                    guard let b = blob(args[0]), let e = try? GeoPackageBinary.envelope(b) else { return nil }
                    return pick(e)
                })
        }
    }
}
