import SchoolIDBase

/// A school. This issue defines only its identifier; later issues add the fields.
public enum School {
    /// The opaque identifier of a school: `sch_` + 22 base64url characters
    /// (128 random bits). It carries no meaning and never changes.
    public struct ID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
        /// The type prefix before the underscore.
        public static let prefix = "sch"

        /// The identifier as text, e.g. `sch_q1w2e3r4t5y6u7i8o9p0aa`.
        public let rawValue: String

        /// Parses an identifier; `nil` unless it is well formed.
        public init?(rawValue: String) {
            guard OpaqueIdentifier.isValid(rawValue, prefix: Self.prefix) else { return nil }
            self.rawValue = rawValue
        }

        /// Parses an identifier received from outside.
        /// - Throws: `DomainError(.identifierInvalid)` when it is malformed.
        public init(parsing text: String) throws(DomainError) {
            guard let id = ID(rawValue: text) else {
                throw DomainError(.identifierInvalid, detail: "expected a school identifier (sch_…)")
            }
            self = id
        }

        /// A fresh random identifier.
        /// - Parameter random: the injected random source.
        public static func random(using random: any RandomSource) -> ID {
            ID(unchecked: OpaqueIdentifier.random(prefix: prefix, using: random))
        }

        private init(unchecked rawValue: String) { self.rawValue = rawValue }

        public static func < (lhs: ID, rhs: ID) -> Bool { lhs.rawValue < rhs.rawValue }

        public var description: String { rawValue }

        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let id = ID(rawValue: text) else {
                throw DecodingError.dataCorruptedError(
                    in: try decoder.singleValueContainer(), debugDescription: "invalid school identifier")
            }
            self = id
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
    }
}
