import SchoolIDBase

/// Client authentication for the token, introspection and revocation endpoints
/// (RFC 6749 §2.3; RFC 7662 §2.1; RFC 7009 §2.1), with a limit on failures.
///
/// A confidential client proves its secret (``ClientService/matches(_:secret:at:)``,
/// constant time); a public client names its id alone. Every failure reads the same
/// `invalid_client`. Failures are counted per presented client id and per client
/// address (``ClientAuthenticationThrottle``); past either limit every attempt from
/// that id or address — a correct secret too — is refused with a `Retry-After`, so a
/// leaked client id cannot be brute-forced and one address cannot spray many ids.
public struct ClientAuthenticator: Sendable {
    let environment: ServiceEnvironment
    let throttle: ClientAuthenticationThrottle

    /// - Parameters:
    ///   - environment: storage and clock.
    ///   - throttle: the process's failure counters (one per process, shared by the
    ///     endpoints).
    public init(environment: ServiceEnvironment, throttle: ClientAuthenticationThrottle) {
        self.environment = environment
        self.throttle = throttle
    }

    /// Authenticates the client of one request.
    /// - Parameters:
    ///   - credentials: what the request presented.
    ///   - publicAllowed: whether a public client (id alone) may use the endpoint
    ///     (introspection: no, RFC 7662 §2.1 wants an authenticated caller).
    ///   - context: client address and request id.
    /// - Throws: ``OAuthError`` `invalid_client` (with ``OAuthError/retryAfter`` while
    ///   throttled), or a storage error.
    /// - Returns: the active client.
    public func authenticate(_ credentials: ClientCredentials, publicAllowed: Bool = true, context: RequestContext)
        async throws -> OAuthClient
    {
        let clientKey = String(credentials.clientID.prefix(128)), address = context.clientAddress
        if let wait = throttle.retryAfter(clientID: clientKey, address: address) {
            throw OAuthError.throttled(retryAfter: wait)
        }
        let now = environment.clock.now()
        var client: OAuthClient?
        if let id = OAuthClient.ID(rawValue: credentials.clientID) {
            client = try await environment.storage.read { tx in try tx.clients.client(id) }
        }
        let authenticated = if let secret = credentials.secret {
            ClientService.matches(client, secret: secret, at: now)
        } else {
            publicAllowed && client?.isActive == true && client?.type == .public
        }
        guard authenticated, let client else {
            if let limit = throttle.recordFailure(clientID: clientKey, address: address) {
                try await environment.storage.write { tx in
                    try tx.audit.append(AuditEvent(at: now, action: .oauthClientAuthThrottled,
                                                   clientAddress: address, requestID: context.requestID,
                                                   detail: "limit \(limit)"))
                }
            }
            throw OAuthError(.invalidClient, "client authentication failed")
        }
        return client
    }
}

/// Failed client authentications per client id and per address, in memory on a
/// monotonic clock (STYLE §4.1: short throttles; a restart forgets them).
public struct ClientAuthenticationThrottle: Sendable {
    /// Failures one client id may have per minute.
    public static let failuresPerClientPerMinute = 10
    /// Failures one address may have per minute, over every client id.
    public static let failuresPerAddressPerMinute = 20

    private let byClient: any FailureBuckets
    private let byAddress: any FailureBuckets

    /// Counters on `clock` (tests pass a manual clock).
    public init<C: Clock>(clock: C) where C.Duration == Duration {
        byClient = AddressRateLimiter(clock: clock)
        byAddress = AddressRateLimiter(clock: clock)
    }

    /// Counters on the process's monotonic clock.
    public init() { self.init(clock: ContinuousClock()) }

    /// Seconds to wait when the id or the address is out of attempts, else `nil`.
    public func retryAfter(clientID: String, address: String) -> Int64? {
        let waits = [byClient.retryAfter(clientID, perMinute: Self.failuresPerClientPerMinute),
                     byAddress.retryAfter(address, perMinute: Self.failuresPerAddressPerMinute)].compactMap { $0 }
        return waits.max()
    }

    /// Counts one failure.
    /// - Returns: which limit this failure exhausted (`client_id` or `address`), once
    ///   per trip, or `nil`.
    public func recordFailure(clientID: String, address: String) -> String? {
        let clientOver = byClient.take(clientID, perMinute: Self.failuresPerClientPerMinute) != nil
        let addressOver = byAddress.take(address, perMinute: Self.failuresPerAddressPerMinute) != nil
        // The failure that took the last attempt trips the limit (a later one is refused
        // before it is counted).
        if !clientOver, byClient.retryAfter(clientID, perMinute: Self.failuresPerClientPerMinute) != nil {
            return "client_id"
        }
        if !addressOver, byAddress.retryAfter(address, perMinute: Self.failuresPerAddressPerMinute) != nil {
            return "address"
        }
        return nil
    }
}

/// The two operations the throttle needs of ``AddressRateLimiter``, clock erased.
protocol FailureBuckets: Sendable {
    func take(_ key: String, perMinute: Int) -> Int64?
    func retryAfter(_ key: String, perMinute: Int) -> Int64?
}

extension AddressRateLimiter: FailureBuckets {}
