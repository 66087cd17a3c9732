import SchoolIDBase

extension SecondFactorService {
    /// The slot of the account's unused recovery code that `code` matches, without
    /// using it: for flows that must check other proofs in the same unit before the
    /// code is spent (password recovery marks it used with
    /// `SecondFactorStore.markRecoveryCodeUsed(of:slot:at:)` only when everything else
    /// is right). Verification is scrypt, so it runs on a snapshot, before any unit.
    /// - Throws: a hashing or store error.
    /// - Returns: the slot, or `nil` when the code matches no unused code.
    public func matchingRecoveryCodeSlot(accountID: Account.ID, code: String) async throws -> Int? {
        guard let normalized = RecoveryCode.normalized(code) else { return nil }
        let unused = try await environment.storage.read { tx in
            guard try tx.secondFactors.factors(of: accountID).contains(where: \.isConfirmed) else { return [RecoveryCode]() }
            return try tx.secondFactors.recoveryCodes(of: accountID).filter(\.isUsable)
        }
        let password = try Password(normalized, maximumLength: RecoveryCode.length)
        for candidate in unused
        where try await environment.hasher.verify(password, against: candidate.codeHash, priority: .interactive) {
            return candidate.slot
        }
        return nil
    }
}
