import SchoolIDBase

extension TokenGrantService {
    /// `client_credentials` (RFC 6749 §4.4): a confidential client acting for itself;
    /// `sub` is the client id, no refresh token (§4.4.3) and no ID token. The scope is
    /// the requested subset of the client's service scopes (all of them when absent);
    /// `openid` and `offline_access` name a person and are refused.
    func clientCredentials(_ request: TokenRequestParameters, client: OAuthClient, context: RequestContext)
        async throws -> TokenResponse
    {
        guard client.type == .confidential else {
            throw OAuthError(.unauthorizedClient, "a public client may not use client_credentials")
        }
        let allowed = client.scopes.filter { $0 != .openid && $0 != .offlineAccess }.map(\.rawValue)
        let scopes = request["scope"].map(Self.scopes) ?? allowed
        guard Set(scopes).isSubset(of: allowed) else {
            throw OAuthError(.invalidScope, "scope exceeds what the client may request for itself")
        }
        let now = environment.clock.now()
        let token = try issuer.clientCredentialsToken(clientID: client.id.rawValue, audience: client.audience,
                                                      scopes: scopes, algorithm: client.accessTokenAlgorithm, at: now)
        let event = event(.oauthTokenIssued, grant: .clientCredentials, client: client, account: nil, at: now,
                          context: context)
        _ = try await environment.storage.write { tx in try tx.audit.append(event) }
        return TokenResponse(accessToken: token.compact, expiresIn: token.expiresAt.seconds - now.seconds,
                             scope: scopes.joined(separator: " "))
    }
}
