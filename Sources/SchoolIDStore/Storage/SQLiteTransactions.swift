import SchoolIDCore

/// A unit of work's view of the writer connection: the SQLite implementations of every
/// store, all sharing the unit's savepoint inside the group's `BEGIN IMMEDIATE`.
///
/// Valid only inside the unit that received it. Store implementations, the CLI and
/// tests may use ``connection`` for SQL; the domain sees only ``WriteTransaction``.
public final class SQLiteWriteTransaction: WriteTransaction {
    /// The writer connection, inside the unit's savepoint.
    public let connection: SQLiteConnection

    init(connection: SQLiteConnection) { self.connection = connection }

    public var reading: any ReadTransaction { SQLiteReadTransaction(connection: connection) }
    public var ownerKeys: any OwnerKeyStore { SQLiteOwnerKeyStore(connection: connection) }
    public var schools: any SchoolStore { SQLiteSchoolStore(connection: connection) }
    public var classes: any ClassStore { SQLiteClassStore(connection: connection) }
    public var accounts: any AccountStore { SQLiteAccountStore(connection: connection) }
    public var credentials: any CredentialStore { SQLiteCredentialStore(connection: connection) }
    public var sessions: any SessionStore { SQLiteSessionStore(connection: connection) }
    public var audit: any AuditLog { SQLiteAuditLog(connection: connection) }
    public var batches: any CredentialBatchStore { SQLiteCredentialBatchStore(connection: connection) }
    public var challenges: any ChallengeStore { SQLiteChallengeStore(connection: connection) }
    public var outbox: any OutboxStore { SQLiteOutboxStore(connection: connection) }
    public var contacts: any ContactStore { SQLiteContactStore(connection: connection) }
    public var registrations: any RegistrationStore { SQLiteRegistrationStore(connection: connection) }
    public var contactChanges: any ContactChangeStore { SQLiteContactChangeStore(connection: connection) }
    public var recoveryFlows: any RecoveryFlowStore { SQLiteRecoveryFlowStore(connection: connection) }
    public var secondFactors: any SecondFactorStore { SQLiteSecondFactorStore(connection: connection) }
    public var guardianLinks: any GuardianLinkStore { SQLiteGuardianLinkStore(connection: connection) }
    public var keyRotation: any KeyRotationStore { SQLiteKeyRotationStore(connection: connection) }
    public var snils: any SNILSStore { SQLiteSNILSStore(connection: connection) }
    public var trustedInvitations: any TrustedInvitationStore { SQLiteTrustedInvitationStore(connection: connection) }
    public var consents: any ConsentStore { SQLiteConsentStore(connection: connection) }
    public var clients: any ClientStore { SQLiteClientStore(connection: connection) }
    public var authorizationCodes: any AuthorizationCodeStore { SQLiteAuthorizationCodeStore(connection: connection) }
    public var refreshTokens: any RefreshTokenStore { SQLiteRefreshTokenStore(connection: connection) }
    public var revokedAccessTokens: any RevokedAccessTokenStore { SQLiteRevokedAccessTokenStore(connection: connection) }
    public var acknowledgements: any AcknowledgementStore { SQLiteAcknowledgementStore(connection: connection) }
    public var ledger: any LedgerStore { SQLiteLedgerStore(connection: connection) }
}

/// A read's view of one reader connection, inside a deferred read transaction.
public final class SQLiteReadTransaction: ReadTransaction {
    /// The reader connection (opened read-only).
    public let connection: SQLiteConnection

    init(connection: SQLiteConnection) { self.connection = connection }

    public var ownerKeys: any OwnerKeyReader { SQLiteOwnerKeyStore(connection: connection) }
    public var schools: any SchoolReader { SQLiteSchoolStore(connection: connection) }
    public var classes: any ClassReader { SQLiteClassStore(connection: connection) }
    public var accounts: any AccountReader { SQLiteAccountStore(connection: connection) }
    public var credentials: any CredentialReader { SQLiteCredentialStore(connection: connection) }
    public var sessions: any SessionReader { SQLiteSessionStore(connection: connection) }
    public var audit: any AuditReader { SQLiteAuditLog(connection: connection) }
    public var batches: any CredentialBatchReader { SQLiteCredentialBatchStore(connection: connection) }
    public var challenges: any ChallengeReader { SQLiteChallengeStore(connection: connection) }
    public var outbox: any OutboxReader { SQLiteOutboxStore(connection: connection) }
    public var contacts: any ContactReader { SQLiteContactStore(connection: connection) }
    public var registrations: any RegistrationReader { SQLiteRegistrationStore(connection: connection) }
    public var contactChanges: any ContactChangeReader { SQLiteContactChangeStore(connection: connection) }
    public var recoveryFlows: any RecoveryFlowReader { SQLiteRecoveryFlowStore(connection: connection) }
    public var secondFactors: any SecondFactorReader { SQLiteSecondFactorStore(connection: connection) }
    public var guardianLinks: any GuardianLinkReader { SQLiteGuardianLinkStore(connection: connection) }
    public var snils: any SNILSReader { SQLiteSNILSStore(connection: connection) }
    public var trustedInvitations: any TrustedInvitationReader { SQLiteTrustedInvitationStore(connection: connection) }
    public var consents: any ConsentReader { SQLiteConsentStore(connection: connection) }
    public var clients: any ClientReader { SQLiteClientStore(connection: connection) }
    public var authorizationCodes: any AuthorizationCodeReader { SQLiteAuthorizationCodeStore(connection: connection) }
    public var refreshTokens: any RefreshTokenReader { SQLiteRefreshTokenStore(connection: connection) }
    public var revokedAccessTokens: any RevokedAccessTokenReader { SQLiteRevokedAccessTokenStore(connection: connection) }
    public var acknowledgements: any AcknowledgementReader { SQLiteAcknowledgementStore(connection: connection) }
    public var ledger: any LedgerReader { SQLiteLedgerStore(connection: connection) }
}
