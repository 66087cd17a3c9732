import SchoolIDBase
import SchoolIDJOSE

/// Builds the export of everything SchoolID holds about the logged-in account and its
/// actively linked children (152-FZ art. 14, GDPR Art. 15 and 20; issue 8): one JSON
/// document, machine-readable, with values opened from their sealed form.
///
/// The document's members: `format_version` (``formatVersion``), `generated_at`, the
/// account's own sections (``AccountExport``: `account` with its profile, `contacts`,
/// `snils`, `password` (metadata only), `second_factors`, `recovery_codes` (slots and
/// use, never codes), `sessions` (public ids, never tokens), `guardian_links`,
/// `link_codes`, `trusted_invitations` (sent, received and about the account, with the
/// invitee as stored), `staff_memberships`, `classes_taught`, `enrolments`), `children`
/// (for each actively linked child the same person sections without `sessions`), and `audit_events` (the last ``auditWindowSeconds`` where the account or
/// a listed child is actor or target). Which database column lands where is the
/// registry `PersonalDataColumns` in `SchoolIDStore`.
///
/// Exporting needs a fresh second factor (``StepUp``) and is audited (`account.exported`).
public struct AccountExportService: Sendable {
    /// The version of the document's shape; a change that drops or renames a member bumps it.
    public static let formatVersion: Int64 = 1
    /// How far back the audit events go: 180 days.
    public static let auditWindowSeconds: Int64 = 180 * 86_400

    let environment: ServiceEnvironment

    /// Creates the service.
    public init(environment: ServiceEnvironment) {
        self.environment = environment
    }

    /// The export of `actor`'s account, and an audit event that it was taken.
    /// - Parameters:
    ///   - actor: the logged-in person (a session is required).
    ///   - context: the request, for the audit event.
    /// - Throws: `DomainError(.unauthorized)` without a session, `.stepUpRequired` without
    ///   a fresh second factor (when the policy enforces step-up), or a storage or
    ///   sealing error.
    /// - Returns: the document (a JSON object).
    public func export(actor: Actor, context: RequestContext) async throws -> JSONValue {
        guard actor.session != nil else { throw DomainError(.unauthorized) }
        let now = environment.clock.now()
        try StepUp.require(actor, policy: environment.policies.secondFactor, now: now)
        let (ownerKeys, accountID) = (environment.ownerKeys, actor.account.id)
        let (document, children) = try await environment.storage.read { tx in
            try AccountExport(tx: tx, ownerKeys: ownerKeys, now: now).document(of: accountID)
        }
        _ = try await environment.storage.write { tx in
            try tx.audit.append(AuditEvent(at: now, action: .accountExported, actorID: accountID, targetID: accountID,
                                           clientAddress: context.clientAddress, requestID: context.requestID,
                                           detail: "export of the account and \(children) linked children"))
        }
        return document
    }
}
