import Foundation

/// Accounts and logins of `landkit serve`: the CLI (`landkit user …`) and the server share these.
public enum AccountUseCases {
    /// Shortest password accepted.
    public static let minimumPasswordLength = 8
    /// Longest password accepted (bcrypt reads 72 bytes; longer input is refused rather than cut silently).
    public static let maximumPasswordBytes = 72
    /// How long a login lasts unless the server is told otherwise.
    public static let defaultSessionLifetime: TimeInterval = 12 * 3600

    /// Adds an account. A `team` account needs a team that exists; other roles take none.
    /// - Parameter by: who adds it (an admin's name, or nil from the command line).
    /// - Throws: `WorkflowError` for a bad name, password or team; `StoreError` when the name is taken.
    @discardableResult
    public static func add(
        store: any LandStore, name: String, role: Role, team: String?, password: String, hasher: any PasswordHashing, by: String?
    ) throws -> Account {
        try checkName(name)
        guard password.count >= minimumPasswordLength else {
            throw WorkflowError(.invalidInput, "the password of \(name) is too short: use at least \(minimumPasswordLength) characters")
        }
        guard password.utf8.count <= maximumPasswordBytes else {
            throw WorkflowError(.invalidInput, "the password of \(name) is longer than \(maximumPasswordBytes) bytes")
        }
        return try store.write { s in
            var teamID: String?
            switch (role, team) {
            case (.team, nil): throw WorkflowError(.invalidInput, "a team account needs its team: pass --team")
            case (.team, let t?):
                guard let found = try s.team(named: t) else { throw WorkflowError(.unknownTeam, "no team \(t): see `landkit team list`") }
                teamID = found.id
            case (_, nil): teamID = nil
            case (_, .some): throw WorkflowError(.invalidInput, "only a team account belongs to a team (\(name) is \(role.rawValue))")
            }
            let account = Account(name: name, role: role, teamID: teamID)
            try s.add(StoredAccount(account: account, passwordHash: hasher.hash(password), createdAt: Timestamps.now(), createdBy: by))
            return account
        }
    }

    /// A login name: 1 to 64 characters, letters, digits, `.`, `_`, `-` or Chinese; no spaces or control characters.
    static func checkName(_ name: String) throws {
        let ok =
            (1...64).contains(name.count)
            && name.unicodeScalars.allSatisfy { c in
                c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "." || c == "_" || c == "-"
            }
        guard ok else {
            throw WorkflowError(
                .invalidInput, "cannot use \"\(OutputSafety.terminal(name))\" as a login name: 1 to 64 letters, digits, '.', '_' or '-'")
        }
    }

    /// Every account, by name.
    public static func list(store: any LandStore) throws -> [StoredAccount] {
        try store.read { try $0.storedAccounts() }
    }

    /// Disables an account: it cannot log in and its sessions end. Its events keep its name.
    public static func disable(store: any LandStore, name: String) throws {
        try store.write { try $0.setAccount(name: name, disabled: true) }
    }

    /// A new login.
    public struct Login: Sendable {
        /// The bearer token: 256 random bits as 64 hex digits. Only its SHA-256 is stored.
        public var token: String
        public var account: Account
        public var expiresAt: Date
    }

    /// Checks a name and password and opens a session.
    /// - Throws: `AccessError.unauthenticated` for an unknown name, a wrong password or a disabled account
    ///   (one message for all three, so a caller cannot tell which names exist).
    public static func login(
        store: any LandStore, name: String, password: String, hasher: any PasswordHashing, lifetime: TimeInterval, now: Date
    ) throws -> Login {
        let stored = try store.read { try $0.storedAccount(name: name) }
        // Hash even for an unknown name, so the answer takes as long either way.
        guard let stored else {
            _ = hasher.hash(password)
            throw AccessError(.unauthenticated, "wrong name or password")
        }
        guard hasher.verify(password, hash: stored.passwordHash), !stored.account.disabled else {
            throw AccessError(.unauthenticated, "wrong name or password")
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: .min ... .max, using: &rng) }
        let token = bytes.map { String(format: "%02x", $0) }.joined()
        let expires = now.addingTimeInterval(lifetime)
        try store.write { s in
            try s.removeLoginSession(tokenSHA256: nil, expiredBefore: now)
            try s.add(LoginSession(tokenSHA256: digest(token), accountName: name, createdAt: now, expiresAt: expires))
        }
        return Login(token: token, account: stored.account, expiresAt: expires)
    }

    /// The account a bearer token belongs to.
    /// - Throws: `AccessError.unauthenticated` for an unknown or expired token or a disabled account.
    public static func authenticate(store: any LandStore, token: String, now: Date) throws -> Account {
        try store.read { s in
            guard token.utf8.count == 64, let session = try s.loginSession(tokenSHA256: digest(token)) else {
                throw AccessError(.unauthenticated, "not logged in, or the login was ended: log in again")
            }
            guard session.expiresAt > now else { throw AccessError(.unauthenticated, "the login has expired: log in again") }
            guard let a = try s.storedAccount(name: session.accountName)?.account, !a.disabled else {
                throw AccessError(.unauthenticated, "the account \(session.accountName) is disabled")
            }
            return a
        }
    }

    /// Ends the session of `token` (log out).
    public static func logout(store: any LandStore, token: String, now: Date) throws {
        try store.write { try $0.removeLoginSession(tokenSHA256: digest(token), expiredBefore: now) }
    }

    /// SHA-256 of a token, in hex: what the store keeps.
    static func digest(_ token: String) -> String { DocumentDigest.sha256(Array(token.utf8)) }
}
