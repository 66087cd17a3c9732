import SchoolIDBase
import SchoolIDCrypto

/// Registers, lists, rotates and disables OAuth clients (`schoolid client …` and the
/// admin API `/v1/clients…`), and authenticates them at the token endpoint.
///
/// Every change needs `platform.clients.manage` with a fresh step-up (the CLI operator
/// is allowed everything) and is audited (`client.created`, `client.secret_rotated`,
/// `client.disabled`, with the client id in the detail).
public struct ClientService: Sendable {
    /// Random bytes in a client secret: 256 bits (issue 9; RFC 6749 §10.10).
    public static let secretBytes = 32

    /// A client together with the secret generated for it, which is shown once and
    /// never stored (only its SHA-256 is).
    public struct IssuedClient: Sendable {
        public let client: OAuthClient
        /// `nil` for a public client.
        public let secret: Secret<String>?
    }

    let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) { self.environment = environment }

    /// Registers a client; a confidential one gets a fresh secret.
    /// - Throws: `DomainError` (`.permissionDenied`, `.stepUpRequired`, `.clientInvalid`,
    ///   `.clientExists`, `.schoolNotFound`).
    /// - Returns: the client and, for a confidential client, its secret.
    public func register(by principal: Principal, _ registration: ClientRegistration, context: RequestContext)
        async throws -> IssuedClient
    {
        let now = try authorize(principal)
        var client = try registration.validated(policy: environment.policies.tokens, at: now)
        let secret = client.type == .confidential ? newSecret() : nil
        client.secret = secret.map { OAuthClient.SecretHashes(current: Self.digest($0.unredacted)) }
        let stored = client
        try await environment.storage.write { tx in
            for schoolID in stored.schoolIDs {
                guard try tx.schools.school(schoolID) != nil else {
                    throw DomainError(.schoolNotFound, detail: "no school \(schoolID.rawValue)")
                }
            }
            do { try tx.clients.insert(stored) } catch StoreError.alreadyExists { throw DomainError(.clientExists) }
            try tx.audit.append(Self.event(.clientCreated, stored, by: principal, at: now, context: context,
                                           detail: "client \(stored.id) \(stored.type.rawValue)"))
        }
        return IssuedClient(client: stored, secret: secret)
    }

    /// Every client, by id.
    /// - Throws: `DomainError` (`.permissionDenied`; reading needs no step-up).
    public func list(by principal: Principal) async throws -> [OAuthClient] {
        try principal.require(.platformClientsManage, in: .platform, roles: environment.policies.roles)
        return try await environment.storage.read { tx in try tx.clients.clients() }
    }

    /// One client.
    /// - Throws: `DomainError` (`.permissionDenied`, `.clientNotFound`).
    public func client(by principal: Principal, id: OAuthClient.ID) async throws -> OAuthClient {
        try principal.require(.platformClientsManage, in: .platform, roles: environment.policies.roles)
        guard let client = try await environment.storage.read({ tx in try tx.clients.client(id) }) else {
            throw DomainError(.clientNotFound)
        }
        return client
    }

    /// Gives a confidential client a new secret. The previous one keeps working until
    /// `now + client_secret_grace_seconds` (`tokens.json`), so the service can deploy
    /// the new one without downtime; a secret older than that is dropped.
    /// - Throws: `DomainError` (authorisation, `.clientNotFound`, `.clientInvalid` for a
    ///   public or disabled client).
    /// - Returns: the client and its new secret.
    public func rotateSecret(by principal: Principal, id: OAuthClient.ID, context: RequestContext) async throws
        -> IssuedClient
    {
        let now = try authorize(principal)
        let grace = environment.policies.tokens.clientSecretGraceSeconds
        let secret = newSecret()
        let digest = Self.digest(secret.unredacted)
        let client = try await environment.storage.write { tx in
            let client = try Self.updating(id, in: tx) { client throws(DomainError) in
                guard client.isActive else { throw DomainError(.clientInvalid, detail: "the client is disabled") }
                guard let old = client.secret else {
                    throw DomainError(.clientInvalid, detail: "a public client has no secret")
                }
                client.secret = grace > 0
                    ? OAuthClient.SecretHashes(current: digest, previous: old.current, previousExpiresAt: now.adding(seconds: grace))
                    : OAuthClient.SecretHashes(current: digest)
            }
            try tx.audit.append(Self.event(.clientSecretRotated, client, by: principal, at: now, context: context,
                                           detail: "client \(client.id) grace \(grace)s"))
            return client
        }
        return IssuedClient(client: client, secret: secret)
    }

    /// Disables a client: it can no longer authenticate or get tokens, and every refresh
    /// token issued to it is revoked. Disabling a disabled client changes nothing and is
    /// not audited again.
    /// - Throws: `DomainError` (authorisation, `.clientNotFound`).
    /// - Returns: the client as stored.
    public func disable(by principal: Principal, id: OAuthClient.ID, context: RequestContext) async throws
        -> OAuthClient
    {
        let now = try authorize(principal)
        return try await environment.storage.write { tx in
            guard let current = try tx.clients.client(id) else { throw DomainError(.clientNotFound) }
            guard current.isActive else { return current }
            let client = try Self.updating(id, in: tx) { client throws(DomainError) in
                client.status = .disabled
                client.disabledAt = now
                client.secret?.previous = nil
                client.secret?.previousExpiresAt = nil
            }
            let revoked = try tx.refreshTokens.revokeAll(clientID: id.rawValue, at: now)
            try tx.audit.append(Self.event(.clientDisabled, client, by: principal, at: now, context: context,
                                           detail: "client \(client.id); \(revoked) refresh tokens revoked"))
            return client
        }
    }

    /// Checks the permission and the step-up; returns "now" for the change.
    private func authorize(_ principal: Principal) throws(DomainError) -> UnixTime {
        let policies = environment.policies
        try principal.require(.platformClientsManage, in: .platform, roles: policies.roles)
        let now = environment.clock.now()
        try StepUp.require(principal, policy: policies.secondFactor, now: now)
        return now
    }

    private func newSecret() -> Secret<String> { Secret(environment.random.token(bytes: Self.secretBytes)) }

    /// SHA-256 of a secret's ASCII text, the stored form.
    static func digest(_ secret: String) -> [UInt8] { SHA256.hash(Array(secret.utf8)) }

    private static func updating(_ id: OAuthClient.ID, in tx: any WriteTransaction,
                                 _ change: (inout OAuthClient) throws(DomainError) -> Void) throws -> OAuthClient
    {
        do {
            return try tx.clients.update(id) { client in try change(&client) }
        } catch StoreError.notFound {
            throw DomainError(.clientNotFound)
        }
    }

    private static func event(_ action: AuditAction, _ client: OAuthClient, by principal: Principal, at now: UnixTime,
                              context: RequestContext, detail: String) -> AuditEvent
    {
        AuditEvent(at: now, action: action, actorID: principal.accountID, clientAddress: context.clientAddress,
                   requestID: context.requestID, detail: detail)
    }
}
