/// The one entry point to persistent state: a unit of work over every store.
///
/// Every write goes through ``write(_:)``: the unit runs inside one `BEGIN IMMEDIATE`
/// transaction that may touch any store (`tx.ownerKeys`, and the per-aggregate stores
/// later issues add), and returns only after the change is durable. The SQLite backend
/// groups concurrently queued units into one transaction and one fsync (group commit),
/// each unit in its own savepoint, so a unit that throws is rolled back alone.
///
/// Units are synchronous on purpose: they run on the writer's dedicated thread and must
/// not suspend while holding the write lock. Do slow work (password hashing, network)
/// before calling ``write(_:)``.
public protocol Storage: Sendable {
    /// Runs `unit` in a write transaction and returns its result once committed.
    ///
    /// A unit whose task is cancelled before it starts is dropped; once started it runs
    /// to completion (interrupting a grouped transaction would roll back its siblings).
    /// - Parameter unit: the work; throwing rolls back this unit's changes alone.
    /// - Throws: what `unit` throws, `CancellationError`, or a backend error when the
    ///   transaction could not commit (then no unit of the group took effect).
    /// - Returns: what `unit` returned.
    func write<T: Sendable>(_ unit: @escaping @Sendable (any WriteTransaction) throws -> T) async throws -> T

    /// Runs `body` in a read transaction on a reader, seeing one consistent snapshot.
    ///
    /// Cancelling the task interrupts the running query.
    /// - Throws: what `body` throws, `CancellationError`, or a backend error.
    /// - Returns: what `body` returned.
    func read<T: Sendable>(_ body: @escaping @Sendable (any ReadTransaction) throws -> T) async throws -> T

    /// Removes old page images that committed deletions left behind in the backend's
    /// logs, so deleted personal data cannot be read back from the files (152-FZ
    /// art. 21 destruction; GDPR Art. 17). SQLite: `PRAGMA wal_checkpoint(TRUNCATE)`
    /// on the writer, which copies the WAL into the database file (where
    /// `secure_delete` has zeroed freed cells) and truncates the WAL to zero bytes.
    ///
    /// Call after the unit that deleted the data has committed.
    /// - Throws: a backend error, or a busy error when readers kept the log in use.
    func scrub() async throws
}

/// The stores available inside ``Storage/write(_:)``. Later issues add one property
/// per aggregate (`accounts`, `outbox`, …).
///
/// A transaction and its stores are valid only inside the unit that received them.
public protocol WriteTransaction {
    /// Per-owner data keys (see `OwnerKeys`).
    var ownerKeys: any OwnerKeyStore { get }
    var schools: any SchoolStore { get }
    var classes: any ClassStore { get }
    var accounts: any AccountStore { get }
    var credentials: any CredentialStore { get }
    var sessions: any SessionStore { get }
    var audit: any AuditLog { get }
    var batches: any CredentialBatchStore { get }
    var challenges: any ChallengeStore { get }
    var outbox: any OutboxStore { get }
    var contacts: any ContactStore { get }
    var registrations: any RegistrationStore { get }
    var contactChanges: any ContactChangeStore { get }
    var recoveryFlows: any RecoveryFlowStore { get }
    var secondFactors: any SecondFactorStore { get }
    var guardianLinks: any GuardianLinkStore { get }
    /// Key-rotation cursors and re-wrap/re-index batches (`schoolid keys`).
    var keyRotation: any KeyRotationStore { get }
    var snils: any SNILSStore { get }
    /// Trusted-person invitations and grants (issue 7).
    var trustedInvitations: any TrustedInvitationStore { get }
    /// Consents to the processing of personal data (issue 8).
    var consents: any ConsentStore { get }
    /// OAuth clients, the diary services (issue 9).
    var clients: any ClientStore { get }
    /// OAuth authorization codes, by hash (issue 9).
    var authorizationCodes: any AuthorizationCodeStore { get }
    /// OAuth refresh tokens, by hash, in families (issue 9).
    var refreshTokens: any RefreshTokenStore { get }
    /// Revoked access tokens by `jti` (RFC 7009), until their expiry.
    var revokedAccessTokens: any RevokedAccessTokenStore { get }
    /// Acknowledgement requests (issue 10).
    var acknowledgements: any AcknowledgementStore { get }
    /// The acknowledgement ledger: entries, sealed bodies, checkpoints (issue 10).
    var ledger: any LedgerStore { get }
    /// The same transaction through the read protocols (it sees this unit's writes): for
    /// domain code that reads with ``ReadTransaction`` inside a unit of work.
    var reading: any ReadTransaction { get }
}

/// The stores available inside ``Storage/read(_:)``, read-only.
///
/// Functions that only read take the narrow store protocol (e.g. ``OwnerKeyReader``),
/// which both transaction kinds provide.
public protocol ReadTransaction {
    /// Per-owner data keys, read-only.
    var ownerKeys: any OwnerKeyReader { get }
    var schools: any SchoolReader { get }
    var classes: any ClassReader { get }
    var accounts: any AccountReader { get }
    var credentials: any CredentialReader { get }
    var sessions: any SessionReader { get }
    var audit: any AuditReader { get }
    var batches: any CredentialBatchReader { get }
    var challenges: any ChallengeReader { get }
    var outbox: any OutboxReader { get }
    var contacts: any ContactReader { get }
    var registrations: any RegistrationReader { get }
    var contactChanges: any ContactChangeReader { get }
    var recoveryFlows: any RecoveryFlowReader { get }
    var secondFactors: any SecondFactorReader { get }
    var guardianLinks: any GuardianLinkReader { get }
    var snils: any SNILSReader { get }
    var trustedInvitations: any TrustedInvitationReader { get }
    var consents: any ConsentReader { get }
    var clients: any ClientReader { get }
    var authorizationCodes: any AuthorizationCodeReader { get }
    var refreshTokens: any RefreshTokenReader { get }
    var revokedAccessTokens: any RevokedAccessTokenReader { get }
    var acknowledgements: any AcknowledgementReader { get }
    var ledger: any LedgerReader { get }
}
