import SchoolIDBase

/// What a person needs to add SchoolID to an authenticator app: the `otpauth://` URI
/// (for a QR code or a link) and the same secret in base32 for typing by hand.
///
/// Shown once, while enrolment waits for the first code (``SecondFactorService``).
public struct TOTPEnrolment: Sendable {
    /// The issuer shown in authenticator apps and used as the label prefix.
    public static let issuer = "SchoolID"

    /// The account's login, the label's account name.
    public let accountName: String
    /// The shared secret, base32 (RFC 4648 §6) without padding.
    public let secret: Secret<String>
    /// The code parameters the URI announces.
    public let totp: TOTP

    /// - Parameters:
    ///   - accountName: the login shown in the app.
    ///   - secret: the raw shared key.
    ///   - totp: the parameters (``TOTP/standard``).
    public init(accountName: String, secret: [UInt8], totp: TOTP = .standard) {
        self.accountName = accountName
        self.secret = Secret(Base32.encode(secret))
        self.totp = totp
    }

    /// The Key Uri Format URI (Google Authenticator wiki):
    /// `otpauth://totp/SchoolID:<login>?secret=…&issuer=SchoolID&algorithm=SHA1&digits=6&period=30`.
    ///
    /// The label is percent-encoded (RFC 3986 §2.1) except its `issuer:` separator;
    /// the issuer is repeated as a parameter, which newer apps prefer.
    public var uri: Secret<String> {
        let label = Self.percentEncoded(Self.issuer) + ":" + Self.percentEncoded(accountName)
        return Secret("otpauth://totp/\(label)?secret=\(secret.unredacted)&issuer=\(Self.percentEncoded(Self.issuer))"
            + "&algorithm=SHA1&digits=\(totp.digits)&period=\(totp.period)")
    }

    /// The secret in groups of four characters (`ABCD EFGH …`), easier to type.
    public var groupedSecret: Secret<String> {
        let characters = Array(secret.unredacted)
        let groups = stride(from: 0, to: characters.count, by: 4).map {
            String(characters[$0..<min($0 + 4, characters.count)])
        }
        return Secret(groups.joined(separator: " "))
    }

    /// RFC 3986 §2.3: only unreserved characters stay as they are.
    static func percentEncoded(_ text: String) -> String { PercentEncoding.encodeUnreserved(text) }
}
