import Foundation
import LandKit
import LandKitStore

/// Rate tables, inventory, the chained money records, documents and the accounts of `landkit serve`: the
/// GeoPackage session's rules in PostgreSQL.
extension PostgresSession {
    func saveRateTable(_ table: RateTable, source: String) throws {
        try requireWritable()
        guard try rateTableSource(name: table.name) == nil else {
            throw StoreError(.invalidData, "a rate table named \(table.name) exists already: import the new one under another name")
        }
        try exec(
            "INSERT INTO rate_tables (name, source, sha256, valid_from, valid_to, rates, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            .text(table.name), .text(source), .text(DocumentDigest.sha256(Array(source.utf8))), .text(table.validFrom?.description),
            .text(table.validTo?.description), .int(table.rateCount), .text(now))
    }

    func rateTables() throws -> [StoredRateTable] {
        try rows("SELECT name, valid_from, valid_to, rates, imported_at, sha256 FROM rate_tables ORDER BY name").map { r in
            StoredRateTable(
                name: try r.string(0), validFrom: try r.optionalString(1).flatMap(LocalDate.init),
                validTo: try r.optionalString(2).flatMap(LocalDate.init), rates: Int(try r.int(3)), importedAt: try r.string(4),
                sha256: try r.string(5))
        }
    }

    func rateTableSource(name: String) throws -> String? {
        try row("SELECT source FROM rate_tables WHERE name = $1", .text(name))?.string(0)
    }

    func setProjectRates(projectID: String, name: String) throws {
        try requireWritable()
        try exec(
            """
            INSERT INTO project_rates (project_id, rate_table, set_at) VALUES ($1, $2, $3)
            ON CONFLICT (project_id) DO UPDATE SET rate_table = excluded.rate_table, set_at = excluded.set_at
            """, .text(projectID), .text(name), .text(now))
    }

    func projectRates(projectID: String) throws -> String? {
        try row("SELECT rate_table FROM project_rates WHERE project_id = $1", .text(projectID))?.string(0)
    }

    func replaceInventory(_ lines: [InventoryLine]) throws {
        try requireWritable()
        var cleared: Set<String> = []
        for l in lines where cleared.insert("\(l.entity.rawValue)\u{0}\(l.id)").inserted {
            try exec("DELETE FROM inventory WHERE entity = $1 AND entity_id = $2", .text(l.entity.rawValue), .text(l.id))
        }
        for l in lines {
            try exec(
                "INSERT INTO inventory (entity, entity_id, project_id, item, quantity, unit, note, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                .text(l.entity.rawValue), .text(l.id), .text(l.projectID), .text(l.item), .text(l.quantity.fixed), .text(l.unit.rawValue),
                .text(l.note), .text(now))
        }
    }

    func inventory() throws -> [InventoryLine] {
        try rows("SELECT fid, entity, entity_id, project_id, item, quantity, unit, note FROM inventory ORDER BY entity, entity_id, fid").map
        {
            r in
            let e = try r.string(1), q = try r.string(5), u = try r.string(6)
            guard let entity = EntityKind(rawValue: e), let unit = CompensationUnit(rawValue: u), let quantity = try? Quantity(parsing: q)
            else { throw StoreError(.invalidData, "inventory row \(try r.int(0)) holds \(e)/\(q)/\(u), which LandKit did not write") }
            return InventoryLine(
                entity: entity, id: try r.string(2), projectID: try r.optionalString(3), item: try r.string(4), quantity: quantity,
                unit: unit, note: try r.optionalString(7))
        }
    }

    // MARK: Money records

    private func moneyHead() throws -> EventChain.Head {
        try chainHead(table: "money_records", key: "money_head", recorded: recordedMoneyHead)
    }

    func recordedMoneyHead() throws -> EventChain.Head? {
        try RecordedHead.parse(meta("money_head"), chain: "the money records")
    }

    @discardableResult
    func append(_ r: MoneyRecord) throws -> Int64 {
        try requireWritable()
        let previous = try moneyHead()
        var stored = r
        stored.seq = previous.lastID + 1
        let hash = MoneyChain.hash(stored, recordedAt: now, previous: previous.hash)
        try exec(
            """
            INSERT INTO money_records (id, kind, at, recorded_at, by, entity, entity_id, project_id, number, amount_fen, note, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """, .int(stored.seq), .text(r.kind.rawValue), .text(Timestamps.utc(r.at)), .text(now), .text(r.by), .text(r.entity.rawValue),
            .text(r.entityID), .text(r.projectID), .text(r.number), .int(r.amount.fen), .text(r.note), .text(hash))
        try setMetaValue("money_head", RecordedHead.text(EventChain.Head(count: previous.count + 1, lastID: stored.seq, hash: hash)))
        return stored.seq
    }

    static let moneyColumns = "id, kind, at, recorded_at, by, entity, entity_id, project_id, number, amount_fen, note, hash"

    private func moneyRecord(_ r: SQLRow) throws -> MoneyRecord {
        let id = try r.int(0), k = try r.string(1), e = try r.string(5), at = try r.string(2), rec = try r.string(3)
        guard let kind = MoneyRecordKind(rawValue: k), let entity = EntityKind(rawValue: e), let atDate = Timestamps.instant(at),
            let recorded = Timestamps.instant(rec)
        else { throw StoreError(.invalidData, "money record \(id) holds \(k)/\(e)/\(at), which LandKit did not write") }
        return MoneyRecord(
            seq: id, kind: kind, at: atDate, recordedAt: recorded, by: try r.optionalString(4), entity: entity, entityID: try r.string(6),
            projectID: try r.string(7), number: try r.string(8), amount: Yuan(fen: try r.int(9)), note: try r.optionalString(10))
    }

    func moneyRecords(projectID: String?) throws -> [MoneyRecord] {
        let sql = "SELECT \(Self.moneyColumns) FROM money_records"
        return try (projectID.map { try rows(sql + " WHERE project_id = $1 ORDER BY id", .text($0)) } ?? rows(sql + " ORDER BY id"))
            .map(moneyRecord)
    }

    func moneyRecords(projectID: String, entity: EntityKind, id: String) throws -> [MoneyRecord] {
        try rows(
            "SELECT \(Self.moneyColumns) FROM money_records WHERE project_id = $1 AND entity = $2 AND entity_id = $3 ORDER BY id",
            .text(projectID), .text(entity.rawValue), .text(id)
        ).map(moneyRecord)
    }

    func moneyRecords(projectID: String, kind: MoneyRecordKind, number: String) throws -> [MoneyRecord] {
        try rows(
            "SELECT \(Self.moneyColumns) FROM money_records WHERE project_id = $1 AND kind = $2 AND number = $3 ORDER BY id",
            .text(projectID), .text(kind.rawValue), .text(number)
        ).map(moneyRecord)
    }

    func forEachStoredMoneyRecord(_ body: (MoneyRecord, String, String?) throws -> Void) throws {
        for r in try rows("SELECT \(Self.moneyColumns) FROM money_records ORDER BY id") {
            try body(try moneyRecord(r), try r.string(3), try r.optionalString(11))
        }
    }

    // MARK: Documents

    @discardableResult
    func storeDocument(_ bytes: [UInt8], sha256: String) throws -> Bool {
        try requireWritable()
        if try row("SELECT 1 FROM documents WHERE sha256 = $1", .text(sha256)) != nil { return false }
        try exec(
            "INSERT INTO documents (sha256, size, content, stored_at) VALUES ($1, $2, $3, $4)", .text(sha256), .int(bytes.count),
            .bytes(bytes), .text(now))
        return true
    }

    func document(sha256: String) throws -> [UInt8]? {
        try row("SELECT content FROM documents WHERE sha256 = $1", .text(sha256))?.bytes(0)
    }

    @discardableResult
    func append(_ a: Attachment) throws -> Int64 {
        try requireWritable()
        return try row(
            """
            INSERT INTO attachments (entity, entity_id, project_id, kind, file_name, sha256, agreement_no, at, by, note)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id
            """, .text(a.entity.rawValue), .text(a.entityID), .text(a.projectID), .text(a.kind.rawValue), .text(a.fileName),
            .text(a.sha256), .text(a.agreementNumber), .text(Timestamps.utc(a.at)), .text(a.by), .text(a.note)
        )?.int(0) ?? 0
    }

    func attachments(projectID: String?, entity: EntityKind?, id: String?) throws -> [Attachment] {
        var clauses: [String] = [], binds: [SQLValue] = []
        for (column, value) in [("a.project_id", projectID), ("a.entity", entity?.rawValue), ("a.entity_id", id)] {
            guard let value else { continue }
            binds.append(.text(value))
            clauses.append("\(column) = $\(binds.count)")
        }
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try link.query(
            """
            SELECT a.id, a.entity, a.entity_id, a.project_id, a.kind, a.file_name, a.sha256, d.size, a.agreement_no, a.at, a.by, a.note
            FROM attachments a JOIN documents d ON d.sha256 = a.sha256 \(filter) ORDER BY a.id
            """, binds
        ).map { r in
            let rowID = try r.int(0), e = try r.string(1), k = try r.string(4), at = try r.string(9)
            guard let entity = EntityKind(rawValue: e), let kind = DocumentKind(rawValue: k), let date = Timestamps.instant(at) else {
                throw StoreError(.invalidData, "attachment \(rowID) holds \(e)/\(k)/\(at), which LandKit did not write")
            }
            return Attachment(
                id: rowID, entity: entity, entityID: try r.string(2), projectID: try r.string(3), kind: kind, fileName: try r.string(5),
                sha256: try r.string(6), size: Int(try r.int(7)), agreementNumber: try r.optionalString(8), at: date,
                by: try r.optionalString(10),
                note: try r.optionalString(11))
        }
    }

    // MARK: Accounts

    func add(_ a: StoredAccount) throws {
        try requireWritable()
        guard try storedAccount(name: a.account.name) == nil else {
            throw StoreError(.alreadyExists, "an account named \(a.account.name) exists already")
        }
        try exec(
            "INSERT INTO accounts (name, role, team_id, password_hash, disabled, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            .text(a.account.name), .text(a.account.role.rawValue), .text(a.account.teamID), .text(a.passwordHash),
            .bool(a.account.disabled),
            .text(Timestamps.utc(a.createdAt)), .text(a.createdBy))
    }

    static let accountColumns = "name, role, team_id, password_hash, disabled, created_at, created_by"

    private func storedAccount(_ r: SQLRow) throws -> StoredAccount {
        let name = try r.string(0), role = try r.string(1), created = try r.string(5)
        guard let ro = Role(rawValue: role), let at = Timestamps.instant(created) else {
            throw StoreError(.invalidData, "account \(name) holds role \(role) created \(created), which LandKit did not write")
        }
        return StoredAccount(
            account: Account(name: name, role: ro, teamID: try r.optionalString(2), disabled: try r.bool(4)),
            passwordHash: try r.string(3), createdAt: at, createdBy: try r.optionalString(6))
    }

    func storedAccounts() throws -> [StoredAccount] {
        try rows("SELECT \(Self.accountColumns) FROM accounts ORDER BY name").map(storedAccount)
    }

    func storedAccount(name: String) throws -> StoredAccount? {
        try row("SELECT \(Self.accountColumns) FROM accounts WHERE name = $1", .text(name)).map(storedAccount)
    }

    func setAccount(name: String, disabled: Bool) throws {
        try requireWritable()
        guard try exec("UPDATE accounts SET disabled = $1 WHERE name = $2", .bool(disabled), .text(name)) == 1 else {
            throw StoreError(.notFound, "no account named \(name)")
        }
        if disabled { try exec("DELETE FROM login_sessions WHERE account = $1", .text(name)) }
    }

    func add(_ session: LoginSession) throws {
        try requireWritable()
        try exec(
            "INSERT INTO login_sessions (token_sha256, account, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            .text(session.tokenSHA256), .text(session.accountName), .text(Timestamps.utc(session.createdAt)),
            .text(Timestamps.utc(session.expiresAt)))
    }

    func loginSession(tokenSHA256: String) throws -> LoginSession? {
        guard let r = try row("SELECT account, created_at, expires_at FROM login_sessions WHERE token_sha256 = $1", .text(tokenSHA256))
        else { return nil }
        let created = try r.string(1), expires = try r.string(2)
        guard let c = Timestamps.instant(created), let e = Timestamps.instant(expires) else {
            throw StoreError(.invalidData, "a login session holds times \(created)/\(expires), which LandKit did not write")
        }
        return LoginSession(tokenSHA256: tokenSHA256, accountName: try r.string(0), createdAt: c, expiresAt: e)
    }

    func removeLoginSession(tokenSHA256: String?, expiredBefore now: Date) throws {
        try requireWritable()
        if let tokenSHA256 { try exec("DELETE FROM login_sessions WHERE token_sha256 = $1", .text(tokenSHA256)) }
        try exec("DELETE FROM login_sessions WHERE expires_at < $1", .text(Timestamps.utc(now)))
    }
}
