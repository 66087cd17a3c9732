import SchoolIDBase
import SchoolIDCrypto

/// Issues authorization codes for validated requests (RFC 6749 §4.1.2).
///
/// A code is 32 random bytes in base64url (43 characters), stored only as its SHA-256
/// with the client, the exact redirect URI, the PKCE challenge, the scope, the nonce
/// and the browser session it came from, for `authorization_code_seconds`. The refresh
/// family a redemption opens (16 random bytes, base64url) is chosen here, so that a
/// replayed code finds what the first redemption produced. The issue is audited as
/// `oauth.code_issued` in the same transaction, with the client id and never the code.
public struct AuthorizationCodeService: Sendable {
    /// Random bytes in a code (256 bits).
    public static let codeBytes = 32
    /// Random bytes in a refresh family id.
    public static let familyBytes = 16

    let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) {
        self.environment = environment
    }

    /// Stores a new code for `request`, authorised by `actor` in the browser session
    /// whose token hash is `sessionTokenHash`.
    /// - Parameters:
    ///   - request: a request ``AuthorizationRequest/validated(_:client:)`` accepted.
    ///   - actor: the logged-in person (an active account with a session).
    ///   - sessionTokenHash: SHA-256 of the session token (``SessionToken/hash``).
    ///   - context: for the audit event.
    /// - Throws: a storage error.
    /// - Returns: the code, to be sent once in the redirect.
    public func issue(for request: AuthorizationRequest, actor: Actor, sessionTokenHash: [UInt8],
                      context: RequestContext) async throws -> Secret<String>
    {
        let now = environment.clock.now()
        let code = environment.random.token(bytes: Self.codeBytes)
        let stored = AuthorizationCode(
            codeHash: SHA256.hash(Array(code.utf8)), clientID: request.clientID.rawValue, accountID: actor.account.id,
            sessionTokenHash: sessionTokenHash, redirectURI: request.redirectURI, codeChallenge: request.codeChallenge,
            scope: request.scope, nonce: request.nonce, createdAt: now,
            expiresAt: now.adding(seconds: environment.policies.tokens.authorizationCodeSeconds),
            familyID: environment.random.token(bytes: Self.familyBytes))
        let event = AuditEvent(at: now, action: .oauthCodeIssued, actorID: actor.account.id,
                               targetID: actor.account.id, clientAddress: context.clientAddress,
                               requestID: context.requestID, detail: "client \(request.clientID.rawValue)")
        try await environment.storage.write { tx in
            try tx.authorizationCodes.insert(stored)
            try tx.audit.append(event)
        }
        return Secret(code)
    }
}
