public import SchoolIDBase
public import SchoolIDVerifier
import Synchronization

/// A login the browser started: what `/callback` must find again (RFC 6749 §10.12 `state`,
/// OIDC Core §3.1.2.1 `nonce`, RFC 7636 §4.1 `code_verifier`).
struct PendingLogin: Sendable {
    let state: String
    let nonce: String
    let codeVerifier: String
    let expiresAt: UnixTime
}

/// A signed-in browser: SchoolID's tokens, kept server-side and never sent to the browser.
public struct DemoSession: Sendable {
    /// The access token (a JWT, RFC 9068).
    public var accessToken: String
    /// The refresh token (opaque), when `offline_access` was granted.
    public var refreshToken: String?
    /// The ID token, sent back as `id_token_hint` at logout.
    public var idToken: String
    /// The access token's verified claims.
    public var verified: VerifiedAccessToken
    /// The token that guards this session's POST forms.
    public let csrfToken: String
    /// When the demo forgets the session.
    public let expiresAt: UnixTime
}

/// The demo's server-side state, keyed by random cookie values: started logins and
/// signed-in sessions. Expired entries are dropped whenever one is added.
final class DemoSessionStore: Sendable {
    private struct State {
        var logins: [String: PendingLogin] = [:]
        var sessions: [String: DemoSession] = [:]
    }

    private let state = Mutex(State())

    /// Keeps `login` under the cookie value `key`.
    func start(_ login: PendingLogin, key: String, now: UnixTime) {
        state.withLock { state in
            state.logins = state.logins.filter { $0.value.expiresAt > now }
            state.logins[key] = login
        }
    }

    /// Removes and returns the unexpired login under `key`: a login completes once.
    func finishLogin(key: String, now: UnixTime) -> PendingLogin? {
        state.withLock { state in
            guard let login = state.logins.removeValue(forKey: key), login.expiresAt > now else { return nil }
            return login
        }
    }

    /// Keeps `session` under the cookie value `key` (replacing what was there).
    func save(_ session: DemoSession, key: String, now: UnixTime) {
        state.withLock { state in
            state.sessions = state.sessions.filter { $0.value.expiresAt > now }
            state.sessions[key] = session
        }
    }

    /// The unexpired session under `key`.
    func session(key: String, now: UnixTime) -> DemoSession? {
        state.withLock { state in state.sessions[key].flatMap { $0.expiresAt > now ? $0 : nil } }
    }

    /// Forgets the session under `key`.
    func remove(key: String) {
        _ = state.withLock { $0.sessions.removeValue(forKey: key) }
    }
}
