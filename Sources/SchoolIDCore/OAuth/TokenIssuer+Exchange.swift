import SchoolIDBase
import SchoolIDJOSE

extension TokenIssuer {
    /// The subject token's claims a delegated token carries over unchanged: they describe
    /// the acting person's login (`sid`, `auth_time`, `amr`, `acr`) and the authorization
    /// grant it came from (`fam`), so introspection and revocation of the person's
    /// session or family reach the delegated token too.
    static let delegatedCopiedClaims = ["sid", "fam", "auth_time", "amr", "acr"]

    /// A delegated access token (RFC 8693 §2.2, §4.1; RFC 9068): a person acting for one
    /// student through a guardian link or trusted-person grant.
    ///
    /// `sub` is the student, `act` names the person (`{sub, relation, grant}`), and
    /// `students` holds that one student with the services narrowed to `scopes`. No
    /// `staff` claim: the token speaks for the student, not for the person's roles. It
    /// lives `access_token_seconds`, but never past the subject token's `exp` (the
    /// delegation cannot outlast the proof it was exchanged for).
    ///
    /// - Parameters:
    ///   - grant: the person's current access-decision grant for the student
    ///     (``AccessGrant/Via/guardian`` or ``AccessGrant/Via/trusted``).
    ///   - subjectToken: the verified access token presented as `subject_token`; its
    ///     `sub` is the actor, and `sid`, `fam`, `auth_time`, `amr`, `acr` are copied.
    ///   - clientID: the requesting client (`client_id`).
    ///   - audience: the requesting client's audience (`aud`).
    ///   - scopes: the granted services' wire names (a subset of the grant's services).
    ///   - algorithm: the client's access-token algorithm.
    ///   - now: the issue time.
    /// - Throws: ``TokenIssuanceError`` without an active key, or a signing error.
    /// - Returns: the token, its `jti` and expiry.
    public func delegatedAccessToken(for grant: AccessGrant, subjectToken: IssuedAccessToken, clientID: String,
                                     audience: String, scopes: [String], algorithm: JWSAlgorithm,
                                     at now: UnixTime) throws -> IssuedToken
    {
        precondition(grant.via != .self, "a person acts for a student through a guardian link or a trusted grant")
        var claims = baseClaims(subject: grant.studentID.rawValue, audience: audience, clientID: clientID,
                                scopes: scopes, at: now)
        claims.expiresAt = min(now.adding(seconds: policy.accessTokenSeconds), subjectToken.expiresAt)
        for name in Self.delegatedCopiedClaims {
            if let value = subjectToken.claims.extra[name] { claims.extra[name] = value }
        }
        let services = grant.services.map(\.rawValue).filter(scopes.contains).sorted()
        claims.extra["students"] = .array([StudentClaim(id: grant.studentID.rawValue, relation: grant.via.rawValue,
                                                        services: services, grant: grant.grantID).json])
        claims.extra["act"] = ActorClaim(sub: subjectToken.subject, relation: grant.via.rawValue, grant: grant.grantID).json
        return try sign(claims, type: Self.accessTokenType, algorithm: algorithm)
    }
}
