import Foundation
import GRDB
import LandKit

/// Rate tables, inventory and the chained money records.
extension GeoPackageSession {
    func mustWrite() throws {
        guard writable else { throw StoreError(.readOnly, "this operation needs a write transaction") }
    }

    func saveRateTable(_ table: RateTable, source: String) throws {
        try mustWrite()
        guard try rateTableSource(name: table.name) == nil else {
            throw StoreError(.invalidData, "a rate table named \(table.name) exists already: import the new one under another name")
        }
        let sha = DocumentDigest.sha256(Array(source.utf8))
        try db.execute(
            sql: "INSERT INTO rate_tables (name, source, sha256, valid_from, valid_to, rates, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [table.name, source, sha, table.validFrom?.description, table.validTo?.description, table.rateCount, now])
    }

    func rateTables() throws -> [StoredRateTable] {
        try Row.fetchAll(db, sql: "SELECT * FROM rate_tables ORDER BY name").map { r in
            StoredRateTable(
                name: r["name"], validFrom: (r["valid_from"] as String?).flatMap(LocalDate.init),
                validTo: (r["valid_to"] as String?).flatMap(LocalDate.init),
                rates: r["rates"], importedAt: r["imported_at"], sha256: r["sha256"])
        }
    }

    func rateTableSource(name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT source FROM rate_tables WHERE name = ?", arguments: [name])
    }

    func setProjectRates(projectID: String, name: String) throws {
        try mustWrite()
        try db.execute(
            sql: """
                INSERT INTO project_rates (project_id, rate_table, set_at) VALUES (?, ?, ?)
                ON CONFLICT (project_id) DO UPDATE SET rate_table = excluded.rate_table, set_at = excluded.set_at
                """, arguments: [projectID, name, now])
    }

    func projectRates(projectID: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT rate_table FROM project_rates WHERE project_id = ?", arguments: [projectID])
    }

    func replaceInventory(_ lines: [InventoryLine]) throws {
        try mustWrite()
        var cleared: Set<String> = []
        for l in lines where cleared.insert("\(l.entity.rawValue)\u{0}\(l.id)").inserted {
            try db.execute(sql: "DELETE FROM inventory WHERE entity = ? AND entity_id = ?", arguments: [l.entity.rawValue, l.id])
        }
        let insert = try db.cachedStatement(
            sql:
                "INSERT INTO inventory (entity, entity_id, project_id, item, quantity, unit, note, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        )
        for l in lines {
            try insert.execute(arguments: [l.entity.rawValue, l.id, l.projectID, l.item, l.quantity.fixed, l.unit.rawValue, l.note, now])
        }
    }

    func inventory() throws -> [InventoryLine] {
        try Row.fetchAll(db, sql: "SELECT * FROM inventory ORDER BY entity, entity_id, fid").map { r in
            let e: String = r["entity"], q: String = r["quantity"], u: String = r["unit"]
            guard let entity = EntityKind(rawValue: e), let unit = CompensationUnit(rawValue: u), let quantity = try? Quantity(parsing: q)
            else {
                throw StoreError(.invalidData, "inventory row \(r["fid"] as Int64) holds \(e)/\(q)/\(u), which LandKit did not write")
            }
            return InventoryLine(
                entity: entity, id: r["entity_id"], projectID: r["project_id"], item: r["item"], quantity: quantity, unit: unit,
                note: r["note"])
        }
    }

    // MARK: Money records

    private func moneyHead() throws -> EventChain.Head {
        if let h = try recordedMoneyHead() { return h }
        let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM money_records") ?? 0
        guard let row = try Row.fetchOne(db, sql: "SELECT id, hash FROM money_records ORDER BY id DESC LIMIT 1") else {
            return EventChain.Head(count: 0, lastID: 0, hash: EventChain.genesis)
        }
        return EventChain.Head(count: count, lastID: row["id"], hash: row["hash"] ?? EventChain.genesis)
    }

    func recordedMoneyHead() throws -> EventChain.Head? {
        try RecordedHead.parse(meta("money_head"), chain: "the money records")
    }

    @discardableResult
    func append(_ r: MoneyRecord) throws -> Int64 {
        try mustWrite()
        let previous = try moneyHead()
        var stored = r
        stored.seq = previous.lastID + 1
        let hash = MoneyChain.hash(stored, recordedAt: now, previous: previous.hash)
        try db.execute(
            sql: """
                INSERT INTO money_records (id, kind, at, recorded_at, by, entity, entity_id, project_id, number, amount_fen, note, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                stored.seq, r.kind.rawValue, Timestamps.utc(r.at), now, r.by, r.entity.rawValue, r.entityID, r.projectID, r.number,
                r.amount.fen, r.note, hash,
            ])
        try setMeta("money_head", RecordedHead.text(EventChain.Head(count: previous.count + 1, lastID: stored.seq, hash: hash)))
        return stored.seq
    }

    static func moneyRecord(_ row: Row) throws -> MoneyRecord {
        let id: Int64 = row["id"]
        let k: String = row["kind"], e: String = row["entity"], at: String = row["at"], rec: String = row["recorded_at"]
        guard let kind = MoneyRecordKind(rawValue: k), let entity = EntityKind(rawValue: e), let atDate = Timestamps.instant(at),
            let recorded = Timestamps.instant(rec)
        else { throw StoreError(.invalidData, "money record \(id) holds \(k)/\(e)/\(at), which LandKit did not write") }
        return MoneyRecord(
            seq: id, kind: kind, at: atDate, recordedAt: recorded, by: row["by"], entity: entity, entityID: row["entity_id"],
            projectID: row["project_id"], number: row["number"], amount: Yuan(fen: row["amount_fen"]), note: row["note"])
    }

    func moneyRecords(projectID: String?) throws -> [MoneyRecord] {
        let rows =
            try projectID.map { try Row.fetchAll(db, sql: "SELECT * FROM money_records WHERE project_id = ? ORDER BY id", arguments: [$0]) }
            ?? Row.fetchAll(db, sql: "SELECT * FROM money_records ORDER BY id")
        return try rows.map(Self.moneyRecord)
    }

    func moneyRecords(projectID: String, entity: EntityKind, id: String) throws -> [MoneyRecord] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM money_records WHERE project_id = ? AND entity = ? AND entity_id = ? ORDER BY id",
            arguments: [projectID, entity.rawValue, id]
        ).map(Self.moneyRecord)
    }

    func moneyRecords(projectID: String, kind: MoneyRecordKind, number: String) throws -> [MoneyRecord] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM money_records WHERE project_id = ? AND kind = ? AND number = ? ORDER BY id",
            arguments: [projectID, kind.rawValue, number]
        ).map(Self.moneyRecord)
    }

    func forEachStoredMoneyRecord(_ body: (MoneyRecord, String, String?) throws -> Void) throws {
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM money_records ORDER BY id")
        while let row = try cursor.next() { try body(try Self.moneyRecord(row), row["recorded_at"], row["hash"]) }
    }

    // MARK: Documents

    @discardableResult
    func storeDocument(_ bytes: [UInt8], sha256: String) throws -> Bool {
        try mustWrite()
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM documents WHERE sha256 = ?", arguments: [sha256]) == true { return false }
        try db.execute(
            sql: "INSERT INTO documents (sha256, size, content, stored_at) VALUES (?, ?, ?, ?)",
            arguments: [sha256, bytes.count, Data(bytes), now])
        return true
    }

    func document(sha256: String) throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT content FROM documents WHERE sha256 = ?", arguments: [sha256]).map { [UInt8]($0) }
    }

    @discardableResult
    func append(_ a: Attachment) throws -> Int64 {
        try mustWrite()
        try db.execute(
            sql: """
                INSERT INTO attachments (entity, entity_id, project_id, kind, file_name, sha256, agreement_no, at, by, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                a.entity.rawValue, a.entityID, a.projectID, a.kind.rawValue, a.fileName, a.sha256, a.agreementNumber, Timestamps.utc(a.at),
                a.by, a.note,
            ])
        return db.lastInsertedRowID
    }

    func attachments(projectID: String?, entity: EntityKind?, id: String?) throws -> [Attachment] {
        var clauses: [String] = [], args: [(any DatabaseValueConvertible)?] = []
        if let projectID {
            clauses.append("a.project_id = ?")
            args.append(projectID)
        }
        if let entity {
            clauses.append("a.entity = ?")
            args.append(entity.rawValue)
        }
        if let id {
            clauses.append("a.entity_id = ?")
            args.append(id)
        }
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT a.*, d.size FROM attachments a JOIN documents d ON d.sha256 = a.sha256 \(filter) ORDER BY a.id",
            arguments: StatementArguments(args))
        return try rows.map { row in
            let rowID: Int64 = row["id"]
            let e: String = row["entity"], k: String = row["kind"], at: String = row["at"]
            guard let entity = EntityKind(rawValue: e), let kind = DocumentKind(rawValue: k), let date = Timestamps.instant(at) else {
                throw StoreError(.invalidData, "attachment \(rowID) holds \(e)/\(k)/\(at), which LandKit did not write")
            }
            return Attachment(
                id: rowID, entity: entity, entityID: row["entity_id"], projectID: row["project_id"], kind: kind,
                fileName: row["file_name"], sha256: row["sha256"], size: row["size"], agreementNumber: row["agreement_no"], at: date,
                by: row["by"], note: row["note"])
        }
    }
}
