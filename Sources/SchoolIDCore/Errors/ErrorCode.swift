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
    /// A SNILS is not 11 digits.
    case snilsInvalidFormat = "snils_invalid_format"
    /// A SNILS fails its check digits.
    case snilsInvalidChecksum = "snils_invalid_checksum"

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

    // Access
    /// The actor's role does not grant the permission.
    case permissionDenied = "permission_denied"
    /// Too many failed attempts: the account is locked for a while.
    case accountLocked = "account_locked"
    /// Too many attempts in a short time: retry after a delay.
    case retryLater = "retry_later"
}
