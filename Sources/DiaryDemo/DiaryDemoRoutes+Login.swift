import SchoolIDBase
import SchoolIDHTTP
import SchoolIDJOSE
import SchoolIDVerifier

extension DiaryDemoRoutes {
    /// `GET /login`: a new `state`, `nonce` and PKCE S256 verifier kept server-side under a
    /// short-lived cookie, then `303` to the authorization endpoint (RFC 6749 §4.1.1,
    /// RFC 7636 §4.3, OIDC Core §3.1.2.1).
    func login(_ request: Request) async throws -> Response {
        let metadata = try await client.metadata()
        let now = configuration.clock.now()
        let login = PendingLogin(state: randomToken(), nonce: randomToken(), codeVerifier: randomToken(),
                                 expiresAt: now.adding(seconds: configuration.loginLifetime))
        let key = randomToken()
        store.start(login, key: key, now: now)
        let query = SchoolIDClient.formEncoded([
            ("response_type", "code"), ("client_id", configuration.clientID),
            ("redirect_uri", configuration.redirectURI), ("scope", configuration.scopes.joined(separator: " ")),
            ("state", login.state), ("nonce", login.nonce),
            ("code_challenge", try PKCE.codeChallenge(for: login.codeVerifier)), ("code_challenge_method", "S256"),
        ])
        let separator = metadata.authorizationEndpoint.contains("?") ? "&" : "?"
        return redirect(metadata.authorizationEndpoint + separator + query,
                        cookies: [try cookie(Self.loginCookie, key, maxAge: configuration.loginLifetime)])
    }

    /// `GET /callback`: the login this browser started (once), its `state`, the RFC 9207
    /// `iss`, then the code redeemed and both tokens verified (the ID token's `nonce`
    /// included) before a session exists.
    func callback(_ request: Request) async throws -> Response {
        let now = configuration.clock.now()
        guard let key = request.cookies[Self.loginCookie], let login = store.finishLogin(key: key, now: now) else {
            return refused("No sign-in is in progress in this browser (or it took too long).")
        }
        let clear = try expiredCookie(Self.loginCookie)
        guard let query = try? request.queryItems(), query.values(for: "state") == [login.state] else {
            return refused("The answer does not belong to the sign-in this browser started (state).", clear)
        }
        let metadata = try await client.metadata()
        let issuers = query.values(for: "iss")
        if issuers.isEmpty ? metadata.authorizationResponseIssParameterSupported == true : issuers != [metadata.issuer] {
            return refused("The answer does not come from the expected SchoolID (iss).", clear)
        }
        if let error = query["error"] {
            return refused("SchoolID did not sign you in: \(error).", clear)
        }
        guard let code = query["code"], query.values(for: "code").count == 1 else {
            return refused("The answer carries no code.", clear)
        }
        let tokens: TokenEndpointResponse
        do {
            tokens = try await client.token([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", configuration.redirectURI),
                ("code_verifier", login.codeVerifier),
            ])
        } catch let refusal as TokenEndpointRefusal {
            return refused("SchoolID refused the code: \(refusal.error).", clear)
        }
        guard let idToken = tokens.idToken else { return refused("SchoolID returned no ID token.", clear) }
        let access: VerifiedAccessToken
        do {
            let identity = try await verifier.verifyIDToken(idToken, nonce: login.nonce)
            access = try await verifier.verifyAccessToken(tokens.accessToken)
            // One sign-in: the same person, session and client in both tokens.
            guard identity.subject == access.subject, identity.sessionID == access.sessionID,
                  access.clientID == configuration.clientID
            else { throw VerificationError.malformed }
        } catch {
            return refused("SchoolID's tokens did not verify: \(error).", clear)
        }
        let session = DemoSession(accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, idToken: idToken,
                                  verified: access, csrfToken: randomToken(),
                                  expiresAt: now.adding(seconds: configuration.sessionLifetime))
        let sessionKey = randomToken()
        store.save(session, key: sessionKey, now: now)
        return redirect("/", cookies: [clear, try cookie(Self.sessionCookie, sessionKey,
                                                         maxAge: configuration.sessionLifetime)])
    }

    /// A `400` page explaining why sign-in stopped, with a link to start again.
    func refused(_ reason: String, _ cookies: SetCookie...) -> Response {
        var response = HTML.page("Sign-in refused", body: "<p class=\"refused\">\(HTML.escape(reason))</p>\n"
            + "<p><a href=\"/login\">Sign in again</a></p>", status: .badRequest)
        for cookie in cookies { response.headers.add("Set-Cookie", cookie.headerValue) }
        return response
    }
}
