import SchoolIDBase
import SchoolIDCrypto

/// The code a guardian passes on out of band with a SNILS invitation: anyone can
/// *declare* anyone's SNILS, so a match on a declared number accepts only with it.
///
/// Same shape and strength as a link code (10 symbols of ``LinkCode/alphabet``, 47.5
/// bits, `XXXXX-XXXXX`); only its HMAC-SHA-256 under the keyring's `otp` key is stored,
/// with its own label. Wrong codes are counted by the shared password attempt counters.
public enum AcceptanceCode {
    /// A fresh code, shown once to the inviting guardian.
    public static func generate(using random: any RandomSource) -> Secret<String> {
        LinkCode.generate(using: random)
    }

    /// The canonical form of typed text, or `nil` when it cannot be a code.
    public static func normalise(_ text: String) -> String? { LinkCode.normalise(text) }

    /// HMAC-SHA-256 (RFC 2104) under the `otp` key over
    /// `schoolid:v1:acceptance_code:<invitation id>:<code>`: bound to its invitation.
    public static func hash(_ code: String, invitation: TrustedInvitation.ID, key: SymmetricKey) -> [UInt8] {
        HMAC.sha256(key: key.unsafeBytes, data: Array("schoolid:v1:acceptance_code:\(invitation.rawValue):\(code)".utf8))
    }
}
