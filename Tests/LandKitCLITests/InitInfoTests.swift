import Foundation
import Testing

@Suite("landkit init and info")
struct InitInfoTests {
    @Test("--version and --help work")
    func versionAndHelp() throws {
        let cli = try CLI()
        let v = try cli("--version")
        #expect(v.status == 0 && v.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let h = try cli("--help")
        #expect(h.status == 0 && h.stdout.contains("init") && h.stdout.contains("info"))
    }

    @Test("init creates ./landkit.gpkg by default; info --format json reports CRS, schema and counts")
    func initAndInfo() throws {
        let cli = try CLI()
        let created = try cli("init")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.db))
        let info = try cli.json(try cli("info", "--format", "json"))
        #expect(info["crs"] as? String == "EPSG:4544")
        #expect(info["crs_name"] as? String == "CGCS2000 / 3-degree Gauss-Kruger CM 105E")
        // v1 … v5-qgis, v6-red-line-revisions, v7-feature-sources, v8-compensation, v9-documents
        #expect(info["schema_version"] as? Int == 10)
        #expect((info["counts"] as? [String: Int])?["parcels"] == 0)
        #expect(info["file"] as? String == "landkit.gpkg")
    }

    @Test("--db and $LANDKIT_DB choose the file; zone35 gives EPSG:4523")
    func dbChoice() throws {
        let cli = try CLI()
        #expect(try cli("init", "--db", "a.gpkg", "--crs", "zone35").status == 0)
        let viaEnv = try cli.run(["info", "--format", "json"], environment: ["LANDKIT_DB": "a.gpkg"])
        #expect(try cli.json(viaEnv)["crs"] as? String == "EPSG:4523")
    }

    @Test("init refuses to overwrite without --force: exit 1, one clear line, file unchanged")
    func refuseOverwrite() throws {
        let cli = try CLI()
        try cli("init")
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        let again = try cli("init")
        #expect(again.status == 1)
        #expect(again.stderr.contains("landkit.gpkg already exists: use --force"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.db)) == before)
        #expect(try cli("init", "--force").status == 0)
    }

    @Test(
        "bad input: an unknown CRS and a missing database are exit 1 with a message",
        arguments: [
            (["init", "--crs", "utm50"], "unknown CRS \"utm50\""),
            (["init", "--crs", "wgs84"], "must be projected"),
            (["info"], "no LandKit database at landkit.gpkg"),
        ])
    func badInput(_ args: [String], _ message: String) throws {
        let cli = try CLI()
        let r = try cli.run(args)
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        if args[0] == "init" { #expect(!FileManager.default.fileExists(atPath: cli.db)) }
    }
}
