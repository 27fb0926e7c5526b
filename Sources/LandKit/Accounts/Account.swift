import Foundation

/// A person who logs in to `landkit serve`, with a role and, for a field team, the team it works for.
public struct Account: Sendable, Hashable {
    /// Login name (unique), e.g. `zhangsan`.
    public var name: String
    public var role: Role
    /// The team id of a `team` account (its items are the ones assigned to this team).
    public var teamID: String?
    /// A disabled account cannot log in, and its open sessions stop working.
    public var disabled: Bool

    public init(name: String, role: Role, teamID: String? = nil, disabled: Bool = false) {
        self.name = name
        self.role = role
        self.teamID = teamID
        self.disabled = disabled
    }
}

/// The rights of each role: the one place the server (and any other front end) asks.
extension Account {
    /// May read reports, dashboards and every project's items.
    public var readsEverything: Bool { role != .team }

    /// May read an item assigned to `itemTeam` (nil: assigned to no team).
    public func mayRead(itemOfTeam itemTeam: String?) -> Bool {
        readsEverything || (teamID != nil && itemTeam == teamID)
    }

    /// May record progress (set, block, unblock, defer) on an item assigned to `itemTeam`.
    public func mayRecord(itemOfTeam itemTeam: String?) -> Bool {
        switch role {
        case .admin, .planner: true
        case .team: teamID != nil && itemTeam == teamID
        case .leader, .viewer: false
        }
    }

    /// May import features, edit projects, zones, sections and assignments.
    public var mayPlan: Bool { role == .admin || role == .planner }

    /// May add and disable accounts.
    public var mayManageAccounts: Bool { role == .admin }

    /// May ask for personal data (names, ID and phone numbers) in full.
    public var mayReadPersonalData: Bool { role == .admin || role == .planner }

    /// What events recorded by this account carry in `by`, with the team the workflow adds in front
    /// (拆迁一组/zhangsan): the login name, never text a client chose.
    public var recorder: String { name }
}

/// An account as stored: with its password hash, never the password.
public struct StoredAccount: Sendable, Hashable {
    public var account: Account
    /// The password hash (bcrypt, `$2b$…`).
    public var passwordHash: String
    public var createdAt: Date
    /// Who added it (an admin's name, or `cli`).
    public var createdBy: String?

    public init(account: Account, passwordHash: String, createdAt: Date, createdBy: String?) {
        self.account = account
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

/// A logged-in session as stored: the SHA-256 of its token (the token itself is only ever with the client).
public struct LoginSession: Sendable, Hashable {
    public var tokenSHA256: String
    public var accountName: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenSHA256: String, accountName: String, createdAt: Date, expiresAt: Date) {
        self.tokenSHA256 = tokenSHA256
        self.accountName = accountName
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// Hashes and checks passwords (bcrypt in the server target); LandKit itself holds no hashing scheme.
public protocol PasswordHashing: Sendable {
    func hash(_ password: String) -> String
    func verify(_ password: String, hash: String) -> Bool
}
