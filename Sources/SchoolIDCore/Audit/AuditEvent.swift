import SchoolIDBase

/// One append-only security event: who did what to whom, when, from where.
public struct AuditEvent: Hashable, Sendable {
    /// Position in the log, assigned by the store on append (0 before).
    public var sequence: Int64
    public var at: UnixTime
    public var action: AuditAction
    /// Who acted (`nil` for an anonymous attempt or the CLI).
    public var actorID: Account.ID?
    /// Whose account it was about.
    public var targetID: Account.ID?
    /// The school it concerns, for school admins' view of the log.
    public var schoolID: School.ID?
    /// The client address (`cli` for the command line).
    public var clientAddress: String
    /// The request id, to join with the access log.
    public var requestID: String
    /// A short English detail (the policy decision reason); never a secret.
    public var detail: String

    public init(sequence: Int64 = 0, at: UnixTime, action: AuditAction, actorID: Account.ID? = nil,
                targetID: Account.ID? = nil, schoolID: School.ID? = nil, clientAddress: String, requestID: String,
                detail: String = "")
    {
        self.sequence = sequence
        self.at = at
        self.action = action
        self.actorID = actorID
        self.targetID = targetID
        self.schoolID = schoolID
        self.clientAddress = clientAddress
        self.requestID = requestID
        self.detail = detail
    }
}

extension AuditEvent {
    /// The school whose admins see events about `accountID`: the school of a student's
    /// latest enrolment, else the first school of a staff membership (`nil` for a
    /// platform admin or an account without either).
    public static func school(of accountID: Account.ID, accounts: any AccountReader, classes: any ClassReader) throws
        -> School.ID?
    {
        if let enrolment = try accounts.enrolments(of: accountID).last,
           let schoolClass = try classes.schoolClass(enrolment.classID)
        {
            return schoolClass.schoolID
        }
        return try accounts.memberships(of: accountID).lazy.compactMap(\.schoolID).first
    }
}

/// What an audit event records. Raw values are stable: operators grep for them.
public enum AuditAction: String, Hashable, Sendable, CaseIterable {
    case loginSucceeded = "login.succeeded"
    case loginFailed = "login.failed"
    case loginThrottled = "login.throttled"
    case accountLocked = "account.locked"
    case accountUnlocked = "account.unlocked"
    case accountDisabled = "account.disabled"
    case temporaryPasswordIssued = "temporary_password.issued"
    case temporaryPasswordReissued = "temporary_password.reissued"
    case expiredTemporaryPasswordUsed = "temporary_password.expired_use"
    case passwordChanged = "password.changed"
    case passwordRehashed = "password.rehashed"
    case sessionsRevoked = "sessions.revoked"
    case loggedOut = "session.logged_out"
    case sessionRevoked = "session.revoked"
    case contactChangeStarted = "contact.change_started"
    case contactChanged = "contact.changed"
    case enrolmentStarted = "enrolment.started"
    case enrolmentEnded = "enrolment.ended"
    case schoolCreated = "school.created"
    case classCreated = "class.created"
    case teacherAssigned = "class.teacher_assigned"
    case staffAdded = "staff.added"
    case initialAdminCreated = "admin.initial_created"
    case credentialBatchCreated = "credential_batch.created"
    case credentialBatchFinished = "credential_batch.finished"
    case credentialBatchDownloaded = "credential_batch.downloaded"
    case credentialBatchPurged = "credential_batch.purged"
    case permissionDenied = "permission.denied"
    case codeSent = "code.sent"
    case codeFailed = "code.failed"
    case codeExhausted = "code.exhausted"
    case codeVerified = "code.verified"
    /// An SMS or email could not be delivered (refused for good or out of attempts).
    case messageFailed = "message.failed"
    case registrationStarted = "registration.started"
    case registrationCompleted = "registration.completed"
    case registrationEmailVerified = "registration.email_verified"
    case recoveryLoginRequested = "recovery.login_requested"
    case recoveryRequested = "recovery.requested"
    case recoveryPasswordReset = "recovery.password_reset"
    /// A second factor was confirmed (TOTP: first code typed back; SMS: enrolled).
    case secondFactorEnrolled = "second_factor.enrolled"
    /// A second factor's code was accepted at login or step-up.
    case secondFactorUsed = "second_factor.used"
    /// A wrong, replayed or malformed second-factor code or recovery code.
    case secondFactorFailed = "second_factor.failed"
    case secondFactorRemoved = "second_factor.removed"
    case recoveryCodeUsed = "second_factor.recovery_code_used"
    case recoveryCodesRegenerated = "second_factor.recovery_codes_regenerated"
    /// Staff gave an account a temporary password and removed its second factors.
    case assistedReset = "account.assisted_reset"
    /// A guardian linked a child with its credentials or a link code.
    case guardianLinkClaimed = "guardian_link.claimed"
    /// Staff proposed a link to a guardian found by verified phone (or SNILS).
    case guardianLinkProposed = "guardian_link.proposed"
    case guardianLinkConfirmed = "guardian_link.confirmed"
    case guardianLinkDeclined = "guardian_link.declined"
    /// A school admin ended a link.
    case guardianLinkEnded = "guardian_link.ended"
    case linkCodeIssued = "link_code.issued"
    /// A wrong, used or expired link code was typed (counted like a wrong password).
    case linkCodeFailed = "link_code.failed"
    /// A guardian gave a linked child a new temporary password.
    case childPasswordReset = "guardian.child_password_reset"
    /// A person entered their own SNILS (never the value).
    case snilsDeclared = "snils.declared"
    /// Staff who saw the document entered or confirmed an account's SNILS.
    case snilsVerified = "snils.verified"
    /// A person removed their SNILS.
    case snilsCleared = "snils.cleared"
    /// A guardian invited a trusted person for a child (never the invitee's data).
    case trustedInvitationCreated = "trusted_invitation.created"
    /// The invitee accepted: a grant that becomes active after the delay.
    case trustedInvitationAccepted = "trusted_invitation.accepted"
    case trustedInvitationDeclined = "trusted_invitation.declined"
    /// A guardian (or the trusted person) ended an invitation or grant.
    case trustedInvitationRevoked = "trusted_invitation.revoked"
    /// A guardian approved a grant (policy `require_all_guardians_approval`).
    case trustedInvitationApproved = "trusted_invitation.approved"
    /// A missing or wrong acceptance code (counted like a wrong password).
    case trustedInvitationCodeFailed = "trusted_invitation.code_failed"
    /// The garbage collector destroyed rows past their retention age (what, why, how
    /// many; never the data).
    case dataDestroyed = "data_destroyed"
    /// An account holder took the export of their data (issue 8, GDPR Art. 15).
    case accountExported = "account.exported"
    /// An account was deleted: its personal data crypto-shredded, its row kept as a
    /// tombstone (what was removed and how many, never the values).
    case accountDeleted = "account.deleted"
    /// An adult consented to the processing of their own or, as legal representative,
    /// a child's personal data (152-FZ art. 9).
    case consentGiven = "consent.given"
    /// An OAuth client (diary service) was registered (its id in the detail).
    case clientCreated = "client.created"
    /// A client's secret was replaced; the previous one works until the grace ends.
    case clientSecretRotated = "client.secret_rotated"
    /// A client was disabled: it can no longer authenticate or get tokens.
    case clientDisabled = "client.disabled"
    /// The token endpoint issued tokens (grant type and client in the detail; never a
    /// token or code).
    case oauthTokenIssued = "oauth.token_issued"
    /// An authorization code was presented again: the refresh family its first
    /// redemption opened was revoked (RFC 6749 §4.1.2).
    case oauthCodeReplayed = "oauth.code_replayed"
    /// A rotated refresh token was presented again: its whole family was revoked
    /// (RFC 9700 §4.14.2).
    case oauthRefreshReplayed = "oauth.refresh_replayed"
    /// An authorization code was issued to a client for an account (never the code itself).
    case oauthCodeIssued = "oauth.code_issued"
    /// A client exchanged a person's access token for a delegated token about one
    /// student (RFC 8693): actor the person, target the student.
    case oauthTokenExchanged = "oauth.token_exchanged"
    /// A login session was ended by RP-initiated logout (`/oauth/logout`), with the
    /// refresh tokens issued under it (client, account, session handle).
    case oauthLogout = "oauth.logout"
    /// A client revoked one of its tokens at `/oauth/revoke` (RFC 7009): the kind and
    /// the client, never the token.
    case oauthTokenRevoked = "oauth.token_revoked"
    /// Failed client authentications from one client id or address reached their
    /// limit: further attempts are refused with 429 until the window passes.
    case oauthClientAuthThrottled = "oauth.client_auth_throttled"
    /// A diary service asked the student's guardians to acknowledge a document (issue
    /// 10): target the student; the detail names the acknowledgement and the client,
    /// never the title.
    case ackRequested = "ack.requested"
    /// The ledger signed a checkpoint (issue 10): no target; the detail names the tree
    /// size, the root and why (`appends`, `due`, `on_demand`, `cli`).
    case ledgerCheckpointSigned = "ledger.checkpoint_signed"
    /// A guardian (or an allowed trusted person) signed an acknowledgement: actor the
    /// signer, target the student; the detail names the acknowledgement, the method and
    /// the ledger index, never the title.
    case ackSigned = "ack.signed"
    /// A signer withdrew a signature by appending a withdrawal entry to the ledger.
    case ackWithdrawn = "ack.withdrawn"
    /// `schoolid serve --demo` created a demo account or client (issue 11): target the
    /// account (none for the client), school the demo school; the detail names what it
    /// is (`teacher`, `student`, `guardian`, `client diary-demo`). Never a password.
    case demoSeeded = "demo.seeded"
    /// A platform admin rotated keys of one purpose from the admin pages (issue 11):
    /// the detail names the purpose and the key ids activated, retired and created.
    case keyRotated = "key.rotated"
}

/// Which events to read: all filters optional and combined with AND; newest first.
public struct AuditQuery: Hashable, Sendable {
    /// Events whose actor or target is this account.
    public var accountID: Account.ID?
    public var schoolID: School.ID?
    /// Events at or after this time.
    public var since: UnixTime?
    /// Events with a sequence below this (paging backwards).
    public var before: Int64?
    public var limit: Int
    /// Events before this time (the end of a date range), when set.
    public var until: UnixTime?
    /// Events with one of these actions, when set (an empty set matches nothing).
    public var actions: Set<AuditAction>?

    public init(accountID: Account.ID? = nil, schoolID: School.ID? = nil, since: UnixTime? = nil, before: Int64? = nil,
                limit: Int = 100)
    {
        self.accountID = accountID
        self.schoolID = schoolID
        self.since = since
        self.before = before
        self.limit = limit
    }
}
