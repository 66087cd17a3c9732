import SchoolIDBase

/// What a person sees about their own second factors: which are enrolled, how many
/// recovery codes are left, whether SMS may be chosen and whether a factor is
/// mandatory for them (`second_factor.json`).
public struct SecondFactorOverview: Hashable, Sendable {
    /// The enrolled factors (secrets never leave the store).
    public let factors: [SecondFactor.Summary]
    /// Unused recovery codes.
    public let recoveryCodesLeft: Int
    /// Whether SMS may be enrolled as a factor (`sms_factor_enabled`).
    public let smsAvailable: Bool
    /// Whether the person's roles make a second factor mandatory (`mandatory_roles`).
    public let required: Bool
}

extension SecondFactor {
    /// A factor without its secret or last used step.
    public struct Summary: Hashable, Sendable {
        public let kind: Kind
        public let confirmed: Bool
        public let createdAt: UnixTime
        public let lastUsedAt: UnixTime?
    }

    /// The factor as ``Summary``.
    public var summary: Summary {
        Summary(kind: kind, confirmed: isConfirmed, createdAt: createdAt, lastUsedAt: lastUsedAt)
    }
}

extension SecondFactorService {
    /// The actor's factors, recovery codes left and what policy allows or requires.
    /// - Throws: a store error.
    public func overview(of actor: Actor) async throws -> SecondFactorOverview {
        let accountID = actor.account.id
        let policy = environment.policies.secondFactor
        let (factors, left) = try await environment.storage.read { tx in
            (try tx.secondFactors.factors(of: accountID),
             try tx.secondFactors.recoveryCodes(of: accountID).filter(\.isUsable).count)
        }
        // A factor SMS policy turned off is hidden along with the offer.
        let shown = factors.filter { $0.kind != .sms || policy.smsFactorEnabled }
        return SecondFactorOverview(factors: shown.map(\.summary), recoveryCodesLeft: left,
                                    smsAvailable: policy.smsFactorEnabled, required: policy.isMandatory(for: actor.roles))
    }
}
