import SchoolIDCore

/// How a new TOTP secret is shown for an authenticator app: the step text, the
/// `otpauth://` URI as a QR code (``TOTPQRFigure``), the secret in groups of four
/// (RFC 4648 §6 base32) and the URI as a link.
///
/// The one place that renders a new secret, for the enrolment forced at login
/// (``EnrolmentPages``) and the account's factor page (``FactorPages``) alike.
enum TOTPKeyBlock {
    /// The key block for `enrolment` (secret and URI escaped into the markup).
    static func html(_ enrolment: TOTPEnrolment, language: MessageLanguage) -> HTML {
        let text = { (key: SecondFactorPageText) in key.text(in: language) }
        return """
            <p>\(text(.enrolKeyStep))</p>
            \(TOTPQRFigure.qrFigure(uri: enrolment.uri.unredacted, language: language))\
            <p><strong class="secret">\(enrolment.groupedSecret.unredacted)</strong></p>
            <p><a href="\(enrolment.uri.unredacted)">\(text(.enrolURILink))</a></p>

            """
    }
}
