import SchoolIDCore
import SchoolIDCrypto

/// ``PasswordHashing`` on the bounded hashing pool: interactive work (logins, changes)
/// on the `interactive` lane, bulk issuing on the `batch` lane, which never takes the
/// last thread. A full lane throws ``BlockingWorkPool/Saturated`` (503 + `Retry-After`).
struct PoolPasswordHasher: PasswordHashing {
    let pool: BlockingWorkPool

    func hash(_ password: Password, cost: ScryptCost, priority: HashingPriority) async throws -> String {
        let bytes = password.utf8
        return try await pool.run(lane: priority.rawValue) {
            try Self.hasher(cost).hash(bytes.unredacted)
        }
    }

    func verify(_ password: Password, against hash: String, priority: HashingPriority) async throws -> Bool {
        let bytes = password.utf8
        return try await pool.run(lane: priority.rawValue) {
            // The cost travels in the stored string; the parameters here only shape new hashes.
            try Self.hasher(ScryptCost(logN: 10, r: 8, p: 1)).verify(bytes.unredacted, against: hash)
        }
    }

    func needsRehash(_ hash: String, cost: ScryptCost) -> Bool {
        Self.hasher(cost).needsRehash(hash)
    }

    static func hasher(_ cost: ScryptCost) -> PasswordHasher {
        PasswordHasher(parameters: ScryptParameters(logN: cost.logN, r: cost.r, p: cost.p))
    }
}
