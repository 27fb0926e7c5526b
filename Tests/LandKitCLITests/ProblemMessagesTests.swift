import Foundation
import Testing

/// Issue 12 defect 14: messages a person can act on, and a library that does not know the command line.
@Suite("problem messages")
struct ProblemMessagesTests {
    /// A GeoJSON of `count` parcels in EPSG:4544 whose rings have two distinct points each: one problem per feature.
    static func badParcels(_ count: Int) -> String {
        let features = (1...count).map { i in
            let x = 500_000 + 100 * i
            return
                #"{"type":"Feature","id":"B\#(i)","properties":{},"geometry":{"type":"Polygon","coordinates":[[[\#(x),3320000],[\#(x + 10),3320000],[\#(x),3320000]]]}}"#
        }
        return #"{"type":"FeatureCollection",\#(SmallWorld.crsMember),"features":["# + features.joined(separator: ",\n") + "]}"
    }

    @Test("a failed import of 12 bad features says 12 problems on line one and lists 5; --all-problems lists 12")
    func fiveOfTwelve() throws {
        let w = try SmallWorld()
        let before = try w.dump()
        let file = try w.cli.write("bad.geojson", Self.badParcels(12))
        let r = try w.cli("import", "parcels", file)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "Error: \(file): 12 problems, nothing imported:", "\(r.stderr)")
        #expect(lines.filter { $0.hasPrefix("  ") && $0.contains("feature B") }.count == 5, "\(r.stderr)")
        #expect(lines.last?.hasPrefix("  … and 7 more (--all-problems") == true, "\(r.stderr)")
        let all = try w.cli("import", "parcels", file, "--all-problems")
        #expect(all.status == 1)
        let allLines = all.stderr.split(separator: "\n")
        #expect(allLines.filter { $0.contains("feature B") }.count == 12)
        #expect(!all.stderr.contains("more"))
        #expect(try w.dump() == before)
    }

    @Test("--report FILE writes every problem, one a line, and the message says where")
    func reportFile() throws {
        let w = try SmallWorld()
        let file = try w.cli.write("bad.geojson", Self.badParcels(12))
        let report = w.cli.path("problems.txt")
        let r = try w.cli("import", "parcels", file, "--report", report)
        #expect(r.status == 1)
        #expect(r.stderr.contains("… and 7 more (all written to \(report))"), "\(r.stderr)")
        let written = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
        #expect(written.count == 12)
        #expect(written.allSatisfy { $0.hasPrefix("\(file):") })
        #expect(written.contains { $0.contains("feature B12") })
    }

    @Test("a lon/lat file imported with a projected --crs: the library's reason, then the CLI's hint naming the option")
    func crsHint() throws {
        let w = try SmallWorld()
        let text =
            #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"L1","properties":{},"geometry":{"type":"Polygon","coordinates":[[[105.0,30.0],[105.001,30.0],[105.001,30.001],[105.0,30.0]]]}}]}"#
        let r = try w.cli("import", "parcels", try w.cli.write("ll.geojson", text), "--crs", "EPSG:4544")
        #expect(r.status == 1)
        #expect(
            r.stderr.contains("feature L1: coordinates look like lon/lat but the CRS is EPSG:4544 (pass --crs EPSG:4326)"), "\(r.stderr)")
    }

    @Test("init in a folder that does not exist: one line with the path and what to do, not SQLite's bare message")
    func noRawSQLite() throws {
        let cli = try CLI()
        let path = cli.path("no/such/folder/x.gpkg")
        let r = try cli("init", "--db", path)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("Error: \(path) cannot be opened: check that its folder exists"), "\(r.stderr)")
    }

    @Test("no message of the LandKit library names a landkit option: the CLI adds those hints (ErrorHints)")
    func libraryKnowsNoOptions() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let library = root.appendingPathComponent("Sources/LandKit")
        let options = [
            "crs", "id-field", "format", "project", "from", "encoding", "layer", "points-to-polygon", "all-problems", "report", "force",
            "db",
        ]
        let pattern = try Regex("--(" + options.joined(separator: "|") + ")\\b")
        var found: [String] = []
        let files = FileManager.default.enumerator(at: library, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        #expect(files.count > 50)
        for file in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//"), code.contains("\""), line.contains(pattern) else { continue }
                found.append("\(file.lastPathComponent):\(n + 1): \(code)")
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
