/// A request the caller's login or role does not allow. Nothing is written when it is thrown.
public struct AccessError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// No login, a wrong password, or an expired or unknown token.
        case unauthenticated
        /// Logged in, but the role or team does not allow it.
        case forbidden
        /// Too many failed logins for this name or address: wait.
        case rateLimited = "rate-limited"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
