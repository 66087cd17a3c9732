import SchoolIDBase
import SchoolIDHTTP
import SchoolIDVerifier

extension DiaryDemoRoutes {
    /// `POST /refresh`: the refresh grant (RFC 6749 §6); the new tokens replace the old
    /// ones. `invalid_grant` (revoked, replayed family, expired) signs the browser out.
    func refresh(_ request: Request) async throws -> Response {
        guard let (key, session) = signedIn(request) else { return redirect("/") }
        guard hasCSRFToken(request, of: session) else { return noAccess("The form is stale; reload the page.") }
        do {
            _ = try await refreshed(session, key: key)
            return redirect("/")
        } catch let refusal as TokenEndpointRefusal where refusal.error == "invalid_grant" {
            store.remove(key: key)
            return redirect("/", cookies: [try expiredCookie(Self.sessionCookie)])
        } catch let refusal as TokenEndpointRefusal {
            return HTML.page("Refresh refused", body: "<p class=\"refused\">\(HTML.escape(refusal.error))</p>",
                             status: .badRequest)
        }
    }

    /// `POST /logout`: forgets the local session, then `303` to SchoolID's
    /// `end_session_endpoint` with `id_token_hint`, `client_id`, `post_logout_redirect_uri`
    /// and `state` (RP-Initiated Logout 1.0 §2); home when SchoolID has none.
    func logout(_ request: Request) async throws -> Response {
        guard let (key, session) = signedIn(request) else { return redirect("/") }
        guard hasCSRFToken(request, of: session) else { return noAccess("The form is stale; reload the page.") }
        store.remove(key: key)
        let clear = try expiredCookie(Self.sessionCookie)
        guard let endpoint = try await client.metadata().endSessionEndpoint else { return redirect("/", cookies: [clear]) }
        let query = SchoolIDClient.formEncoded([
            ("id_token_hint", session.idToken), ("client_id", configuration.clientID),
            ("post_logout_redirect_uri", configuration.postLogoutRedirectURI), ("state", randomToken()),
        ])
        return redirect(endpoint + (endpoint.contains("?") ? "&" : "?") + query, cookies: [clear])
    }

    /// Redeems the session's refresh token, verifies the new access token and stores the
    /// result under `key`.
    /// - Throws: ``TokenEndpointRefusal`` (`invalid_grant` when there is no refresh token),
    ///   `VerificationError`, ``ProviderUnavailable``.
    func refreshed(_ session: DemoSession, key: String) async throws -> DemoSession {
        guard let refreshToken = session.refreshToken else {
            throw TokenEndpointRefusal(error: "invalid_grant", errorDescription: "no refresh token")
        }
        let tokens = try await client.token([("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
        var next = session
        next.verified = try await verifier.verifyAccessToken(tokens.accessToken)
        next.accessToken = tokens.accessToken
        next.refreshToken = tokens.refreshToken ?? refreshToken
        if let idToken = tokens.idToken { next.idToken = idToken }
        store.save(next, key: key, now: configuration.clock.now())
        return next
    }
}
