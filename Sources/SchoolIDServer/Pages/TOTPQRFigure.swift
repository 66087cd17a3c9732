import SchoolIDBase
import SchoolIDCore

/// The `otpauth://` URI of a TOTP enrolment drawn as a QR code, for every page that
/// shows a new authenticator key (the enrolment forced at login, factor management).
///
/// The image is an inline `<svg>` drawn by ``QRCode`` (ISO/IEC 18004, level M): no
/// request for an image, so the pages' Content-Security-Policy (`default-src 'none'`)
/// needs nothing more, and colours are `fill` attributes rather than `style`. The key
/// in groups and the link stay beside it for people who cannot scan.
enum TOTPQRFigure {
    /// A `<figure>` with the QR code of `uri` and a caption in `language`; empty when the
    /// URI cannot be encoded (far beyond any real `otpauth://` URI), leaving the link and
    /// the key in groups as the way in.
    /// - Parameters:
    ///   - uri: the `otpauth://totp/…` URI (it holds the secret: only on `no-store` pages).
    ///   - language: the language of the accessible name and the caption.
    static func qrFigure(uri: String, language: MessageLanguage) -> HTML {
        guard let code = try? QRCode(encoding: Array(uri.utf8)) else { return .empty }
        // The SVG is markup built by QRCode, whose only text, the label, it escapes.
        let svg = HTML(unsafeRaw: code.svg(moduleSize: 4, quietZone: 4,
                                           label: SecondFactorPageText.enrolQRLabel.text(in: language)))
        return """
            <figure class="qr">\(svg)<figcaption>\(SecondFactorPageText.enrolQRCaption.text(in: language))</figcaption></figure>

            """
    }
}
