import Foundation
import Testing

/// Issue 12's I/O-fault check: the disk fills up in the middle of an import. The database sits on a 1.4 MB tmpfs
/// (`mount -t tmpfs`, as root: room for a new database, not for the import); where mounting is not permitted, the
/// same import runs under a 1400 KB file-size limit (`ulimit -f 1400` with SIGXFSZ ignored, so writes past it fail
/// with EFBIG instead of killing the process).
@Suite("a full disk in the middle of an import", .serialized)
struct DiskFullTests {
    static func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test("3000 parcels do not fit: exit 1, one line naming the database, content unchanged, info --verify passes")
    func fullDisk() throws {
        let cli = try CLI()
        let dir = cli.path("small-disk")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let mounted = try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1400k", "tmpfs", dir]) == 0
        defer { if mounted { _ = try? Self.run("/bin/umount", [dir]) } }
        let db = dir + "/x.gpkg"
        #expect(try cli.run(["init", "--db", db]).status == 0)
        #expect(try cli.run(["import", "parcels", try cli.write("p.geojson", SmallWorld.parcels), "--db", db]).status == 0)
        let before = try CrashSafetyTests.digest(db)
        let many = try cli.write("many.geojson", CrashSafetyTests.manyParcels())
        let r: CLI.Result
        if mounted {
            r = try cli.run(["import", "parcels", many, "--db", db])
        } else {
            r = try cli.shell("trap '' XFSZ; ulimit -f 1400; exec landkit import parcels \(many) --db \(db)")
        }
        #expect(r.status == 1, "\(r.stdout) \(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        let expected = mounted ? "Error: the disk holding \(db) is full: nothing was written" : "Error: reading or writing \(db) failed"
        #expect(r.stderr.hasPrefix(expected), "\(r.stderr)")
        #expect(try cli.run(["info", "--verify", "--db", db]).status == 0)
        #expect(try CrashSafetyTests.digest(db) == before)
    }
}
