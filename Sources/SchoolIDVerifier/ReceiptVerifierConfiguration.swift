public import Foundation
public import SchoolIDBase
public import SchoolIDJOSE

/// What a ``ReceiptVerifier`` trusts and where it reads the ack keys.
///
/// The issuer and the audience are required (STYLE §9.3): a receipt is accepted only from
/// the configured issuer and only when addressed to this client.
public struct ReceiptVerifierConfiguration: Sendable {
    /// The only accepted `iss`, compared exactly (RFC 7519 §4.1.1).
    public var issuer: String
    /// The client id receipts must be addressed to (`aud`).
    public var audience: String
    /// The ack keys document; `nil` means `{issuer}/v1/ledger/keys`. Never the token JWKS.
    public var keysURI: URL?
    /// Tolerated clock skew for an `iat` in the future, in seconds (default 60).
    public var leeway: Int64
    /// The accepted `alg` values (RFC 8725 §3.1); default ES256 and EdDSA, the ack algorithms.
    public var algorithms: Set<JWSAlgorithm>
    /// The clock `iat` and cache lifetimes are compared with.
    public var clock: any WallClock
    /// Fetches the ack keys document.
    public var fetcher: any JWKSFetcher
    /// The shortest interval between two refetches caused by an unknown `kid`, in seconds (default 30).
    public var unknownKeyRefetchInterval: Int64

    /// Creates a configuration with production defaults.
    /// - Parameters:
    ///   - issuer: the exact `iss` to accept.
    ///   - audience: the client id receipts must name in `aud`.
    ///   - keysURI: the ack keys URL; `nil` uses `{issuer}/v1/ledger/keys`.
    ///   - leeway: clock skew tolerance in seconds (at least 0).
    ///   - algorithms: the `alg` allow-list.
    ///   - clock: the wall clock (default ``SystemWallClock``).
    ///   - fetcher: the document fetcher (default ``URLSessionJWKSFetcher``).
    public init(
        issuer: String, audience: String, keysURI: URL? = nil, leeway: Int64 = 60,
        algorithms: Set<JWSAlgorithm> = [.ES256, .EdDSA],
        clock: any WallClock = SystemWallClock(), fetcher: any JWKSFetcher = URLSessionJWKSFetcher()
    ) {
        precondition(leeway >= 0, "leeway is a tolerance, never negative")
        self.issuer = issuer
        self.audience = audience
        self.keysURI = keysURI
        self.leeway = leeway
        self.algorithms = algorithms
        self.clock = clock
        self.fetcher = fetcher
        unknownKeyRefetchInterval = 30
    }

    /// ``keysURI``, or `{issuer}/v1/ledger/keys` with a terminating `/` of the issuer removed.
    var resolvedKeysURI: URL? {
        if let keysURI { return keysURI }
        var base = issuer
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + "/v1/ledger/keys")
    }

    /// `{issuer}{path}` with a terminating `/` of the issuer removed: the ledger endpoints
    /// (`/v1/ledger/checkpoint`, `/v1/ledger/consistency?…`), always at the issuer.
    func issuerURL(_ path: String) -> URL? {
        var base = issuer
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + path)
    }

    /// The cache rules of the token verifier, pointed at the ack keys document.
    var cacheConfiguration: VerifierConfiguration {
        var configuration = VerifierConfiguration(issuer: issuer, audience: audience, jwksURI: resolvedKeysURI,
                                                  leeway: leeway, algorithms: algorithms, clock: clock, fetcher: fetcher)
        configuration.unknownKeyRefetchInterval = unknownKeyRefetchInterval
        return configuration
    }
}
