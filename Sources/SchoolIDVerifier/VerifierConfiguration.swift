public import Foundation
public import SchoolIDBase
public import SchoolIDJOSE

/// What a ``Verifier`` trusts and how it reaches the issuer's keys.
///
/// The issuer and the audience are required (STYLE §9.3): there is no way to build a
/// verifier that forgets to check them.
public struct VerifierConfiguration: Sendable {
    /// The only accepted `iss`, compared exactly (RFC 7519 §4.1.1), e.g. `https://id.school.example`.
    public var issuer: String
    /// The audience this service answers to; every access token must list it in `aud`.
    public var audience: String
    /// The client ID ID tokens are addressed to (OIDC Core §3.1.3.7 item 3); `nil` means
    /// ``audience`` (SchoolID's default client audience is the client ID).
    public var clientID: String?
    /// The JWKS URL; `nil` reads `jwks_uri` from `{issuer}/.well-known/openid-configuration`.
    public var jwksURI: URL?
    /// Tolerated clock skew for `exp`, `nbf` and `iat`, in seconds (default 60).
    public var leeway: Int64
    /// The accepted `alg` values (RFC 8725 §3.1); default ES256, EdDSA and RS256.
    public var algorithms: Set<JWSAlgorithm>
    /// The clock tokens and cache lifetimes are compared with.
    public var clock: any WallClock
    /// Fetches the discovery document and the JWKS.
    public var fetcher: any JWKSFetcher
    /// How long a JWKS without `Cache-Control: max-age` stays fresh, in seconds (default 300).
    public var defaultCacheLifetime: Int64
    /// The longest a JWKS is cached whatever its `max-age` says, in seconds (default 86400).
    public var maximumCacheLifetime: Int64
    /// The shortest interval between two refetches caused by an unknown `kid`, in seconds
    /// (default 30): a stream of forged `kid`s cannot turn the verifier against the issuer.
    public var unknownKeyRefetchInterval: Int64

    /// Creates a configuration with production defaults.
    /// - Parameters:
    ///   - issuer: the exact `iss` to accept.
    ///   - audience: the `aud` value to require.
    ///   - jwksURI: the JWKS URL; `nil` uses discovery.
    ///   - leeway: clock skew tolerance in seconds (at least 0).
    ///   - algorithms: the `alg` allow-list.
    ///   - clock: the wall clock (default ``SystemWallClock``).
    ///   - fetcher: the document fetcher (default ``URLSessionJWKSFetcher``).
    public init(
        issuer: String, audience: String, jwksURI: URL? = nil, leeway: Int64 = 60,
        algorithms: Set<JWSAlgorithm> = [.ES256, .EdDSA, .RS256],
        clock: any WallClock = SystemWallClock(), fetcher: any JWKSFetcher = URLSessionJWKSFetcher()
    ) {
        precondition(leeway >= 0, "leeway is a tolerance, never negative")
        self.issuer = issuer
        self.audience = audience
        self.jwksURI = jwksURI
        self.leeway = leeway
        self.algorithms = algorithms
        self.clock = clock
        self.fetcher = fetcher
        clientID = nil
        defaultCacheLifetime = 300
        maximumCacheLifetime = 86_400
        unknownKeyRefetchInterval = 30
    }

    /// OIDC Discovery §4: `{issuer}/.well-known/openid-configuration`, a terminating `/`
    /// of the issuer removed first.
    var discoveryURL: URL? {
        var base = issuer
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + "/.well-known/openid-configuration")
    }
}
