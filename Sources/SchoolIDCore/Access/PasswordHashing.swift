/// Hashes and verifies passwords off the cooperative pool.
///
/// Scrypt costs tens to hundreds of milliseconds of CPU, so the server implements this
/// on its bounded hashing pool, which refuses work when saturated (503 + `Retry-After`)
/// instead of queueing without limit. Core services only see this protocol.
public protocol PasswordHashing: Sendable {
    /// Hashes `password` at `cost` into a PHC string.
    /// - Throws: the pool's saturation error, or a crypto error.
    func hash(_ password: Password, cost: ScryptCost, priority: HashingPriority) async throws -> String
    /// Whether `password` matches the PHC string `hash` (constant-time comparison).
    /// - Throws: the pool's saturation error, or a crypto error for a malformed hash.
    func verify(_ password: Password, against hash: String, priority: HashingPriority) async throws -> Bool
    /// Whether `hash` was made with parameters other than `cost`.
    func needsRehash(_ hash: String, cost: ScryptCost) -> Bool
}

/// Which lane of the hashing pool work goes to.
public enum HashingPriority: String, Sendable, Hashable {
    /// A person is waiting (login, password change, reissue).
    case interactive
    /// Bulk issuing of class credentials; never takes the last thread.
    case batch
}
