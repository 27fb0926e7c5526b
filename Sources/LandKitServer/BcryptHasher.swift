import HummingbirdBcrypt
import LandKit

/// Passwords hashed with bcrypt (hummingbird-auth), cost 12 unless told otherwise.
public struct BcryptHasher: PasswordHashing {
    /// bcrypt's work factor: 2^cost rounds. Tests use a low cost to stay fast; accounts get 12.
    public var cost: UInt8

    public init(cost: UInt8 = 12) { self.cost = cost }

    public func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }
    public func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}
