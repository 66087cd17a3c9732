import SchoolIDBase

/// What an ``Identifier`` names: its wire prefix and the noun used in error text.
public protocol IdentifierKind: Sendable {
    /// The type prefix before the underscore (`acc`, `sch`).
    static var prefix: String { get }
    /// The noun for error messages ("an account identifier").
    static var noun: String { get }
}

/// An opaque identifier: `<prefix>_` + 22 base64url characters (128 random bits). It
/// carries no meaning and never changes; the prefix keeps an account id from being
/// accepted where a school id is expected.
public struct Identifier<Kind: IdentifierKind>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
{
    /// The identifier as text, e.g. `acc_q1w2e3r4t5y6u7i8o9p0aa`.
    public let rawValue: String

    /// Parses an identifier; `nil` unless it is well formed with this kind's prefix.
    /// (`Codable` decoding goes through here too, so a malformed id never decodes.)
    public init?(rawValue: String) {
        guard OpaqueIdentifier.isValid(rawValue, prefix: Kind.prefix) else { return nil }
        self.rawValue = rawValue
    }

    /// Parses an identifier received from outside.
    /// - Throws: `DomainError(.identifierInvalid)` when it is malformed.
    public init(parsing text: String) throws(DomainError) {
        guard let id = Self(rawValue: text) else {
            throw DomainError(.identifierInvalid, detail: "expected \(Kind.noun) (\(Kind.prefix)_…)")
        }
        self = id
    }

    /// A fresh random identifier from the injected random source.
    public static func random(using random: any RandomSource) -> Self {
        Self(rawValue: OpaqueIdentifier.random(prefix: Kind.prefix, using: random))!
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
