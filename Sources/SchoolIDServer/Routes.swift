/// Every path the server answers, in one place (kratos's route constants).
public enum Routes {
    public static let health = "/healthz"
    public static let ready = "/readyz"
    public static let metrics = "/metrics"
    public static let jwks = "/.well-known/jwks.json"
    public static let openAPI = "/v1/openapi.json"
    /// OpenID Connect Discovery 1.0 §4 (issue 9).
    public static let openIDConfiguration = "/.well-known/openid-configuration"

    // OAuth 2.0 / OpenID Connect (issue 9)
    /// RFC 6749 §3.1: the authorization endpoint (code flow only).
    public static let oauthAuthorize = "/oauth/authorize"
    /// The consent page's Allow/Deny form posts here.
    public static let oauthAuthorizeDecision = "/oauth/authorize/decision"

    // OAuth 2.0 / OpenID Connect (issue 9)
    /// The token endpoint (RFC 6749 §3.2).
    public static let oauthToken = "/oauth/token"
    /// OpenID Connect RP-Initiated Logout 1.0 §2: the end-session endpoint.
    public static let oauthLogout = "/oauth/logout"
    /// Token introspection (RFC 7662), confidential clients.
    public static let oauthIntrospect = "/oauth/introspect"
    /// Token revocation (RFC 7009).
    public static let oauthRevoke = "/oauth/revoke"
    /// The UserInfo endpoint (OpenID Connect Core §5.3).
    public static let oauthUserinfo = "/oauth/userinfo"

    // JSON API: acknowledgements (issue 10)
    /// `POST` (a diary service's request), `GET ?student=` (the client's or a guardian's list).
    public static let acknowledgements = "/v1/acknowledgements"
    public static let acknowledgement = "/v1/acknowledgements/:acknowledgement_id"
    public static let acknowledgementCode = "/v1/acknowledgements/:acknowledgement_id/code"
    public static let acknowledgementSign = "/v1/acknowledgements/:acknowledgement_id/sign"
    public static let acknowledgementWithdraw = "/v1/acknowledgements/:acknowledgement_id/withdraw"

    // JSON API: access
    public static let login = "/v1/login"
    public static let logout = "/v1/logout"
    public static let passwordChange = "/v1/password/change"
    public static let me = "/v1/me"

    // Consent (issue 8)
    public static let consent = "/v1/consent"
    public static let myConsents = "/v1/me/consents"

    // JSON API: the second login step and TOTP enrolment (issue 6)
    public static let loginSecondFactor = "/v1/login/second-factor"
    public static let loginSecondFactorSMS = "/v1/login/second-factor/sms"
    public static let myTOTP = "/v1/me/second-factors/totp"
    public static let myTOTPConfirm = "/v1/me/second-factors/totp/confirm"

    // JSON API: registration
    public static let registrations = "/v1/registrations"
    public static let registrationResend = "/v1/registrations/:registration_id/resend"
    public static let registrationConfirm = "/v1/registrations/:registration_id/confirm"
    public static let registrationEmailConfirm = "/v1/registrations/:registration_id/email/confirm"
    // JSON API: security settings
    public static let mySessions = "/v1/me/sessions"
    public static let mySession = "/v1/me/sessions/:session_id"
    public static let revokeOtherSessions = "/v1/me/sessions/revoke-others"
    public static let myContacts = "/v1/me/contacts"
    public static let myPhone = "/v1/me/phone"
    public static let myEmail = "/v1/me/email"
    public static let contactChangeConfirm = "/v1/me/contact-changes/:challenge_id/confirm"
    public static let contactChangeResend = "/v1/me/contact-changes/:challenge_id/resend"

    // JSON API: managing second factors and step-up
    public static let mySecondFactors = "/v1/me/second-factors"
    public static let mySecondFactor = "/v1/me/second-factors/:kind"
    public static let mySMSFactor = "/v1/me/second-factors/sms"
    public static let myRecoveryCodes = "/v1/me/recovery-codes"
    public static let stepUp = "/v1/step-up"
    public static let stepUpSMS = "/v1/step-up/sms"
    public static let stepUpSMSConfirm = "/v1/step-up/sms/confirm"

    // JSON API: directory
    public static let schools = "/v1/schools"
    /// OAuth clients (diary services), platform admins with step-up (issue 9).
    public static let clients = "/v1/clients"
    public static let client = "/v1/clients/:client_id"
    public static let clientRotateSecret = "/v1/clients/:client_id/rotate-secret"
    public static let clientDisable = "/v1/clients/:client_id/disable"
    public static let schoolClasses = "/v1/schools/:school_id/classes"
    public static let schoolStaff = "/v1/schools/:school_id/staff"
    public static let classTeachers = "/v1/classes/:class_id/teachers"
    public static let classStudents = "/v1/classes/:class_id/students"
    public static let enrolmentEnd = "/v1/enrolments/:enrolment_id/end"
    /// `DELETE`: a student's account (issue 8).
    public static let account = "/v1/accounts/:account_id"
    public static let accountDisable = "/v1/accounts/:account_id/disable"
    public static let accountUnlock = "/v1/accounts/:account_id/unlock"
    public static let accountAssistedReset = "/v1/accounts/:account_id/assisted-reset"
    public static let audit = "/v1/audit"

    // JSON API: SNILS (issue 7)
    public static let mySNILS = "/v1/me/snils"
    public static let accountSNILS = "/v1/accounts/:account_id/snils"

    // JSON API: personal data (issue 8)
    public static let myExport = "/v1/me/export"

    // JSON API: trusted persons (issue 7)
    public static let childInvitations = "/v1/me/children/:account_id/invitations"
    public static let sentInvitations = "/v1/me/invitations/sent"
    public static let receivedInvitations = "/v1/me/invitations/received"
    public static let invitationAccept = "/v1/invitations/:invitation_id/accept"
    public static let invitationDecline = "/v1/invitations/:invitation_id/decline"
    public static let invitationRevoke = "/v1/invitations/:invitation_id/revoke"
    public static let invitationApprove = "/v1/invitations/:invitation_id/approve"

    // JSON API: credentials
    public static let classCredentialBatches = "/v1/classes/:class_id/credential-batches"
    public static let credentialBatch = "/v1/credential-batches/:batch_id"
    public static let credentialBatchCSV = "/v1/credential-batches/:batch_id/credentials.csv"
    public static let studentTemporaryPassword = "/v1/students/:account_id/temporary-password"
    public static let myChildrenClaim = "/v1/me/children/claim"
    public static let myChildren = "/v1/me/children"
    public static let myChildTemporaryPassword = "/v1/me/children/:account_id/temporary-password"
    public static let myGuardianLinks = "/v1/me/guardian-links"
    public static let myGuardianLinkConfirm = "/v1/me/guardian-links/:link_id/confirm"
    public static let myGuardianLinkDecline = "/v1/me/guardian-links/:link_id/decline"
    public static let studentLinkCodes = "/v1/students/:account_id/link-codes"
    public static let studentGuardianProposals = "/v1/students/:account_id/guardian-proposals"
    public static let guardianLinkEnd = "/v1/guardian-links/:link_id/end"
    public static let myAccess = "/v1/me/access"

    // Acknowledgements and the ledger (issue 10)
    /// Every acknowledgement key with its signing period (never removed).
    public static let ledgerKeys = "/v1/ledger/keys"
    /// The newest signed ledger checkpoint (signed on demand when entries are uncovered).
    public static let ledgerCheckpoint = "/v1/ledger/checkpoint"
    /// A consistency proof between two ledger sizes (`?from=A&to=B`).
    public static let ledgerConsistency = "/v1/ledger/consistency"

    // JSON API: recovery (no authentication)
    public static let recoveryLogin = "/v1/recovery/login"
    public static let recoveryPassword = "/v1/recovery/password"
    public static let recoveryPasswordResend = "/v1/recovery/password/resend"
    public static let recoveryPasswordConfirm = "/v1/recovery/password/confirm"

    // HTML pages
    public static let home = "/"
    public static let loginPage = "/login"
    public static let logoutPage = "/logout"
    public static let passwordChangePage = "/password/change"
    public static let loginSecondFactorPage = "/login/second-factor"
    public static let loginEnrolPage = "/login/enrol"
    public static let teacherPage = "/teacher"
    public static let teacherClassPage = "/teacher/classes/:class_id"
    public static let teacherClassUpload = "/teacher/classes/:class_id/roster"
    public static let batchPage = "/teacher/batches/:batch_id"
    public static let batchSlipsPage = "/teacher/batches/:batch_id/slips"
    public static let batchCSVPage = "/teacher/batches/:batch_id/credentials.csv"
    public static let accountPage = "/account"
    public static let consentPage = "/consent"
    public static let accountConsentPage = "/account/consent"
    public static let registerPage = "/register"
    public static let registerCodePage = "/register/:registration_id"
    /// The emailed code after registration, and the landing once the address is confirmed.
    public static let registerEmailPage = "/register/:registration_id/email"
    public static let teacherReissue = "/teacher/students/:account_id/temporary-password"
    public static let securityPage = "/account/security"
    /// Deleting one's own account (issue 8).
    public static let accountDeletePage = "/account/delete"
    public static let securitySessionRevoke = "/account/security/sessions/:session_id/revoke"
    public static let securityRevokeOthers = "/account/security/sessions/revoke-others"
    public static let securityPhonePage = "/account/security/phone"
    public static let securityEmailPage = "/account/security/email"
    public static let securityConfirmPage = "/account/security/contact-changes/:challenge_id/confirm"
    public static let recoverPage = "/recover"
    public static let recoverLoginPage = "/recover/login"
    public static let recoverPasswordPage = "/recover/password"
    public static let recoverPasswordFlowPage = "/recover/password/:flow_id"
    public static let secondFactorsPage = "/account/second-factors"
    public static let secondFactorsTOTPPage = "/account/second-factors/totp"
    public static let secondFactorsTOTPConfirmPage = "/account/second-factors/totp/confirm"
    public static let secondFactorsSMSPage = "/account/second-factors/sms"
    public static let secondFactorRemovePage = "/account/second-factors/:kind/remove"
    public static let recoveryCodesPage = "/account/second-factors/recovery-codes"
    public static let stepUpPage = "/step-up"
    public static let childrenPage = "/account/children"
    public static let childrenClaimPage = "/account/children/claim"
    public static let childLinkConfirmPage = "/account/children/links/:link_id/confirm"
    public static let childLinkDeclinePage = "/account/children/links/:link_id/decline"
    public static let childTemporaryPasswordPage = "/account/children/:account_id/temporary-password"
    public static let trustedPersonsPage = "/account/trusted-persons"
    public static let trustedInvitePage = "/account/trusted-persons/invite"
    public static let trustedAcceptPage = "/account/trusted-persons/:invitation_id/accept"
    public static let trustedDeclinePage = "/account/trusted-persons/:invitation_id/decline"
    public static let trustedRevokePage = "/account/trusted-persons/:invitation_id/revoke"
    public static let trustedApprovePage = "/account/trusted-persons/:invitation_id/approve"
    public static let exportPage = "/account/export"
    public static let exportDownloadPage = "/account/export.json"
    /// A guardian's acknowledgements: pending and signed, per child (issue 10).
    public static let acknowledgementsPage = "/account/acknowledgements"
    /// The confirmation page of one acknowledgement.
    public static let acknowledgementPage = "/account/acknowledgements/:acknowledgement_id"
    public static let acknowledgementCodePage = "/account/acknowledgements/:acknowledgement_id/code"
    public static let acknowledgementSignPage = "/account/acknowledgements/:acknowledgement_id/sign"
    public static let acknowledgementWithdrawPage = "/account/acknowledgements/:acknowledgement_id/withdraw"
    /// The receipt JWS as an `application/jwt` download.
    public static let acknowledgementReceiptPage = "/account/acknowledgements/:acknowledgement_id/receipt"
    public static let teacherLinkCode = "/teacher/students/:account_id/link-code"
    public static let teacherGuardianProposal = "/teacher/students/:account_id/guardian-proposal"

    // Issue 11: admin
    /// The admin console's start page (platform and school admins).
    public static let adminPage = "/admin"
    /// Schools: list (`GET`) and create (`POST`, platform admins).
    public static let adminSchoolsPage = "/admin/schools"
    /// One school: its staff and classes.
    public static let adminSchoolPage = "/admin/schools/:school_id"
    public static let adminSchoolStaffPage = "/admin/schools/:school_id/staff"
    public static let adminSchoolClassesPage = "/admin/schools/:school_id/classes"
    public static let adminClassTeacherPage = "/admin/classes/:class_id/teachers"
    /// OAuth clients: list (`GET`) and register (`POST`).
    public static let adminClientsPage = "/admin/clients"
    public static let adminClientRotatePage = "/admin/clients/:client_id/rotate-secret"
    public static let adminClientDisablePage = "/admin/clients/:client_id/disable"
    /// The keyring: every key with its state.
    public static let adminKeysPage = "/admin/keys"
    public static let adminKeysRotatePage = "/admin/keys/rotate"
    /// Audit search over `GET /v1/audit`'s query.
    public static let adminAuditPage = "/admin/audit"

    // Issue 11: shell
    /// The static files' folder (``Assets``: `/assets/schoolid-<hash>.css|js`).
    public static let assetsPrefix = "/assets/"
    /// `GET ?lang=ru|en&return_to=…`: the language switch (sets `schoolid_lang`).
    public static let languagePage = "/language"

    /// A concrete path from a template: `path(credentialBatch, "batch_id", "bat_…")`.
    static func path(_ template: String, _ parameter: String, _ value: String) -> String {
        template.replacingOccurrences(of: ":" + parameter, with: value)
    }
}
