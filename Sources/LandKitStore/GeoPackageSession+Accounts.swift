import Foundation
import GRDB
import LandKit

/// Accounts and login sessions of `landkit serve`.
extension GeoPackageSession {
    func add(_ a: StoredAccount) throws {
        try mustWrite()
        guard try storedAccount(name: a.account.name) == nil else {
            throw StoreError(.alreadyExists, "an account named \(a.account.name) exists already")
        }
        try db.execute(
            sql: "INSERT INTO accounts (name, role, team_id, password_hash, disabled, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                a.account.name, a.account.role.rawValue, a.account.teamID, a.passwordHash, a.account.disabled, Timestamps.utc(a.createdAt),
                a.createdBy,
            ])
    }

    func storedAccounts() throws -> [StoredAccount] {
        try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY name").map(Self.storedAccount)
    }

    func storedAccount(name: String) throws -> StoredAccount? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]).map(Self.storedAccount)
    }

    private static func storedAccount(_ row: Row) throws -> StoredAccount {
        let name: String = row["name"], role: String = row["role"], created: String = row["created_at"]
        guard let r = Role(rawValue: role), let at = Timestamps.instant(created) else {
            throw StoreError(.invalidData, "account \(name) holds role \(role) created \(created), which LandKit did not write")
        }
        return StoredAccount(
            account: Account(name: name, role: r, teamID: row["team_id"], disabled: row["disabled"]), passwordHash: row["password_hash"],
            createdAt: at, createdBy: row["created_by"])
    }

    func setAccount(name: String, disabled: Bool) throws {
        try mustWrite()
        try db.execute(sql: "UPDATE accounts SET disabled = ? WHERE name = ?", arguments: [disabled, name])
        guard db.changesCount == 1 else { throw StoreError(.notFound, "no account named \(name)") }
        if disabled { try db.execute(sql: "DELETE FROM login_sessions WHERE account = ?", arguments: [name]) }
    }

    func add(_ session: LoginSession) throws {
        try mustWrite()
        try db.execute(
            sql: "INSERT INTO login_sessions (token_sha256, account, created_at, expires_at) VALUES (?, ?, ?, ?)",
            arguments: [session.tokenSHA256, session.accountName, Timestamps.utc(session.createdAt), Timestamps.utc(session.expiresAt)])
    }

    func loginSession(tokenSHA256: String) throws -> LoginSession? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM login_sessions WHERE token_sha256 = ?", arguments: [tokenSHA256]) else {
            return nil
        }
        let created: String = row["created_at"], expires: String = row["expires_at"]
        guard let c = Timestamps.instant(created), let e = Timestamps.instant(expires) else {
            throw StoreError(.invalidData, "a login session holds times \(created)/\(expires), which LandKit did not write")
        }
        return LoginSession(tokenSHA256: tokenSHA256, accountName: row["account"], createdAt: c, expiresAt: e)
    }

    func removeLoginSession(tokenSHA256: String?, expiredBefore now: Date) throws {
        try mustWrite()
        if let tokenSHA256 { try db.execute(sql: "DELETE FROM login_sessions WHERE token_sha256 = ?", arguments: [tokenSHA256]) }
        try db.execute(sql: "DELETE FROM login_sessions WHERE expires_at < ?", arguments: [Timestamps.utc(now)])
    }
}
