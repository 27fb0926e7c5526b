/// A money amount, quantity or rate that cannot be used: malformed text, out of range.
public struct MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, lower case.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
