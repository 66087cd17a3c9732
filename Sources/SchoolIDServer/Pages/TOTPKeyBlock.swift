import SchoolIDCore

/// How a new TOTP secret is shown for an authenticator app: the step text, the secret
/// in groups of four (RFC 4648 §6 base32) and the `otpauth://` link.
///
/// The one place that renders a secret for the account's enrolment page
/// (``FactorPages``); a QR image of ``TOTPEnrolment/uri`` belongs here when the
/// login enrolment page (``EnrolmentPages``) gets one, so that both pages show the same.
enum TOTPKeyBlock {
    /// The key block for `enrolment` (secret and URI escaped into the markup).
    static func html(_ enrolment: TOTPEnrolment, language: MessageLanguage) -> HTML {
        let text = { (key: SecondFactorPageText) in key.text(in: language) }
        return """
            <p>\(text(.enrolKeyStep))</p>
            <p><strong class="secret">\(enrolment.groupedSecret.unredacted)</strong></p>
            <p><a href="\(enrolment.uri.unredacted)">\(text(.enrolURILink))</a></p>

            """
    }
}
