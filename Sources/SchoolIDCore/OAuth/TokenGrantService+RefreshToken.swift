import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE

extension TokenGrantService {
    /// What a successful rotation produced: the new refresh token and the unsigned
    /// access-token claims, read in the same unit of work.
    struct RotatedRefresh: Sendable {
        let token: String
        let scopes: [String]
        let claims: JWTClaims
    }

    /// `refresh_token` (RFC 6749 §6; RFC 9700 §4.14.2): the presented token is rotated
    /// once; presenting a rotated token again is reuse and revokes its whole family,
    /// with no grace period. The access token is built from the account's access
    /// decision now, so an ended link or grant is gone from it at once. `scope` may
    /// narrow the access token; the successor keeps the family's scope.
    func refresh(_ request: TokenRequestParameters, client: OAuthClient, context: RequestContext) async throws
        -> TokenResponse
    {
        let presented = try request.required("refresh_token")
        let requested = request["scope"].map(Self.scopes)
        let now = environment.clock.now()
        let policy = environment.policies.tokens
        let hash = SHA256.hash(Array(presented.utf8))
        let next = newOpaqueToken()
        let outcome: Result<RotatedRefresh, OAuthError> = try await environment.storage.write { tx in
            guard let stored = try tx.refreshTokens.token(hash: hash), stored.clientID == client.id.rawValue else {
                return .failure(OAuthError(.invalidGrant, "unknown refresh token"))
            }
            let granted = Self.scopes(stored.scope)
            if let requested, !Set(requested).isSubset(of: granted) {
                return .failure(OAuthError(.invalidScope, "scope exceeds what was granted"))
            }
            guard let rotation = try tx.refreshTokens.rotate(hash: hash, to: next.hash,
                                                             idleExpiresAt: now.adding(seconds: policy.refreshTokenIdleSeconds),
                                                             at: now),
                  let successor = rotation.successor
            else {
                guard stored.rotatedAt != nil else {
                    return .failure(OAuthError(.invalidGrant, "refresh token expired or revoked"))
                }
                let revoked = try tx.refreshTokens.revokeFamily(stored.familyID, at: now)
                try tx.audit.append(event(.oauthRefreshReplayed, grant: .refreshToken, client: client,
                                          account: stored.accountID, at: now, context: context,
                                          detail: "family revoked, \(revoked) refresh tokens"))
                return .failure(OAuthError(.invalidGrant, "refresh token already used; its family is revoked"))
            }
            guard try tx.accounts.account(stored.accountID)?.status == .active else {
                throw OAuthError(.invalidGrant, "the account is not active")
            }
            try tx.audit.append(event(.oauthTokenIssued, grant: .refreshToken, client: client,
                                      account: stored.accountID, at: now, context: context))
            // Read here, in the unit that rotated, instead of in a read transaction after
            // it: one trip to the database per grant. Signing waits for the commit.
            let read = tx.reading
            let session = try successor.sessionTokenHash
                .flatMap { try read.sessions.session(tokenHash: $0) }
                .flatMap { $0.isUsable(at: now) && $0.purpose == .session ? $0 : nil }
            let actor = try Actor.load(successor.accountID, session: session, at: now, in: read)
            let scopes = requested ?? granted
            let claims = try issuer.accessTokenClaims(for: actor, clientID: client.id.rawValue,
                                                      audience: client.audience, scopes: scopes, session: session,
                                                      at: now, in: read, family: successor.familyID)
            return .success(RotatedRefresh(token: next.token, scopes: scopes, claims: claims))
        }
        let rotated = try outcome.get()
        let access = try issuer.signAccessToken(rotated.claims, algorithm: client.accessTokenAlgorithm)
        return TokenResponse(accessToken: access.compact, expiresIn: access.expiresAt.seconds - now.seconds,
                             scope: rotated.scopes.joined(separator: " "), refreshToken: rotated.token)
    }
}
