import Foundation
import GRDB
import LandKit
import Logging
import Testing

@testable import LandKitStore

/// Documents and statements on the compensation world (P1: 2.7 mu of 0101 水田 in `road`, estimate
/// 2.7 × 56 000 + 2.7 × 2 200 = 157 140.00 by hand; H2, head 李秀英, inside `road`).
@Suite("Documents and statements")
struct DocumentTests {
    static let logger = Logger(label: "landkit.tests")
    static let scan: [UInt8] = Array("%PDF-1.4 协议扫描件 XY-001\n".utf8)

    /// SHA-256 by the system's own tool, not by LandKit.
    static func sha256sum(_ bytes: [UInt8]) throws -> String {
        let dir = try TempDir()
        let file = dir.path("f.bin")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [file]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return String(text.prefix(64))
    }

    @Test("a document is stored once by its SHA-256 (as sha256sum computes it), named by each attachment, and extracted intact")
    func attachAndDeduplicate() throws {
        let w = try CompensationUseCaseTests.world()
        _ = try CompensationUseCases.record(
            [try CompensationUseCaseTests.money(.agreement, "XY-001", "160000", "2021-04-01")], store: w.store, logger: Self.logger)
        let first = try DocumentUseCases.attach(
            store: w.store, entity: .parcel, id: "P1", projectID: "road", fileName: "/tmp/scans/XY-001.pdf", bytes: Self.scan,
            kind: .agreement, agreementNumber: "XY-001", by: "拆迁一组")
        #expect(first.newlyStored)
        #expect(first.attachment.sha256 == (try Self.sha256sum(Self.scan)))
        #expect(first.attachment.fileName == "XY-001.pdf")
        #expect(first.attachment.size == Self.scan.count)
        let again = try DocumentUseCases.attach(
            store: w.store, entity: .household, id: "H2", projectID: "road", fileName: "copy.pdf", bytes: Self.scan, kind: .notice)
        #expect(!again.newlyStored)
        let counts = try DatabaseQueue(path: w.dir.path("world.gpkg")).read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM documents"), try Int.fetchOne(db, sql: "SELECT count(*) FROM attachments"))
        }
        #expect(counts.0 == 1 && counts.1 == 2)
        let listed = try DocumentUseCases.list(store: w.store, projectID: "road", entity: .parcel, id: "P1")
        #expect(listed.map(\.agreementNumber) == ["XY-001"])
        #expect(try DocumentUseCases.content(of: try #require(listed.first), store: w.store) == Self.scan)
    }

    @Test(
        "bad attachments are refused and write nothing: unknown project, item not in the project, empty file, an agreement number not recorded"
    )
    func refusals() throws {
        let w = try CompensationUseCaseTests.world()
        let before = try contentDump(w.dir.path("world.gpkg"))
        let cases: [(String, EntityKind, String, [UInt8], String?)] = [
            ("nope", .parcel, "P1", Self.scan, nil), ("road", .parcel, "P9", Self.scan, nil), ("road", .parcel, "P1", [], nil),
            ("road", .parcel, "P1", Self.scan, "XY-404"), ("road", .utility, "U1", Self.scan, nil),
        ]
        for (project, entity, id, bytes, number) in cases {
            #expect(throws: WorkflowError.self) {
                try DocumentUseCases.attach(
                    store: w.store, entity: entity, id: id, projectID: project, fileName: "a.pdf", bytes: bytes, kind: .agreement,
                    agreementNumber: number)
            }
        }
        #expect(try contentDump(w.dir.path("world.gpkg")) == before)
    }

    @Test("documents and attachments cannot be changed or deleted; an altered document is named by the store check")
    func appendOnly() throws {
        let w = try CompensationUseCaseTests.world()
        _ = try DocumentUseCases.attach(
            store: w.store, entity: .parcel, id: "P1", projectID: "road", fileName: "p.jpg", bytes: Self.scan, kind: .photo)
        let q = try DatabaseQueue(path: w.dir.path("world.gpkg"))
        for sql in [
            "UPDATE documents SET content = x'00'", "DELETE FROM documents", "UPDATE attachments SET kind = 'notice'",
            "DELETE FROM attachments",
        ] {
            #expect(throws: DatabaseError.self) { try q.write { try $0.execute(sql: sql) } }
        }
        #expect(try w.store.read { try $0.storeProblems() }.isEmpty)
        try q.write { db in
            try db.execute(sql: "DROP TRIGGER documents_no_update")
            try db.execute(sql: "UPDATE documents SET content = x'00'")
        }
        let problems = try w.store.read { try $0.storeProblems() }
        #expect(problems.contains { $0.contains("documents_no_update") })
        #expect(problems.contains { $0.contains("was altered") })
    }

    @Test("P1's statement: the estimate's lines and basis, the agreement and its difference, payments with the running total, what is owed")
    func parcelStatement() throws {
        let w = try CompensationUseCaseTests.world()
        _ = try CompensationUseCases.record(
            [try CompensationUseCaseTests.money(.agreement, "XY-001", "160000", "2021-04-01")], store: w.store, logger: Self.logger)
        _ = try CompensationUseCases.record(
            [
                try CompensationUseCaseTests.money(.payment, "PZ-1", "100000", "2021-04-10", note: "<script>alert(1)</script>"),
                try CompensationUseCaseTests.money(.payment, "PZ-2", "25000.50", "2021-05-10"),
            ], store: w.store, logger: Self.logger)
        let st = try StatementUseCases.statement(store: w.store, entity: .parcel, id: "P1", projectID: "road")
        #expect(st.estimate?.total.plain == "157140.00")
        // 160 000 − (100 000 + 25 000.50) = 34 999.50.
        #expect(st.paid.plain == "125000.50")
        #expect(st.owed?.plain == "34999.50")
        let html = st.html()
        #expect(html.contains("151,200.00") && html.contains("5,940.00") && html.contains("157,140.00"))
        // The agreement is 160 000 − 157 140 = 2 860 above the estimate.
        #expect(html.contains("+2,860.00"))
        #expect(html.contains("125,000.50") && html.contains("34,999.50"))
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;"))
        #expect(!html.contains("http"))
    }

    @Test("a household's statement masks the head's name unless asked for; an item outside the project is refused")
    func householdStatement() throws {
        let w = try CompensationUseCaseTests.world()
        let st = try StatementUseCases.statement(store: w.store, entity: .household, id: "H2", projectID: "road")
        #expect(!st.html().contains("李秀英"))
        #expect(st.html().contains(try #require(PersonalData.maskName("李秀英"))))
        #expect(st.html(unmasked: true).contains("李秀英"))
        #expect(throws: WorkflowError.self) {
            try StatementUseCases.statement(store: w.store, entity: .parcel, id: "P9", projectID: "road")
        }
    }
}
