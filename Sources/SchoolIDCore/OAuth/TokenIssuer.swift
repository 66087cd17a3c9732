import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE

/// Mints SchoolID's access tokens (RFC 9068 JWTs) and ID tokens (OpenID Connect Core
/// §2), signed by the keyring's active token key of the requested algorithm.
///
/// Access tokens carry, beside the RFC 9068 §2.2 claims, what a diary service needs to
/// authorise a read offline: `students` (each with relation, services and the grant it
/// rests on, from ``AccessDecision``) and `staff` (school, role, classes; never student
/// lists). `sub` is the account id — public, the same for every client (OIDC Core §8,
/// `subject_types_supported: ["public"]`): a guardian's child must carry one id in every
/// diary service of a school, and the id is 128 random bits holding no personal data.
public struct TokenIssuer: Sendable {
    /// `typ` of access tokens (RFC 9068 §2.1).
    public static let accessTokenType = "at+jwt"
    /// `typ` of ID tokens.
    public static let idTokenType = "JWT"
    /// The most class ids the `staff` claim lists in one token, across its entries (the
    /// lowest ids first): with ``TokenPolicy/maxStudentsPerToken`` at its default it
    /// keeps every token under 4 KB, what proxies and cookies reliably carry.
    public static let maxClassesPerToken = 24

    /// The `iss` of every token: ``ServeConfiguration``'s resolved issuer.
    public let issuer: String
    let policy: TokenPolicy
    let keys: KeyringSnapshot
    let random: any RandomSource

    /// - Parameters:
    ///   - issuer: the issuer URL, exactly as discovery publishes it.
    ///   - policy: lifetimes and the students limit (`tokens.json`).
    ///   - keys: the keyring snapshot of this request.
    ///   - random: the source of `jti` values.
    public init(issuer: String, policy: TokenPolicy, keys: KeyringSnapshot, random: any RandomSource) {
        self.issuer = issuer
        self.policy = policy
        self.keys = keys
        self.random = random
    }

    /// An access token for a person (RFC 9068 §2.2), valid `access_token_seconds`.
    ///
    /// - Parameters:
    ///   - actor: the person, loaded at `now`.
    ///   - clientID: the client the token is issued to (`client_id`).
    ///   - audience: the client's audience (`aud`, a single string).
    ///   - scopes: granted scopes, written space-separated in order, duplicates dropped.
    ///   - algorithm: the client's access-token algorithm.
    ///   - session: the login session (`sid`, `auth_time`, `amr`, `acr`), or `nil`.
    ///   - now: the issue time.
    ///   - tx: where the access decision reads links and grants.
    ///   - family: the refresh family / authorization grant the token is issued under
    ///     (`fam`, SchoolID's claim): introspection reads the token inactive once the
    ///     family is revoked (a code or refresh replay, `/oauth/revoke`).
    /// - Throws: ``TokenIssuanceError`` without an active key, a store or signing error.
    /// - Returns: the token, its `jti` and expiry.
    public func accessToken(for actor: Actor, clientID: String, audience: String, scopes: [String],
                            algorithm: JWSAlgorithm, session: Session?, at now: UnixTime,
                            in tx: any ReadTransaction, family: String? = nil) throws -> IssuedToken
    {
        try signAccessToken(accessTokenClaims(for: actor, clientID: clientID, audience: audience, scopes: scopes,
                                              session: session, at: now, in: tx, family: family),
                            algorithm: algorithm)
    }

    /// The claims of ``accessToken(for:clientID:audience:scopes:algorithm:session:at:in:family:)``,
    /// unsigned: a grant can read them inside its unit of work and sign after the commit,
    /// off the writer's thread.
    /// - Throws: a store error.
    func accessTokenClaims(for actor: Actor, clientID: String, audience: String, scopes: [String],
                           session: Session?, at now: UnixTime, in tx: any ReadTransaction,
                           family: String?) throws -> JWTClaims
    {
        var claims = baseClaims(subject: actor.account.id.rawValue, audience: audience, clientID: clientID,
                                scopes: scopes, at: now)
        if let session { addSession(session, to: &claims) }
        if let family { claims.extra["fam"] = .string(family) }
        let (students, staff) = try personClaims(of: actor, at: now, in: tx)
        if !students.isEmpty { claims.extra["students"] = .array(students.map(\.json)) }
        if !staff.isEmpty { claims.extra["staff"] = .array(staff.map(\.json)) }
        return claims
    }

    /// Signs access-token claims (`typ` `at+jwt`) with the active key of `algorithm`.
    /// - Throws: ``TokenIssuanceError`` without an active key, or a signing error.
    func signAccessToken(_ claims: JWTClaims, algorithm: JWSAlgorithm) throws -> IssuedToken {
        try sign(claims, type: Self.accessTokenType, algorithm: algorithm)
    }

    /// The `students` (at most the policy maximum) and `staff` claims of a person at
    /// `now`, as access tokens and the userinfo endpoint carry them.
    /// - Throws: a store error.
    func personClaims(of actor: Actor, at now: UnixTime, in tx: any ReadTransaction) throws
        -> (students: [StudentClaim], staff: [StaffClaim])
    {
        let view = try AccessDecision.view(for: actor, at: now, in: tx)
        return (Array(view.students.prefix(policy.maxStudentsPerToken).map(StudentClaim.init)),
                try staffClaims(of: actor, in: tx))
    }

    /// An access token for a client acting for itself (RFC 6749 §4.4): `sub` is the
    /// client id, and no person's claims (`sid`, `auth_time`, `amr`, `acr`, `students`,
    /// `staff`) appear.
    /// - Throws: ``TokenIssuanceError`` without an active key, or a signing error.
    public func clientCredentialsToken(clientID: String, audience: String, scopes: [String],
                                       algorithm: JWSAlgorithm, at now: UnixTime) throws -> IssuedToken
    {
        try sign(baseClaims(subject: clientID, audience: audience, clientID: clientID, scopes: scopes, at: now),
                 type: Self.accessTokenType, algorithm: algorithm)
    }

    /// An ID token (OIDC Core §2, §3.1.3.6), valid `id_token_seconds`.
    ///
    /// - Parameters:
    ///   - actor: the person.
    ///   - clientID: the client (`aud`).
    ///   - nonce: the authorization request's `nonce`, echoed when given.
    ///   - accessToken: the access token issued with it, for `at_hash`.
    ///   - algorithm: the client's ID-token algorithm (RS256 is always available).
    ///   - session: the login session (`sid`, `auth_time`, `amr`, `acr`).
    ///   - now: the issue time.
    /// - Throws: ``TokenIssuanceError`` without an active key, or a signing error.
    public func idToken(for actor: Actor, clientID: String, nonce: String?, accessToken: String?,
                        algorithm: JWSAlgorithm, session: Session, at now: UnixTime) throws -> IssuedToken
    {
        var claims = JWTClaims(issuer: issuer, subject: actor.account.id.rawValue, audience: [clientID],
                               expiresAt: now.adding(seconds: policy.idTokenSeconds), issuedAt: now,
                               jwtID: random.token(bytes: 16))
        addSession(session, to: &claims)
        if let nonce { try claims.setClaim("nonce", nonce) }
        if let accessToken { try claims.setClaim("at_hash", Self.accessTokenHash(accessToken, algorithm: algorithm)) }
        return try sign(claims, type: Self.idTokenType, algorithm: algorithm)
    }

    /// `at_hash` (OIDC Core §3.1.3.6): base64url of the left half of the hash of the
    /// access token's ASCII, with the hash of the ID token's `alg` — SHA-256 for ES256
    /// and RS256, SHA-512 for EdDSA (Ed25519 signs with SHA-512, RFC 8032 §5.1).
    public static func accessTokenHash(_ accessToken: String, algorithm: JWSAlgorithm) -> String {
        let bytes = Array(accessToken.utf8)
        let digest = algorithm == .EdDSA ? SHA512.hash(bytes) : SHA256.hash(bytes)
        return Base64URL.encode(Array(digest.prefix(digest.count / 2)))
    }

    func baseClaims(subject: String, audience: String, clientID: String, scopes: [String],
                            at now: UnixTime) -> JWTClaims
    {
        var seen = Set<String>()
        let scope = scopes.filter { seen.insert($0).inserted }.joined(separator: " ")
        return JWTClaims(issuer: issuer, subject: subject, audience: [audience],
                         expiresAt: now.adding(seconds: policy.accessTokenSeconds), issuedAt: now,
                         jwtID: random.token(bytes: 16),
                         extra: ["client_id": .string(clientID), "scope": .string(scope)])
    }

    func addSession(_ session: Session, to claims: inout JWTClaims) {
        claims.extra["sid"] = .string(session.handle)
        claims.extra["auth_time"] = .integer(session.authenticatedAt.seconds)
        claims.extra["amr"] = .array(session.amr.map { .string($0) })
        claims.extra["acr"] = .string(session.acr)
    }

    /// One entry per active membership: teachers with their taught classes in that
    /// school (at most ``maxClassesPerToken`` over all entries), admins with none.
    private func staffClaims(of actor: Actor, in tx: any ReadTransaction) throws -> [StaffClaim] {
        var taught: [School.ID: [String]] = [:]
        var budget = Self.maxClassesPerToken
        for classID in actor.taughtClasses.sorted() where budget > 0 {
            guard let schoolClass = try tx.classes.schoolClass(classID) else { continue }
            taught[schoolClass.schoolID, default: []].append(classID.rawValue)
            budget -= 1
        }
        let entries = actor.memberships.map { membership in
            StaffClaim(school: membership.schoolID?.rawValue, role: membership.role.rawValue,
                       classes: membership.role == .teacher ? membership.schoolID.flatMap { taught[$0] } ?? [] : [])
        }
        return Set(entries).sorted { ($0.school ?? "", $0.role) < ($1.school ?? "", $1.role) }
    }

    func sign(_ claims: JWTClaims, type: String, algorithm: JWSAlgorithm) throws -> IssuedToken {
        guard let key = keys.activeSigningKey(.token, algorithm: algorithm) else {
            throw TokenIssuanceError.noActiveKey(algorithm.rawValue)
        }
        let compact = try JWT.sign(claims, type: type, key: key)
        return IssuedToken(compact: compact, jwtID: claims.jwtID ?? "", issuedAt: claims.issuedAt ?? UnixTime(seconds: 0),
                           expiresAt: claims.expiresAt ?? UnixTime(seconds: 0))
    }
}
