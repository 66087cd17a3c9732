import SchoolIDCrypto

/// ``PasswordHashing`` without a pool: scrypt runs directly in a detached task. For
/// one-shot commands and tests of services.
///
/// The server bounds hashing with its pool so that logins keep a thread; a command
/// line process hashes one or two passwords and has nothing else to keep responsive,
/// so blocking a thread of its own is fine. The detached task keeps the blocking work
/// off the caller's actor. Hashes are the same PHC strings the server writes and reads.
public struct DirectPasswordHasher: PasswordHashing {
    public init() {}

    public func hash(_ password: Password, cost: ScryptCost, priority: HashingPriority) async throws -> String {
        let bytes = password.utf8
        return try await Task.detached { try Self.hasher(cost).hash(bytes.unredacted) }.value
    }

    public func verify(_ password: Password, against hash: String, priority: HashingPriority) async throws -> Bool {
        let bytes = password.utf8
        // The cost travels in the stored string; the parameters here only shape new hashes.
        return try await Task.detached {
            try Self.hasher(ScryptCost(logN: 10, r: 8, p: 1)).verify(bytes.unredacted, against: hash)
        }.value
    }

    public func needsRehash(_ hash: String, cost: ScryptCost) -> Bool {
        Self.hasher(cost).needsRehash(hash)
    }

    private static func hasher(_ cost: ScryptCost) -> PasswordHasher {
        PasswordHasher(parameters: ScryptParameters(logN: cost.logN, r: cost.r, p: cost.p))
    }
}
