import SchoolIDBase

/// A JWT Claims Set (RFC 7519 §4): the registered claims as typed properties, every
/// other claim as raw JSON in ``extra``.
///
/// Later issues add typed claims (students, staff memberships, `act`) by encoding their
/// own `Codable` values into ``extra`` with ``setClaim(_:_:)`` and reading them back with
/// ``claim(_:as:)``; the registered claims keep their short names only on the wire.
public struct JWTClaims: Hashable, Sendable {
    /// `iss` (RFC 7519 §4.1.1).
    public var issuer: String?
    /// `sub` (RFC 7519 §4.1.2).
    public var subject: String?
    /// `aud` (RFC 7519 §4.1.3): one string or an array on the wire; a single audience is
    /// written as a plain string.
    public var audience: [String]?
    /// `exp` (RFC 7519 §4.1.4).
    public var expiresAt: UnixTime?
    /// `nbf` (RFC 7519 §4.1.5).
    public var notBefore: UnixTime?
    /// `iat` (RFC 7519 §4.1.6).
    public var issuedAt: UnixTime?
    /// `jti` (RFC 7519 §4.1.7).
    public var jwtID: String?
    /// Every other claim, as parsed.
    public var extra: [String: JSONValue]

    /// The registered claim names, which never appear in ``extra``.
    static let registeredNames: Set<String> = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]

    /// Creates a claims set.
    /// - Precondition: `extra` names no registered claim.
    public init(
        issuer: String? = nil, subject: String? = nil, audience: [String]? = nil,
        expiresAt: UnixTime? = nil, notBefore: UnixTime? = nil, issuedAt: UnixTime? = nil,
        jwtID: String? = nil, extra: [String: JSONValue] = [:]
    ) {
        precondition(Self.registeredNames.isDisjoint(with: extra.keys), "registered claims have their own properties")
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.expiresAt = expiresAt
        self.notBefore = notBefore
        self.issuedAt = issuedAt
        self.jwtID = jwtID
        self.extra = extra
    }

    /// Reads the custom claim `name` as `T`.
    /// - Returns: `nil` when the claim is absent.
    /// - Throws: `JOSEError.malformed` when it is present but not shaped like `T`.
    public func claim<T: Decodable>(_ name: String, as type: T.Type) throws(JOSEError) -> T? {
        guard let value = extra[name] else { return nil }
        return try value.decode(T.self)
    }

    /// Sets the custom claim `name` to `value`'s JSON form.
    /// - Precondition: `name` is not a registered claim.
    /// - Throws: `JOSEError.malformed` when `value` does not encode to JSON.
    public mutating func setClaim(_ name: String, _ value: some Encodable) throws(JOSEError) {
        precondition(!Self.registeredNames.contains(name), "registered claims have their own properties")
        extra[name] = try JSONValue(encoding: value)
    }
}

extension JWTClaims {
    /// Parses a (verified) JWS payload as a claims set, e.g. for JWT kinds with their own
    /// rules that call ``validateTimes(at:leeway:requireExpiration:)`` themselves.
    /// - Throws: `JOSEError.malformed` when the payload is not a JSON object or a registered
    ///   claim has the wrong type (RFC 7519 §7.2 step 10).
    public init(jsonBytes: [UInt8]) throws(JOSEError) {
        var members = try JSONParser.object(from: jsonBytes)
        issuer = try Self.string(members.removeValue(forKey: "iss"))
        subject = try Self.string(members.removeValue(forKey: "sub"))
        audience = try Self.audience(members.removeValue(forKey: "aud"))
        expiresAt = try Self.numericDate(members.removeValue(forKey: "exp"))
        notBefore = try Self.numericDate(members.removeValue(forKey: "nbf"))
        issuedAt = try Self.numericDate(members.removeValue(forKey: "iat"))
        jwtID = try Self.string(members.removeValue(forKey: "jti"))
        extra = members
    }

    /// The claims set as compact, key-sorted JSON bytes.
    func jsonBytes() throws(JOSEError) -> [UInt8] {
        var members = extra
        if let issuer { members["iss"] = .string(issuer) }
        if let subject { members["sub"] = .string(subject) }
        if let audience {
            members["aud"] = audience.count == 1 ? .string(audience[0]) : .array(audience.map { .string($0) })
        }
        if let expiresAt { members["exp"] = .integer(expiresAt.seconds) }
        if let notBefore { members["nbf"] = .integer(notBefore.seconds) }
        if let issuedAt { members["iat"] = .integer(issuedAt.seconds) }
        if let jwtID { members["jti"] = .string(jwtID) }
        return try JSONWriter.encode(object: members)
    }

    private static func string(_ value: JSONValue?) throws(JOSEError) -> String? {
        guard let value else { return nil }
        guard case .string(let string) = value else { throw .malformed }
        return string
    }

    private static func audience(_ value: JSONValue?) throws(JOSEError) -> [String]? {
        switch value {
        case nil: return nil
        case .string(let single): return [single]
        case .array(let items):
            var audiences: [String] = []
            for item in items {
                guard case .string(let audience) = item else { throw .malformed }
                audiences.append(audience)
            }
            return audiences
        default: throw .malformed
        }
    }

    /// RFC 7519 §2 NumericDate: seconds, possibly fractional; fractions are truncated
    /// towards the past, and values outside `Int64` are malformed (never a trap).
    private static func numericDate(_ value: JSONValue?) throws(JOSEError) -> UnixTime? {
        switch value {
        case nil: return nil
        case .integer(let seconds): return UnixTime(seconds: seconds)
        case .number(let seconds):
            guard seconds.isFinite, let whole = Int64(exactly: seconds.rounded(.down)) else { throw .malformed }
            return UnixTime(seconds: whole)
        default: throw .malformed
        }
    }
}
