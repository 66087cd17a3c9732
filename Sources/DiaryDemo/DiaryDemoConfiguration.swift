import Foundation
public import SchoolIDBase
public import SchoolIDVerifier

/// Who the diary demo is at SchoolID and where it listens.
///
/// The client must be registered at SchoolID with the redirect URI ``redirectURI``
/// (`{redirect-base}/callback`, exact match, RFC 6749 §3.1.2) and the post-logout
/// redirect URI ``postLogoutRedirectURI`` (`{redirect-base}/`, RP-Initiated Logout 1.0 §3).
public struct DiaryDemoConfiguration: Sendable {
    /// The address to listen on (default `127.0.0.1`).
    public var host: String
    /// The port to listen on (default 8081; 0 picks a free one).
    public var port: Int
    /// SchoolID's issuer URL, compared exactly with discovery's `issuer`, the tokens' `iss`
    /// and the authorization response's `iss` (RFC 9207 §2.4).
    public var issuer: String
    /// The client ID registered with `schoolid client add`.
    public var clientID: String
    /// The client secret, sent with `client_secret_basic` (RFC 6749 §2.3.1).
    public var clientSecret: Secret<String>
    /// The public origin of the demo, e.g. `http://127.0.0.1:8081` (no trailing `/`).
    public var redirectBase: String
    /// The `aud` the access tokens must carry; SchoolID's default audience is the client ID.
    public var audience: String
    /// The scopes asked for at login.
    public var scopes: [String]
    /// How long a started login may take before its callback is refused, in seconds.
    public var loginLifetime: Int64
    /// How long a signed-in demo session lasts, in seconds.
    public var sessionLifetime: Int64
    /// The clock tokens and sessions are checked against.
    public var clock: any WallClock
    /// Where `state`, `nonce`, PKCE verifiers, cookies and CSRF tokens come from.
    public var random: any RandomSource
    /// Fetches discovery and JWKS (default: the verifier's `URLSession` fetcher).
    public var fetcher: any JWKSFetcher
    /// Where the newest ledger checkpoint the demo accepted is kept (`FileCheckpointStore`);
    /// `nil` keeps it in memory, so a restart trusts the next checkpoint it sees afresh.
    public var checkpointStorePath: String?

    /// A configuration with production defaults.
    public init(issuer: String, clientID: String, clientSecret: Secret<String>, redirectBase: String,
                host: String = "127.0.0.1", port: Int = 8081)
    {
        self.host = host
        self.port = port
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        var base = redirectBase
        while base.hasSuffix("/") { base.removeLast() }
        self.redirectBase = base
        audience = clientID
        scopes = ["openid", "offline_access", "diary", "attendance", "nutrition"]
        loginLifetime = 600
        sessionLifetime = 8 * 3600
        clock = SystemWallClock()
        random = SystemRandomSource()
        fetcher = URLSessionJWKSFetcher()
        checkpointStorePath = nil
    }

    /// `{redirect-base}/callback`.
    public var redirectURI: String { redirectBase + "/callback" }
    /// `{redirect-base}/`.
    public var postLogoutRedirectURI: String { redirectBase + "/" }
    /// Cookies are `Secure` when the public origin is `https`.
    var secureCookies: Bool { redirectBase.lowercased().hasPrefix("https://") }
}
