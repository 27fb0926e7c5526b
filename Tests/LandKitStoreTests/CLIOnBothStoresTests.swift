import Foundation
import LandKit
import Testing

@testable import LandKitStore

/// The same `landkit` commands, from the README's own-data walk (the sample sub-district: 15,000 parcels, an 80 m
/// avenue widened to 90 m, stage moves, a block, a deferral), on a GeoPackage and on PostgreSQL/PostGIS: every
/// command succeeds on both and the figures scripts read (overlaps CSV, report JSON) are the same.
@Suite("landkit on each store: the same commands, the same figures", .enabled(if: TestPostgres.shared != nil))
struct CLIOnBothStoresTests {
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let commands: [[String]] = [
        ["init", "--crs", "EPSG:4544"],
        ["import", "parcels", "geodata/parcels.geojson"],
        ["import", "parcels", "geodata/survey/yangan-school-road-gbk.txt", "--replace"],
        ["import", "buildings", "geodata/buildings.geojson"],
        ["import", "utilities", "geodata/utilities.geojson"],
        ["project", "add", "x-ave-ext", "--name", "X大道延长线", "--kind", "road", "--due", "2022-06-30"],
        ["zone", "add", "x-ave-ext", "x-ave-ext-main", "--centerline", "geodata/zones/x-ave-ext-main.geojson", "--width", "80"],
        ["overlaps"],
        ["team", "add", "t1", "--name", "拆迁一组", "--contact", "王建国"],
        ["section", "add", "x-ave-ext", "S1", "--name", "一标段", "--parcels", "DK-04037,DK-04038"],
        ["assign", "--section", "S1", "--project", "x-ave-ext", "--team", "t1"],
        ["status", "set", "parcel", "DK-04037", "DK-04038", "--project", "x-ave-ext", "--to", "surveyed", "--by", "张三"],
        ["status", "block", "utility", "PL-GY", "--project", "x-ave-ext", "--reason", "contractor", "--note", "施工队未进场"],
        ["status", "defer", "household", "H-0003", "--project", "x-ave-ext", "--note", "边线户，不影响施工"],
        [
            "zone", "replace", "x-ave-ext", "x-ave-ext-main", "--centerline", "geodata/zones/x-ave-ext-main.geojson", "--width", "90",
            "--note", "红线调整：加宽至90米",
        ],
        ["overlaps"],
    ]

    /// Runs the commands on `db`; returns the overlaps CSV and the report JSON (without the lines that name the
    /// database or the time of the run).
    static func figures(_ db: String) throws -> (csv: String, report: String) {
        let landkit = builtExecutable("landkit")
        var env = ProcessInfo.processInfo.environment
        env["LANDKIT_DB"] = db
        func landkit_(_ args: [String]) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: landkit)
            p.arguments = args
            p.environment = env
            p.currentDirectoryURL = checkout
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "landkit \(args.joined(separator: " ")) on \(db): \(String(decoding: e, as: UTF8.self))")
            return String(decoding: o, as: UTF8.self)
        }
        for c in commands { _ = try landkit_(c) }
        let csv = try landkit_(["overlaps", "--project", "x-ave-ext", "--format", "csv"])
        let report = try landkit_(["report", "--format", "json"])
        let kept = report.split(separator: "\n").filter { line in
            !["\"database\"", "\"generated_at\"", "\"generated\"", "\"location\""].contains { line.contains($0) }
        }
        return (csv, kept.joined(separator: "\n"))
    }

    @Test("the README's own-data commands give the same overlaps CSV and report JSON on a GeoPackage and on PostGIS")
    func sameFigures() throws {
        let dir = try TempDir()
        let pg = try #require(TestPostgres.shared)
        let gpkg = try Self.figures(dir.path("xjd.gpkg"))
        let postgis = try Self.figures(try pg.newDatabase())
        #expect(gpkg.csv.split(separator: "\n").count > 100)
        #expect(gpkg.csv == postgis.csv)
        #expect(gpkg.report == postgis.report)
    }
}
