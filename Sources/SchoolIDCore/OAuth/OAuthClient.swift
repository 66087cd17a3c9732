import SchoolIDBase
import SchoolIDJOSE

/// A registered OAuth 2.0 client: a diary service that sends people to SchoolID and
/// receives tokens (RFC 6749 §2; OIDC Dynamic Client Registration §2 names the same
/// metadata, registered here by the operator instead of dynamically).
///
/// Only the SHA-256 hashes of its secrets are stored (``SecretHashes``): secrets are
/// 256 random bits, so a slow password hash would add nothing but cap
/// `client_credentials` at the hash rate (ASVS 5.0 §6.5.2).
public struct OAuthClient: Hashable, Sendable {
    /// The client identifier the operator chose: `[a-z0-9][a-z0-9-]{2,63}`
    /// (RFC 6749 §2.2: unique to the server; not a secret).
    public struct ID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String

        /// Accepts only a well-formed id.
        public init?(rawValue: String) {
            let bytes = Array(rawValue.utf8)
            guard (3...64).contains(bytes.count), Self.isLowerAlphanumeric(bytes[0]),
                  bytes.allSatisfy({ Self.isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return nil }
            self.rawValue = rawValue
        }

        /// Parses an id typed by an operator or sent by a client.
        /// - Throws: `DomainError(.clientInvalid)` naming the rule.
        public init(parsing text: String) throws(DomainError) {
            guard let id = ID(rawValue: text) else {
                throw DomainError(.clientInvalid, detail: "client id must match [a-z0-9][a-z0-9-]{2,63}")
            }
            self = id
        }

        public var description: String { rawValue }

        private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }

    /// RFC 6749 §2.1 client types.
    public enum ClientType: String, Hashable, Sendable, CaseIterable {
        /// Can keep a secret (a server-side diary service).
        case confidential
        /// Cannot keep a secret (a native or browser app): PKCE only, no secret.
        case `public`
    }

    /// The grant types a client may use (RFC 6749 §4, §6; RFC 8693 §2.1).
    public enum Grant: String, Hashable, Sendable, CaseIterable, Comparable {
        case authorizationCode = "authorization_code"
        case refreshToken = "refresh_token"
        case clientCredentials = "client_credentials"
        /// Acting for a child (RFC 8693); confidential clients only.
        case tokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange"

        /// The grants a public client may hold: it cannot authenticate, so neither
        /// `client_credentials` nor token exchange (RFC 8693 §2.1 relies on client
        /// authentication) is safe for it.
        public static let publicClientGrants: Set<Grant> = [.authorizationCode, .refreshToken]

        public static func < (lhs: Grant, rhs: Grant) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The scopes a client may request (RFC 6749 §3.3). The diary services
    /// (`diary`, `attendance`, `nutrition`) are the services a token may carry.
    public enum Scope: String, Hashable, Sendable, CaseIterable, Comparable {
        case openid
        case offlineAccess = "offline_access"
        case diary
        case attendance
        case nutrition
        /// May ask people to sign acknowledgements.
        case acknowledgementRequest = "ack:request"

        public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// OIDC Core §8 subject identifier types. Only `public`: a guardian's children must
    /// carry the same id in every diary service of a school.
    public enum SubjectType: String, Hashable, Sendable, CaseIterable {
        case `public`
    }

    /// Whether the client may authenticate and get tokens.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        case active
        case disabled
    }

    /// The stored digests of a confidential client's secrets.
    public struct SecretHashes: Hashable, Sendable {
        /// SHA-256 of the current secret's ASCII text.
        public var current: [UInt8]
        /// SHA-256 of the secret replaced by the last rotation, valid until
        /// ``previousExpiresAt``.
        public var previous: [UInt8]?
        /// When the previous secret stops working.
        public var previousExpiresAt: UnixTime?

        public init(current: [UInt8], previous: [UInt8]? = nil, previousExpiresAt: UnixTime? = nil) {
            self.current = current
            self.previous = previous
            self.previousExpiresAt = previousExpiresAt
        }
    }

    public var id: ID
    /// A name people see on the consent page.
    public var name: String
    public var type: ClientType
    /// Redirect URIs compared as exact strings (RFC 9700 §4.1.3; OAuth 2.1 §2.3.1).
    public var redirectURIs: [String]
    /// Where RP-initiated logout may send the browser back (OIDC RP-Initiated Logout §2).
    public var postLogoutRedirectURIs: [String]
    /// Sorted.
    public var grants: [Grant]
    /// Sorted.
    public var scopes: [Scope]
    /// The `aud` of its access tokens (RFC 9068 §3); the id unless set.
    public var audience: String
    /// The schools it serves, sorted.
    public var schoolIDs: [School.ID]
    /// A first-party service skips the consent page.
    public var firstParty: Bool
    public var accessTokenAlgorithm: JWSAlgorithm
    /// `id_token_signed_response_alg`; RS256 unless set (OIDC Registration §2).
    public var idTokenAlgorithm: JWSAlgorithm
    public var subjectType: SubjectType
    public var status: Status
    /// `nil` for a public client.
    public var secret: SecretHashes?
    public var createdAt: UnixTime
    public var disabledAt: UnixTime?

    public init(id: ID, name: String, type: ClientType, redirectURIs: [String], postLogoutRedirectURIs: [String],
                grants: [Grant], scopes: [Scope], audience: String, schoolIDs: [School.ID], firstParty: Bool,
                accessTokenAlgorithm: JWSAlgorithm, idTokenAlgorithm: JWSAlgorithm, subjectType: SubjectType = .public,
                status: Status = .active, secret: SecretHashes?, createdAt: UnixTime, disabledAt: UnixTime? = nil)
    {
        self.id = id
        self.name = name
        self.type = type
        self.redirectURIs = redirectURIs
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.grants = grants.sorted()
        self.scopes = scopes.sorted()
        self.audience = audience
        self.schoolIDs = schoolIDs.sorted { $0.rawValue < $1.rawValue }
        self.firstParty = firstParty
        self.accessTokenAlgorithm = accessTokenAlgorithm
        self.idTokenAlgorithm = idTokenAlgorithm
        self.subjectType = subjectType
        self.status = status
        self.secret = secret
        self.createdAt = createdAt
        self.disabledAt = disabledAt
    }

    /// Whether the client may authenticate and get tokens.
    public var isActive: Bool { status == .active }

    /// Whether the client may use `grant`.
    public func allows(_ grant: Grant) -> Bool { grants.contains(grant) }

    /// Whether `uri` is one of the registered redirect URIs, compared as exact strings
    /// (RFC 6749 §3.1.2.3 with RFC 9700 §4.1.3: no pattern, prefix or normalisation).
    public func isRegisteredRedirectURI(_ uri: String) -> Bool { redirectURIs.contains(uri) }
}
