import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE

extension TokenGrantService {
    /// What a successful redemption took from the store: the code, the login session,
    /// the person and the unsigned access-token claims, read in the unit that consumed it.
    struct RedeemedCode: Sendable {
        let code: AuthorizationCode
        let session: Session
        let actor: Actor
        let scopes: [String]
        let claims: JWTClaims
        let refreshToken: String?
    }

    /// `authorization_code` (RFC 6749 §4.1.3, RFC 7636 §4.6, OIDC Core §3.1.3).
    ///
    /// The code is consumed first, atomically; only then are client, redirect URI and
    /// PKCE verifier compared, so a code presented wrongly is spent too. A code consumed
    /// before is a replay: the refresh family of the first redemption is revoked and
    /// that revocation commits (RFC 6749 §4.1.2). The refresh token is stored in the
    /// same transaction as the consumption, so a replay always finds it.
    func redeemCode(_ request: TokenRequestParameters, client: OAuthClient, context: RequestContext) async throws
        -> TokenResponse
    {
        let code = try request.required("code")
        let redirectURI = try request.required("redirect_uri")
        let verifier = try request.required("code_verifier")
        let now = environment.clock.now()
        let policy = environment.policies.tokens
        let hash = SHA256.hash(Array(code.utf8))
        let refresh = client.allows(.refreshToken) ? newOpaqueToken() : nil
        let outcome: Result<RedeemedCode, OAuthError> = try await environment.storage.write { tx in
            guard let redemption = try tx.authorizationCodes.consume(hash: hash, at: now) else {
                return .failure(OAuthError(.invalidGrant, "unknown authorization code"))
            }
            let stored = redemption.code
            guard redemption.consumedNow else {
                guard stored.consumedAt != nil else { return .failure(OAuthError(.invalidGrant, "authorization code expired")) }
                let revoked = try tx.refreshTokens.revokeFamily(stored.familyID, at: now)
                try tx.audit.append(event(.oauthCodeReplayed, grant: .authorizationCode, client: client,
                                          account: stored.accountID, at: now, context: context,
                                          detail: "family revoked, \(revoked) refresh tokens"))
                return .failure(OAuthError(.invalidGrant, "authorization code already used"))
            }
            if let failure = Self.bindingFailure(stored, client: client, redirectURI: redirectURI, verifier: verifier) {
                return .failure(failure)
            }
            guard let session = try tx.sessions.session(tokenHash: stored.sessionTokenHash), session.purpose == .session,
                  session.accountID == stored.accountID, session.isUsable(at: now)
            else { return .failure(OAuthError(.invalidGrant, "the login session has ended")) }
            guard try tx.accounts.account(stored.accountID)?.status == .active else {
                return .failure(OAuthError(.invalidGrant, "the account is not active"))
            }
            let scopes = Self.scopes(stored.scope)
            var refreshToken: String?
            if let refresh, scopes.contains(OAuthClient.Scope.offlineAccess.rawValue) {
                try tx.refreshTokens.insert(RefreshToken(
                    tokenHash: refresh.hash, familyID: stored.familyID, clientID: client.id.rawValue,
                    accountID: stored.accountID, sessionTokenHash: stored.sessionTokenHash, scope: stored.scope,
                    createdAt: now, idleExpiresAt: now.adding(seconds: policy.refreshTokenIdleSeconds),
                    absoluteExpiresAt: now.adding(seconds: policy.refreshTokenAbsoluteSeconds)))
                refreshToken = refresh.token
            }
            try tx.audit.append(event(.oauthTokenIssued, grant: .authorizationCode, client: client,
                                      account: stored.accountID, at: now, context: context,
                                      detail: refreshToken == nil ? "" : "with refresh token"))
            // As for a refresh: read in this unit, sign after the commit.
            let actor = try Actor.load(stored.accountID, session: session, at: now, in: tx.reading)
            let claims = try issuer.accessTokenClaims(for: actor, clientID: client.id.rawValue,
                                                      audience: client.audience, scopes: scopes, session: session,
                                                      at: now, in: tx.reading, family: stored.familyID)
            return .success(RedeemedCode(code: stored, session: session, actor: actor, scopes: scopes, claims: claims,
                                         refreshToken: refreshToken))
        }
        return try tokens(for: try outcome.get(), client: client, at: now)
    }

    /// RFC 6749 §4.1.3 and RFC 7636 §4.6: the code must have been issued to this client
    /// for this exact redirect URI, and the verifier must hash to its challenge.
    private static func bindingFailure(_ code: AuthorizationCode, client: OAuthClient, redirectURI: String,
                                       verifier: String) -> OAuthError?
    {
        guard code.clientID == client.id.rawValue else {
            return OAuthError(.invalidGrant, "authorization code was issued to another client")
        }
        guard code.redirectURI == redirectURI else {
            return OAuthError(.invalidGrant, "redirect_uri does not match the authorization request")
        }
        guard PKCE.verify(verifier: verifier, challenge: code.codeChallenge) else {
            return OAuthError(.invalidGrant, "code_verifier does not match the code_challenge")
        }
        return nil
    }

    /// The access token (and ID token with `openid`) of a redeemed code, signed after the
    /// commit, off the writer and every reader.
    private func tokens(for redeemed: RedeemedCode, client: OAuthClient, at now: UnixTime) throws -> TokenResponse {
        let access = try issuer.signAccessToken(redeemed.claims, algorithm: client.accessTokenAlgorithm)
        var idToken: String?
        if redeemed.scopes.contains(OAuthClient.Scope.openid.rawValue) {
            idToken = try issuer.idToken(for: redeemed.actor, clientID: client.id.rawValue, nonce: redeemed.code.nonce,
                                         accessToken: access.compact, algorithm: client.idTokenAlgorithm,
                                         session: redeemed.session, at: now).compact
        }
        return TokenResponse(accessToken: access.compact, expiresIn: access.expiresAt.seconds - now.seconds,
                             scope: redeemed.scopes.joined(separator: " "), idToken: idToken,
                             refreshToken: redeemed.refreshToken)
    }
}
