import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 12's crash-safety check: `kill -9` an import, an overlaps run and a status import at random moments (fixed
/// seed, 5 kills each); afterwards the database opens, `info --verify` passes, and its content is either what it was
/// before the command or what the complete command commits. Content is compared by a dump of every table without the
/// columns that hold the time of writing (timestamps, and the hashes that chain them).
@Suite("kill -9 at random moments", .serialized)
struct CrashSafetyTests {
    /// A small deterministic generator (SplitMix64): the same kill moments on every run.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func fraction() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    /// The database's content without write-time columns.
    static func digest(_ path: String) throws -> String {
        let script = """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            skip = {'updated_at', 'computed_at', 'recorded_at', 'at', 'hash', 'last_change', 'created_at'}
            for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
                if t.startswith('rtree_') and t.rsplit('_', 1)[-1] in ('node', 'parent', 'rowid'): continue
                cols = [r[1] for r in c.execute(f'PRAGMA table_info("{t}")') if r[1] not in skip]
                if not cols: continue
                sel = ', '.join(f'"{x}"' for x in cols)
                for r in c.execute(f'SELECT {sel} FROM "{t}" ORDER BY 1, 2' if len(cols) > 1 else f'SELECT {sel} FROM "{t}" ORDER BY 1'):
                    if t == 'landkit_meta' and 'events_head' in r: continue
                    print(t, r)
            """
        return try SmallWorld.python(script, path)
    }

    static func copy(_ from: String, _ to: String) throws {
        let fm = FileManager.default
        for suffix in ["", "-wal", "-shm"] {
            try? fm.removeItem(atPath: to + suffix)
            if fm.fileExists(atPath: from + suffix) { try fm.copyItem(atPath: from + suffix, toPath: to + suffix) }
        }
    }

    /// `landkit --db DB ARGS` started and killed with SIGKILL after `delay` seconds (or left to finish first).
    static func killed(_ cli: CLI, db: String, _ arguments: [String], after delay: Double) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.executable)
        p.arguments = ["--db", db] + arguments
        p.currentDirectoryURL = cli.dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: delay)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    /// 3000 parcels of 10 × 10 m east of SmallWorld's corridor, 2000 of them crossing the corridor's line y = 3320000.
    static func manyParcels() -> String {
        let features = (0..<3000).map { i in
            let x = 500_000 + Double(i % 60) * 11, y = 3_319_900 + Double(i / 60) * 11 + 0.5
            return
                #"{"type":"Feature","id":"K\#(i)","properties":{},"geometry":{"type":"Polygon","coordinates":\#(SmallWorld.square(x, y, 10, 10))}}"#
        }
        return #"{"type":"FeatureCollection",\#(SmallWorld.crsMember),"features":["# + features.joined(separator: ",\n") + "]}"
    }

    @Test("import, overlaps and status import killed 5 times each at seeded random moments: verified, before or after")
    func killNine() throws {
        let w = try SmallWorld()
        let cli = w.cli
        let statusCSV = try cli.write(
            "today.csv",
            "entity,id,project,action,stage,reason,note,by,at\n"
                + "parcel,P1,road,set,surveyed,,,拆迁一组,\nparcel,P2,road,set,surveyed,,,拆迁一组,\nhousehold,H1,road,set,inventoried,,,拆迁一组,\n")
        let commands: [[String]] = [
            ["import", "parcels", try cli.write("many.geojson", Self.manyParcels())], ["overlaps", "--quiet"],
            ["status", "import", statusCSV],
        ]
        var random = SplitMix(state: 12)
        var pre = cli.path("pre.gpkg")
        try Self.copy(cli.db, pre)
        for (n, command) in commands.enumerated() {
            // The complete commit, and how long the command takes: kills land anywhere in that time (and a little after).
            let done = cli.path("done-\(n).gpkg")
            try Self.copy(pre, done)
            let start = Date()
            let full = try cli.run(["--db", done] + command)
            let seconds = Date().timeIntervalSince(start)
            #expect(full.status == 0, "\(command): \(full.stderr)")
            let before = try Self.digest(pre), after = try Self.digest(done)
            #expect(before != after, "\(command) changes the database")
            for k in 0..<5 {
                let work = cli.path("work-\(n)-\(k).gpkg")
                try Self.copy(pre, work)
                let delay = random.fraction() * seconds * 1.1
                try Self.killed(cli, db: work, command, after: delay)
                let verify = try cli.run(["--db", work, "info", "--verify"])
                #expect(verify.status == 0, "\(command) killed after \(delay) s: \(verify.stdout) \(verify.stderr)")
                let content = try Self.digest(work)
                #expect(content == before || content == after, "\(command) killed after \(delay) s: neither before nor after")
            }
            pre = done
        }
    }
}
