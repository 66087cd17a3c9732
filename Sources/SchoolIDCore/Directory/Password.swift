import Foundation
import SchoolIDBase

/// A password as a person typed it, NFKC-normalised and never printed.
///
/// NIST SP 800-63B-4 §3.1.1.2: Unicode is accepted, normalised with NFKC before
/// hashing, and "each Unicode code point SHALL be counted as a single character", so
/// ``length`` counts Unicode scalars of the normalised text (not grapheme clusters:
/// "й" typed as и + combining breve is 1 scalar after NFKC, an emoji with a skin tone
/// is 2). The password is never truncated (§3.1.1.2); one longer than the maximum is
/// rejected. Control characters are rejected because no keyboard produces them and
/// they are a common sign of a broken client.
///
/// `description`, `debugDescription` and reflection print `[redacted]`; the text is
/// reached only through ``normalized`` (a ``Secret``).
public struct Password: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The hard ceiling: no policy may allow longer (bounds hashing work per request).
    public static let absoluteMaximumLength = 1024

    /// The NFKC-normalised text; hash ``utf8`` of this.
    public let normalized: Secret<String>

    /// Length in Unicode scalars after NFKC.
    public let length: Int

    /// Normalises and checks a password.
    /// - Parameters:
    ///   - input: the password as received.
    ///   - maximumLength: the policy's maximum after NFKC (``PasswordPolicy/maximumLength``).
    /// - Throws: `DomainError` with `.passwordEmpty`, `.passwordTooLong` or
    ///   `.passwordInvalidCharacter`.
    public init(_ input: String, maximumLength: Int) throws(DomainError) {
        // Refuse absurd input before normalising it (NFKC can expand text 18-fold).
        guard input.utf8.count <= Self.absoluteMaximumLength * 4 else { throw DomainError(.passwordTooLong) }
        let text = input.precomposedStringWithCompatibilityMapping
        let length = text.unicodeScalars.count
        guard length > 0 else { throw DomainError(.passwordEmpty) }
        guard length <= min(maximumLength, Self.absoluteMaximumLength) else {
            throw DomainError(.passwordTooLong, detail: "at most \(maximumLength) characters")
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw DomainError(.passwordInvalidCharacter)
        }
        normalized = Secret(text)
        self.length = length
    }

    /// The UTF-8 bytes of the normalised text, the input to the password hash.
    public var utf8: Secret<[UInt8]> { Secret(Array(normalized.unredacted.utf8)) }

    public var description: String { "[redacted]" }
    public var debugDescription: String { "[redacted]" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
