import SchoolIDCore
import SchoolIDCrypto

/// ``PasswordHashing`` for one-shot commands: scrypt runs directly in a detached task.
///
/// The server bounds hashing with its pool so that logins keep a thread; a command
/// line process hashes one or two passwords and has nothing else to keep responsive,
/// so blocking a thread of its own is fine. The detached task keeps the blocking work
/// off the caller's actor. Hashes are the same PHC strings the server writes and reads.
struct CommandLinePasswordHasher: PasswordHashing {
    func hash(_ password: Password, cost: ScryptCost, priority: HashingPriority) async throws -> String {
        let bytes = password.utf8
        return try await Task.detached { try Self.hasher(cost).hash(bytes.unredacted) }.value
    }

    func verify(_ password: Password, against hash: String, priority: HashingPriority) async throws -> Bool {
        let bytes = password.utf8
        // The cost travels in the stored string; the parameters here only shape new hashes.
        return try await Task.detached {
            try Self.hasher(ScryptCost(logN: 10, r: 8, p: 1)).verify(bytes.unredacted, against: hash)
        }.value
    }

    func needsRehash(_ hash: String, cost: ScryptCost) -> Bool {
        Self.hasher(cost).needsRehash(hash)
    }

    static func hasher(_ cost: ScryptCost) -> PasswordHasher {
        PasswordHasher(parameters: ScryptParameters(logN: cost.logN, r: cost.r, p: cost.p))
    }
}
