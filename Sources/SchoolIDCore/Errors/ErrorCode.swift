/// The registry of stable domain error codes.
///
/// Raw values are `snake_case` and never change once shipped: clients, the audit log
/// and the HTTP layer key on them. Every code has a Russian and an English message in
/// `ErrorCode+Messages.swift`; the exhaustive switches there make a missing text a
/// compile error, and `ErrorCodeTests` checks that none is empty.
/// Later issues add cases here (and their texts there); they never rename one.
public enum ErrorCode: String, Sendable, Hashable, CaseIterable {
    // Identifiers
    /// An opaque identifier (account, school) is malformed.
    case identifierInvalid = "identifier_invalid"
    /// A school code is not 2–12 lower-case ASCII letters and digits.
    case schoolCodeInvalid = "school_code_invalid"

    // Login
    /// A login is shorter or longer than allowed.
    case loginInvalidLength = "login_invalid_length"
    /// A login contains a character outside `a–z 0–9 . _ -`.
    case loginInvalidCharacter = "login_invalid_character"
    /// A login was typed with Cyrillic letters that look like Latin ones.
    case loginCyrillicLookalike = "login_cyrillic_lookalike"
    /// A login starts or ends with punctuation, or repeats it.
    case loginInvalidFormat = "login_invalid_format"
    /// A login pattern field does not fit its declared width.
    case loginPatternOverflow = "login_pattern_overflow"

    // Contacts and documents
    /// A phone number is not a valid E.164 number.
    case phoneInvalidFormat = "phone_invalid_format"
    /// A phone number has too few or too many digits.
    case phoneInvalidLength = "phone_invalid_length"
    /// An email address is malformed.
    case emailInvalidFormat = "email_invalid_format"
    /// An email address's domain is malformed or not ASCII.
    case emailInvalidDomain = "email_invalid_domain"
    /// A SNILS is not 11 digits or fails its check number (the detail says which).
    case snilsInvalid = "snils_invalid"
    /// Staff verify a SNILS that another account already holds verified.
    case snilsTaken = "snils_taken"

    // Passwords
    /// A password is empty.
    case passwordEmpty = "password_empty"
    /// A password is shorter than the policy's minimum for this account.
    case passwordTooShort = "password_too_short"
    /// A password is longer than the policy's maximum after NFKC.
    case passwordTooLong = "password_too_long"
    /// A password contains control characters.
    case passwordInvalidCharacter = "password_invalid_character"
    /// A password is on the blocklist of common or breached passwords.
    case passwordBlocklisted = "password_blocklisted"
    /// A password is the login or an obvious variant of it.
    case passwordContainsLogin = "password_contains_login"

    // People and rosters
    /// A calendar date is malformed, does not exist, or is outside 1900–2100.
    case dateInvalid = "date_invalid"
    /// A person's name is empty, longer than 100 characters, or has control characters.
    case nameInvalid = "name_invalid"
    /// A roster file is neither UTF-8 nor Windows-1251 text.
    case rosterInvalidEncoding = "roster_invalid_encoding"
    /// A roster's header lacks a required column (last name, first name).
    case rosterMissingColumn = "roster_missing_column"
    /// A roster's header names a column the service does not know.
    case rosterUnknownColumn = "roster_unknown_column"
    /// A roster row is malformed or holds an invalid name or date (the detail names the row).
    case rosterInvalidRow = "roster_invalid_row"
    /// A roster has no students.
    case rosterEmpty = "roster_empty"
    /// A roster has more students or bytes than one batch allows.
    case rosterTooLarge = "roster_too_large"

    // Access
    /// The actor's role does not grant the permission.
    case permissionDenied = "permission_denied"
    /// Too many failed attempts: the account is locked for a while.
    case accountLocked = "account_locked"
    /// Too many attempts in a short time: retry after a delay.
    case retryLater = "retry_later"

    // One-time codes
    /// The code is wrong, malformed, already used, or the challenge is unknown.
    case codeInvalid = "code_invalid"
    /// The code's lifetime is over: request a new one.
    case codeExpired = "code_expired"
    /// Too many wrong codes: the challenge is burnt, start over.
    case codeExhausted = "code_exhausted"
    /// A new code was requested before the resend cooldown passed (429 + `Retry-After`).
    case codeResendTooSoon = "code_resend_too_soon"
    /// The phone number is outside the SMS policy's allowed prefixes (`otp.json` `sms`).
    case phoneNotAllowed = "phone_not_allowed"
    /// The service-wide hourly SMS budget is spent (429 + `Retry-After`).
    case smsBudgetExhausted = "sms_budget_exhausted"

    // Accounts, sessions and the directory
    /// The login or the password is wrong (never says which).
    case invalidCredentials = "invalid_credentials"
    /// The account is disabled (told only after the password verified).
    case accountDisabled = "account_disabled"
    /// The temporary password expired or was used (told only after it verified).
    case temporaryPasswordExpired = "temporary_password_expired"
    /// A temporary password verified: a new password must be set before anything else.
    case passwordChangeRequired = "password_change_required"
    /// The password-change ticket is unknown, used or expired.
    case passwordChangeTicketInvalid = "password_change_ticket_invalid"
    /// The new password equals the current (or temporary) one.
    case passwordUnchanged = "password_unchanged"
    /// A cookie-authenticated request without the session's CSRF token.
    case csrfTokenInvalid = "csrf_token_invalid"
    /// The request's Origin is not this service.
    case originNotAllowed = "origin_not_allowed"
    /// The actor's role applies only in other schools.
    case schoolNotAssigned = "school_not_assigned"
    /// The actor teaches other classes, not this one.
    case classNotAssigned = "class_not_assigned"
    /// No such school.
    case schoolNotFound = "school_not_found"
    /// No such class.
    case classNotFound = "class_not_found"
    /// No such account.
    case accountNotFound = "account_not_found"
    /// No such active enrolment.
    case enrolmentNotFound = "enrolment_not_found"
    /// No such credential batch.
    case credentialBatchNotFound = "credential_batch_not_found"
    /// No such pending registration (unknown, expired or already completed).
    case registrationNotFound = "registration_not_found"
    /// No such recovery flow (unknown, expired or already completed).
    case recoveryFlowNotFound = "recovery_flow_not_found"
    /// No such session of the account.
    case sessionNotFound = "session_not_found"
    /// The new phone or email is the one the account already has.
    case contactUnchanged = "contact_unchanged"
    /// The action needs a second factor proven within `step_up_seconds`
    /// (`second_factor.json`): prove a factor (or an SMS code) again and retry.
    case stepUpRequired = "step_up_required"
    /// The account may not be deleted this way: staff (and platform admins) are ended
    /// by their school or the operator, and only a student's school admin (or a
    /// platform admin) deletes a student.
    case accountDeletionNotAllowed = "account_deletion_not_allowed"
    /// The password was right; the login continues with the second-factor code.
    case secondFactorRequired = "second_factor_required"
    /// Staff must enrol a second factor before anything else.
    case secondFactorEnrolmentRequired = "second_factor_enrolment_required"
    /// SMS as a second factor is turned off by policy.
    case secondFactorDisabled = "second_factor_disabled"
    /// The account's roles require a second factor, so its last confirmed factor stays.
    case secondFactorRequiredByPolicy = "second_factor_required_by_policy"
    /// An SMS code is needed but the account has no verified phone.
    case phoneNotVerified = "phone_not_verified"
    /// The batch is still running.
    case credentialBatchNotFinished = "credential_batch_not_finished"
    /// The batch's passwords were already downloaded or purged.
    case credentialBatchGone = "credential_batch_gone"
    /// Another school has this code.
    case schoolCodeTaken = "school_code_taken"
    /// The school already has this class in that school year.
    case classAlreadyExists = "class_already_exists"
    /// The login is or was used by another account.
    case loginTaken = "login_taken"
    /// The person already holds this role there.
    case membershipExists = "membership_exists"
    /// The student is already enrolled in that school.
    case enrolmentExists = "enrolment_exists"
    /// The operation needs a student account.
    case accountNotStudent = "account_not_student"
    /// A name or other text is empty, too long or has control characters.
    case textInvalid = "text_invalid"
    /// Not an IANA time zone.
    case timeZoneInvalid = "time_zone_invalid"
    /// A class number outside 1–11.
    case gradeInvalid = "grade_invalid"
    /// A class letter outside А–Я (without Ё, Й, Ъ, Ы, Ь).
    case classLetterInvalid = "class_letter_invalid"
    /// A school year start outside 2000–2100.
    case schoolYearInvalid = "school_year_invalid"
    /// Not a staff role that may be given here.
    case roleInvalid = "role_invalid"

    // Guardians and children (issue 7)
    /// No registered account has this verified phone (staff-only proposal).
    case guardianNotFound = "guardian_not_found"
    /// No link with this id that the person may act on.
    case guardianLinkNotFound = "guardian_link_not_found"
    /// The guardian is already linked to (or proposed for) this child.
    case guardianLinkExists = "guardian_link_exists"
    /// The link is not waiting for confirmation (already confirmed, declined or ended).
    case guardianLinkNotPending = "guardian_link_not_pending"
    /// The child already has as many guardians as the policy allows.
    case guardianLimitReached = "guardian_limit_reached"
    /// The link code is wrong, used or expired (counted like a wrong password).
    case linkCodeInvalid = "link_code_invalid"
    /// The child has a verified phone or email and resets their own password.
    case childHasContacts = "child_has_contacts"

    // Consent (issue 8)
    /// The consent to the processing of personal data was not given (no `consent_version`).
    case consentRequired = "consent_required"
    /// The consent given names a text version that is not the current one.
    case consentOutdated = "consent_outdated"

    // Trusted persons (issue 7)
    /// No invitation with this id that the person may see or act on.
    case invitationNotFound = "invitation_not_found"
    /// The invitation was already accepted, declined or revoked, or the grant is over.
    case invitationNotPending = "invitation_not_pending"
    /// The invitation was not accepted within the acceptance window.
    case invitationLapsed = "invitation_lapsed"
    /// The acceptance code is missing or wrong (counted like a wrong password).
    case acceptanceCodeInvalid = "acceptance_code_invalid"
    /// An invitation names the person by last name plus exactly one of phone or SNILS.
    case inviteeInvalid = "invitee_invalid"

    // OAuth clients (issue 9)
    /// No OAuth client with this id.
    case clientNotFound = "client_not_found"
    /// A client registration breaks a rule (id syntax, redirect URI, grant, scope, algorithm).
    case clientInvalid = "client_invalid"
    /// A client with this id is already registered.
    case clientExists = "client_exists"

    // Acknowledgements (issue 10)
    /// No acknowledgement with this id that the caller may see.
    case acknowledgementNotFound = "acknowledgement_not_found"
    /// An acknowledgement request breaks a rule (document id, title length, digest
    /// syntax, a deadline in the past); the detail names the field.
    case acknowledgementInvalid = "acknowledgement_invalid"
    /// The client already asked for this document id and digest about another student.
    case acknowledgementConflict = "acknowledgement_conflict"
    /// The student is not enrolled in a school the client serves.
    case studentNotServed = "student_not_served"
    /// A ledger range is outside `1 ≤ from ≤ to ≤` the tree size, or an index is outside the tree.
    case ledgerRangeInvalid = "ledger_range_invalid"
    /// The acknowledgement is already signed (or withdrawn): nothing to confirm again.
    case acknowledgementAlreadySigned = "acknowledgement_already_signed"
    /// Only a signed acknowledgement can be withdrawn.
    case acknowledgementNotSigned = "acknowledgement_not_signed"
    /// The client's deadline for signing has passed.
    case acknowledgementDeadlinePassed = "acknowledgement_deadline_passed"
    /// The code was sent for another acknowledgement (or another version of the document).
    case acknowledgementCodeMismatch = "acknowledgement_code_mismatch"
    /// Trusted persons may not sign acknowledgements (`acknowledgements.json`
    /// `trusted_persons_may_sign`).
    case trustedSigningDisabled = "trusted_signing_disabled"

    // HTTP transport and service (rendered by the server's one error shape)
    /// The request is malformed.
    case badRequest = "bad_request"
    /// The request line is malformed (RFC 9112 §3).
    case badRequestLine = "bad_request_line"
    /// A line ended with LF instead of CRLF.
    case bareLineFeed = "bare_line_feed"
    /// The request line exceeds the limit.
    case uriTooLong = "uri_too_long"
    /// The header section exceeds the byte limit.
    case headerTooLarge = "header_too_large"
    /// The header section has too many fields.
    case tooManyHeaders = "too_many_headers"
    /// A header name has characters outside the token set.
    case invalidHeaderName = "invalid_header_name"
    /// A header value contains NUL, CR or LF.
    case invalidHeaderValue = "invalid_header_value"
    /// Whitespace between a header name and the colon (RFC 9112 §5.1).
    case whitespaceBeforeColon = "whitespace_before_colon"
    /// A header value continues on the next line (obs-fold, RFC 9112 §5.2).
    case obsoleteLineFolding = "obsolete_line_folding"
    /// An HTTP/1.1 request without exactly one Host header.
    case missingHost = "missing_host"
    /// Both Content-Length and Transfer-Encoding: a smuggling attempt.
    case contentLengthAndTransferEncoding = "content_length_and_transfer_encoding"
    /// More than one Content-Length.
    case duplicateContentLength = "duplicate_content_length"
    /// Content-Length is not a decimal number.
    case invalidContentLength = "invalid_content_length"
    /// A transfer coding other than a single final chunked.
    case unsupportedTransferEncoding = "unsupported_transfer_encoding"
    /// A chunk size or chunk framing is malformed.
    case invalidChunk = "invalid_chunk"
    /// The body exceeds the limit.
    case bodyTooLarge = "body_too_large"
    /// An Expect value other than 100-continue.
    case unsupportedExpectation = "unsupported_expectation"
    /// A method the server does not implement.
    case methodNotImplemented = "method_not_implemented"
    /// An HTTP version other than 1.0 and 1.1.
    case versionNotSupported = "version_not_supported"
    /// The request was not received in time.
    case requestTimeout = "request_timeout"
    /// No route for this path.
    case notFound = "not_found"
    /// The route exists but not for this method.
    case methodNotAllowed = "method_not_allowed"
    /// The body's content type is not accepted here.
    case unsupportedMediaType = "unsupported_media_type"
    /// The body is not the JSON this route expects.
    case invalidJSON = "invalid_json"
    /// A bounded work pool is full: retry after the advertised delay.
    case serviceBusy = "service_busy"
    /// Storage or keys are not available.
    case notReady = "not_ready"
    /// The database refused a write (read-only or full filesystem, I/O error): nothing was
    /// changed; retry after the advertised delay (503 + `Retry-After`). Reads keep working.
    case storageUnavailable = "storage_unavailable"
    /// Credentials are missing or wrong.
    case unauthorized = "unauthorized"
    /// An unexpected failure; the detail is logged under the request id.
    case serverError = "server_error"
    /// The request target is not origin-form or has invalid escapes.
    case invalidRequestTarget = "invalid_request_target"
    /// More than one Host header.
    case duplicateHost = "duplicate_host"
    /// The Host header value is malformed.
    case invalidHost = "invalid_host"
    /// Transfer-Encoding where chunked is not the single final coding, or on HTTP/1.0.
    case invalidTransferEncoding = "invalid_transfer_encoding"
}
