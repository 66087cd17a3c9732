import SchoolIDBase
import SchoolIDCrypto

extension ClientService {
    /// Authenticates a confidential client by its secret (RFC 6749 §2.3.1, for
    /// `client_secret_basic` and `client_secret_post`).
    ///
    /// The SHA-256 of the presented secret is compared in constant time with the
    /// current secret's and, until its grace ends, the previous secret's. An unknown,
    /// public or disabled client fails exactly like a wrong secret, so the token
    /// endpoint answers `invalid_client` (RFC 6749 §5.2) without telling which.
    /// - Parameters:
    ///   - clientID: the `client_id` presented (any text).
    ///   - secret: the `client_secret` presented.
    /// - Throws: a storage error only.
    /// - Returns: the client, or `nil` when authentication failed.
    public func authenticate(clientID: String, secret: Secret<String>) async throws -> OAuthClient? {
        let now = environment.clock.now()
        guard let id = OAuthClient.ID(rawValue: clientID) else {
            _ = Self.matches(nil, secret: secret, at: now)
            return nil
        }
        let client = try await environment.storage.read { tx in try tx.clients.client(id) }
        return Self.matches(client, secret: secret, at: now) ? client : nil
    }

    /// Whether `secret` authenticates `client` at `now`, for callers already inside a
    /// transaction. A `nil`, public or disabled client never matches, after the same
    /// digest and comparisons as a real one.
    /// - Returns: true only for an active confidential client and its current secret,
    ///   or its previous secret before `previousExpiresAt`.
    public static func matches(_ client: OAuthClient?, secret: Secret<String>, at now: UnixTime) -> Bool {
        let presented = digest(secret.unredacted)
        let hashes = client?.secret ?? OAuthClient.SecretHashes(current: unmatchable)
        let current = ConstantTime.equals(presented, hashes.current)
        let previous = ConstantTime.equals(presented, hashes.previous ?? unmatchable)
        let withinGrace = hashes.previousExpiresAt.map { now < $0 } ?? false
        guard let client, client.isActive, client.type == .confidential else { return false }
        return current || (previous && withinGrace)
    }

    /// A digest no secret hashes to in practice (32 zero bytes), compared when there is
    /// nothing real to compare with, so that every path costs the same.
    private static let unmatchable = [UInt8](repeating: 0, count: 32)
}
