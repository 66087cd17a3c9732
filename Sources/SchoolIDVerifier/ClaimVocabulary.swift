/// The shape ``VerifiedAccessToken/Relation`` and ``VerifiedAccessToken/StaffRole``
/// share: a closed list of wire strings, held in an extensible struct (SchoolID may add
/// values later without breaking callers), where decoding a value off the list fails
/// the verification (``VerificationError/invalidClaim``).
protocol ClaimVocabulary: Codable, CustomStringConvertible {
    /// The wire values this version of the library knows.
    static var known: Set<String> { get }
    /// The wire value.
    var rawValue: String { get }
    /// Wraps a value known to be on the list.
    init(rawValue: String)
}

extension ClaimVocabulary {
    /// Decodes a JSON string that must be one of ``known``.
    /// - Throws: ``VerificationError/invalidClaim`` for any other string, or the
    ///   decoder's error for a non-string.
    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(String.self)
        guard Self.known.contains(value) else { throw VerificationError.invalidClaim }
        self.init(rawValue: value)
    }

    /// Encodes the wire value as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The wire value.
    public var description: String { rawValue }
}
