import Foundation
import Testing

/// The money commands on SmallWorld: P2 is 50 × 40 m = 2000 m² = 3 mu of 0103 旱地 (西峰村) inside `road`.
@Suite("Compensation commands")
struct CompensationCLITests {
    static let rates = """
        category,item,zone,unit,rate,quantity,date
        land,0103,I,亩,58000,,
        land,0101,I,亩,62000,,
        crop,0103,,亩,1800,,
        attachment,树,,株,80,,
        """

    static func world() throws -> SmallWorld {
        let w = try SmallWorld()
        w.expectOK(try w.cli("rates", "import", try w.cli.write("rates.csv", Self.rates), "--name", "2021标准"))
        w.expectOK(try w.cli("project", "edit", "road", "--rates", "2021标准"))
        w.expectOK(try w.cli("inventory", "import", try w.cli.write("inv.csv", "entity,id,item,quantity,unit\nparcel,P2,树,12,株\n")))
        for stage in ["surveyed", "inventoried"] {
            w.expectOK(try w.cli("status", "set", "parcel", "P2", "--project", "road", "--to", stage, "--at", "2021-03-01"))
        }
        return w
    }

    @Test("the estimate of P2 is 3 mu × 58 000 + 3 mu × 1 800 + 12 trees × 80 by hand, in exact JSON yuan")
    func estimate() throws {
        let w = try Self.world()
        let r = try w.cli("compensation", "--project", "road", "--format", "json")
        w.expectOK(r)
        // 174 000 + 5 400 + 960 = 180 360.00
        #expect(r.stdout.contains(#""total_yuan" : "180360.00""#))
        #expect(r.stdout.contains(#""basis" : "12 株 × 80.00 元/株 = 960.00 元""#))
    }

    @Test("agreement moves P2 to agreed and shows the difference; a bad payment CSV row applies nothing; verify finds an edited amount")
    func agreementPaymentsVerify() throws {
        let w = try Self.world()
        let signed = try w.cli(
            "agreement", "add", "parcel", "P2", "--project", "road", "--no", "XY-001", "--amount", "180,000", "--date", "2021-04-01")
        w.expectOK(signed)
        // 180 000 − 180 360 = −360.
        #expect(signed.stdout.contains("difference -360.00 元"))
        #expect(signed.stdout.contains("now agreed"))
        let before = try w.dump()
        let csv = try w.cli.write(
            "pay.csv", "entity,id,project,voucher,amount,date\nparcel,P2,road,PZ-1,100000,2021-04-02\nparcel,P2,road,PZ-2,abc,2021-04-03\n")
        let bad = try w.cli("payment", "import", csv)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("pay.csv:3:"))
        #expect(try w.dump() == before)
        w.expectOK(
            try w.cli(
                "payment", "add", "parcel", "P2", "--project", "road", "--amount", "180000", "--voucher", "PZ-1", "--date", "2021-04-10"))
        let history = try w.cli("history", "parcel", "P2", "--project", "road")
        #expect(history.stdout.contains("agreed → compensated"))
        w.expectOK(try w.cli("info", "--verify"))
        let edit = try CLI.sqlite(w.cli.db, "DROP TRIGGER money_records_no_update; UPDATE money_records SET amount_fen = 100 WHERE id = 2;")
        #expect(edit.status == 0)
        let verify = try w.cli("info", "--verify")
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("payment record 2 does not match its hash"))
    }
}

extension CLI {
    /// Runs SQL on a database with Python's sqlite3 (as a person with a shell could).
    static func sqlite(_ path: String, _ sql: String) throws -> Result {
        try CLI().run(
            ["-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, sql],
            executable: "/usr/bin/python3")
    }
}
