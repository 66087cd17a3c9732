import SchoolIDBase

/// An introspection answer (RFC 7662 §2.2): `{"active": false}` alone for anything not
/// active or not the caller's, else the token's claims.
public struct IntrospectionResponse: Encodable, Hashable, Sendable {
    public var active: Bool
    public var scope: String?
    public var clientID: String?
    public var sub: String?
    /// The access token's audience (SchoolID issues exactly one).
    public var aud: String?
    public var iss: String?
    public var exp: Int64?
    public var iat: Int64?
    public var jti: String?
    /// `Bearer` for an access token, `refresh_token` for a refresh token.
    public var tokenType: String?
    public var sid: String?
    public var students: [StudentClaim]?
    public var staff: [StaffClaim]?
    public var act: ActorClaim?

    /// `{"active": false}`.
    public static let inactive = IntrospectionResponse(active: false)

    public init(active: Bool) { self.active = active }

    /// The answer for an active access token.
    public init(_ token: IssuedAccessToken) {
        active = true
        scope = token.scopes.joined(separator: " ")
        clientID = token.clientID
        sub = token.subject
        aud = token.claims.audience?.first
        iss = token.claims.issuer
        exp = token.expiresAt.seconds
        iat = token.claims.issuedAt?.seconds
        jti = token.jwtID
        tokenType = "Bearer"
        sid = token.sessionHandle
        students = token.students.isEmpty ? nil : token.students
        staff = try? token.claims.claim("staff", as: [StaffClaim].self)
        act = token.actor
    }

    /// The answer for a usable refresh token: its absolute expiry as `exp`.
    public init(_ token: RefreshToken) {
        active = true
        scope = token.scope
        clientID = token.clientID
        sub = token.accountID.rawValue
        exp = token.absoluteExpiresAt.seconds
        tokenType = "refresh_token"
    }

    enum CodingKeys: String, CodingKey {
        case active, scope, clientID = "client_id", sub, aud, iss, exp, iat, jti, tokenType = "token_type", sid,
             students, staff, act
    }
}
