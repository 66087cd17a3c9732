import SchoolIDBase

/// Signing and withdrawing acknowledgements (issue 10): a guardian of the student (or a
/// trusted person whose grant includes `diary`, when `acknowledgements.json` allows it)
/// confirms a pending request with an SMS code bound to it or by re-entering the
/// password; SchoolID signs a receipt (``ReceiptIssuer``), appends it to the ledger and
/// marks the request signed, all in one write unit, so a receipt returned to a client is
/// always in the ledger.
///
/// Rules:
/// - the code is bound to one request, its digest and its signer
///   (``AcknowledgementChallenge``): a code for another request is
///   `acknowledgement_code_mismatch` and spends nothing; wrong, expired and exhausted
///   codes are refused as everywhere (``ChallengeService/check(_:purpose:code:context:now:in:)``);
/// - a wrong password counts as a failed login (``PasswordAttempts``) — re-entering it
///   is the step-up that signing asks for;
/// - of parallel confirmations exactly one signs (the state change is conditional);
///   the others, and any replay, are `acknowledgement_already_signed`;
/// - a student is `permission_denied`; someone with no standing for the child (an
///   unlinked guardian) sees `acknowledgement_not_found`; a trusted person is
///   `trusted_signing_disabled` unless policy allows it and the grant includes `diary`;
/// - withdrawal appends a withdrawal entry (`typ: ack-withdrawal+jwt`); the receipt
///   stays in the ledger.
public struct AcknowledgementSigningService: Sendable {
    /// How a signer confirms.
    public enum Proof: Sendable {
        /// The code of an SMS challenge from ``sendCode(for:signer:context:)``.
        case smsCode(challenge: Challenge.ID, code: String)
        /// The signer's current password.
        case password(String)
    }

    /// Where a signing code went.
    public struct CodeSent: Hashable, Sendable {
        public let challengeID: Challenge.ID
        /// When the code stops working.
        public let expiresAt: UnixTime
        /// The earliest time another code may be sent.
        public let resendAfter: UnixTime
    }

    /// A signature or withdrawal as appended to the ledger.
    public struct Entry: Sendable {
        /// The request after the change.
        public let view: AcknowledgementService.View
        /// The receipt (or withdrawal) JWS and its claims.
        public let receipt: IssuedReceipt
    }

    let environment: ServiceEnvironment
    let attempts: PasswordAttempts
    let issuer: String
    let keys: @Sendable () -> KeyringSnapshot

    /// - Parameters:
    ///   - issuer: the issuer URL receipts carry as `iss`.
    ///   - keys: the current keyring snapshot (the active ack key signs).
    public init(environment: ServiceEnvironment, attempts: PasswordAttempts, issuer: String,
                keys: @escaping @Sendable () -> KeyringSnapshot)
    {
        self.environment = environment
        self.attempts = attempts
        self.issuer = issuer
        self.keys = keys
    }

    private var appender: EntryAppender {
        EntryAppender(environment: environment, ledger: Ledger(environment: environment, issuer: issuer, keys: keys),
                      receipts: ReceiptIssuer(issuer: issuer,
                                              algorithm: environment.policies.tokens.defaultAlgorithms.acknowledgement,
                                              keys: keys(), random: environment.random))
    }

    /// Signs a receipt or withdrawal at the next ledger index and appends it, inside the
    /// caller's unit: the one path both signing and withdrawal write through.
    struct EntryAppender: Sendable {
        let environment: ServiceEnvironment
        let ledger: Ledger
        let receipts: ReceiptIssuer

        /// - Returns: the signed JWS, its ledger index and the title it carries.
        func append(_ kind: LedgerEntry.Kind, about acknowledgement: Acknowledgement, by signer: Account.ID,
                    standing: AcknowledgementStanding, method: ReceiptClaims.Method, now: UnixTime,
                    in tx: any WriteTransaction) throws -> (IssuedReceipt, index: Int, title: String)
        {
            let studentKey = try environment.ownerKeys.key(for: acknowledgement.studentID.rawValue, in: tx.ownerKeys)
            let title = try acknowledgement.title(under: studentKey)
            let index = try Ledger.nextIndex(in: tx)
            var claims = ReceiptClaims(
                audience: acknowledgement.clientID.rawValue, acknowledgement: acknowledgement.id,
                student: acknowledgement.studentID, document: acknowledgement.documentID, title: title,
                digest: acknowledgement.digest, signer: signer, signerRole: standing.role, link: standing.link,
                method: method, ledgerIndex: Int64(index))
            if kind == .withdrawal { claims.withdraws = acknowledgement.ledgerIndex.map(Int64.init) }
            let signed = try receipts.sign(claims, at: now,
                                           type: kind == .receipt ? ReceiptIssuer.type : ReceiptIssuer.withdrawalType)
            try ledger.append(kind, compact: signed.compact, acknowledgement: acknowledgement.id,
                              student: acknowledgement.studentID, now: now, in: tx)
            return (signed, index, title)
        }
    }

    /// Sends the signer an SMS code bound to this request, its digest and the signer; the
    /// SMS names the action and the title cut to 40 characters.
    /// - Throws: the refusals of ``AcknowledgementStanding/signable(_:by:now:policy:in:)``,
    ///   `DomainError(.phoneNotVerified)`, ``ThrottleError`` (quotas, cooldown, SMS budget);
    ///   a store or sealing error.
    public func sendCode(for id: Acknowledgement.ID, signer actor: Actor, context: RequestContext) async throws
        -> CodeSent
    {
        guard actor.session != nil else { throw DomainError(.unauthorized) }
        let (environment, now) = (environment, environment.clock.now())
        let challenges = ChallengeService(environment: environment)
        let cooldown = environment.policies.otp.resendCooldownSeconds
        return try await environment.storage.write { tx in
            let (acknowledgement, _) = try AcknowledgementStanding.signable(id, by: actor, now: now,
                                                             policy: environment.policies.acknowledgements, in: tx.reading)
            let account = actor.account
            guard let destination = try OTPDestination.verifiedPhone(of: account.id, ownerKeys: environment.ownerKeys,
                                                                     in: tx)
            else { throw DomainError(.phoneNotVerified) }
            let title = try acknowledgement.title(under: environment.ownerKeys.key(
                for: acknowledgement.studentID.rawValue, in: tx.ownerKeys))
            let (challenge, code) = try challenges.issue(purpose: .acknowledgement, destination: destination,
                                                         accountID: account.id, context: context, now: now, in: tx)
            try tx.acknowledgements.bind(AcknowledgementChallenge(
                challengeID: challenge.id, acknowledgementID: id, digest: acknowledgement.digest, signerID: account.id))
            try Courier.send(.acknowledgementCode(code: code.unredacted,
                                                  documentTitle: Acknowledgement.truncatedTitle(title)),
                             to: destination, language: account.locale, now: now, keys: environment.dataKeys,
                             random: environment.random, in: tx)
            return CodeSent(challengeID: challenge.id, expiresAt: challenge.expiresAt,
                            resendAfter: challenge.lastSentAt.adding(seconds: cooldown))
        }
    }

    /// Signs a pending request: checks the proof, signs the receipt with the next ledger
    /// index, appends it and marks the request signed, in one unit.
    /// - Throws: `DomainError` `.unauthorized`, `.permissionDenied` (a student),
    ///   `.acknowledgementNotFound`, `.trustedSigningDisabled`, `.acknowledgementAlreadySigned`,
    ///   `.acknowledgementDeadlinePassed`, `.acknowledgementCodeMismatch`, `.codeInvalid`,
    ///   `.codeExpired`, `.codeExhausted`, `.invalidCredentials`; ``ThrottleError``;
    ///   ``ReceiptIssuanceError``; a store error.
    /// - Returns: the signed request and its receipt.
    public func sign(_ id: Acknowledgement.ID, signer actor: Actor, proof: Proof, context: RequestContext)
        async throws -> Entry
    {
        guard actor.session != nil else { throw DomainError(.unauthorized) }
        let method: ReceiptClaims.Method
        switch proof {
        case .password(let text):
            try await precheck(id, actor)
            _ = try await attempts.verifyCurrentPassword(of: actor, text, context: context)
            method = .password
        case .smsCode: method = .smsOTP
        }
        let (environment, appender, now) = (environment, appender, environment.clock.now())
        let challenges = ChallengeService(environment: environment)
        return try await environment.storage.write { tx -> Result<Entry, DomainError> in
            let (acknowledgement, standing) = try AcknowledgementStanding.signable(
                id, by: actor, now: now, policy: environment.policies.acknowledgements, in: tx.reading)
            if case .smsCode(let challengeID, let code) = proof {
                if let refusal = try Self.checkCode(challengeID, code: code, for: acknowledgement, signer: actor.account.id,
                                                    challenges: challenges, context: context, now: now, in: tx) {
                    return .failure(refusal)
                }
            }
            let (receipt, index, title) = try appender.append(.receipt, about: acknowledgement, by: actor.account.id,
                                                              standing: standing, method: method, now: now, in: tx)
            guard try tx.acknowledgements.markSigned(id, by: actor.account.id, at: now, ledgerIndex: index),
                  let signed = try tx.acknowledgements.acknowledgement(id)
            else { throw DomainError(.acknowledgementAlreadySigned) }
            _ = try tx.audit.append(AuditEvent(
                at: now, action: .ackSigned, actorID: actor.account.id, targetID: acknowledgement.studentID,
                clientAddress: context.clientAddress, requestID: context.requestID,
                detail: "\(id) signed as \(standing.role.rawValue) by \(method.rawValue), ledger index \(index)"))
            return .success(Entry(view: AcknowledgementService.View(acknowledgement: signed, title: title),
                                  receipt: receipt))
        }.get()
    }

    /// Withdraws a signature: after the password is re-entered, a withdrawal entry
    /// (`typ: ack-withdrawal+jwt`, `withdraws` the receipt's ledger index) is appended
    /// and the request becomes `withdrawn`. The receipt stays in the ledger.
    /// - Throws: as ``sign(_:signer:proof:context:)``, and `.acknowledgementNotSigned`
    ///   for a request that is pending or already withdrawn.
    /// - Returns: the withdrawn request and the withdrawal JWS.
    public func withdraw(_ id: Acknowledgement.ID, signer actor: Actor, password: String, context: RequestContext)
        async throws -> Entry
    {
        guard actor.session != nil else { throw DomainError(.unauthorized) }
        _ = try await attempts.verifyCurrentPassword(of: actor, password, context: context)
        let (environment, appender, now) = (environment, appender, environment.clock.now())
        return try await environment.storage.write { tx in
            let (acknowledgement, standing) = try AcknowledgementStanding.withdrawable(
                id, by: actor, now: now, policy: environment.policies.acknowledgements, in: tx.reading)
            let (withdrawal, index, title) = try appender.append(
                .withdrawal, about: acknowledgement, by: actor.account.id, standing: standing, method: .password,
                now: now, in: tx)
            guard try tx.acknowledgements.markWithdrawn(id, at: now, ledgerIndex: index),
                  let withdrawn = try tx.acknowledgements.acknowledgement(id)
            else { throw DomainError(.acknowledgementNotSigned) }
            _ = try tx.audit.append(AuditEvent(
                at: now, action: .ackWithdrawn, actorID: actor.account.id, targetID: acknowledgement.studentID,
                clientAddress: context.clientAddress, requestID: context.requestID,
                detail: "\(id) withdrawn, ledger index \(index)"))
            return Entry(view: AcknowledgementService.View(acknowledgement: withdrawn, title: title), receipt: withdrawal)
        }
    }

    /// Refuses before the password is hashed what the unit would refuse anyway, so a
    /// request that cannot be signed never costs a password attempt.
    private func precheck(_ id: Acknowledgement.ID, _ actor: Actor) async throws {
        let (policy, now) = (environment.policies.acknowledgements, environment.clock.now())
        _ = try await environment.storage.read { tx in
            try AcknowledgementStanding.signable(id, by: actor, now: now, policy: policy, in: tx)
        }
    }

    /// Checks an SMS code inside the signing unit: bound to this request, digest and
    /// signer, then right, fresh and unused.
    /// - Returns: the refusal to throw after the unit commits, or `nil` when accepted.
    static func checkCode(_ challengeID: Challenge.ID, code: String, for acknowledgement: Acknowledgement,
                          signer: Account.ID, challenges: ChallengeService, context: RequestContext, now: UnixTime,
                          in tx: any WriteTransaction) throws -> DomainError?
    {
        guard let binding = try tx.acknowledgements.binding(ofChallenge: challengeID), binding.signerID == signer else {
            return DomainError(.codeInvalid)
        }
        guard binding.acknowledgementID == acknowledgement.id, binding.digest == acknowledgement.digest else {
            return DomainError(.acknowledgementCodeMismatch)
        }
        if case .failure(let refusal) = try challenges.check(challengeID, purpose: .acknowledgement, code: code,
                                                              context: context, now: now, in: tx) {
            return refusal
        }
        return nil
    }
}
