import SchoolIDBase

/// Shared rules of the opaque identifiers (``Account/ID``, ``School/ID``): a short
/// type prefix, an underscore, then 16 random bytes in unpadded base64url (22
/// characters, 128 bits, ASVS 5.0 V11.5.1). The prefix makes a pasted identifier's
/// kind obvious in logs and support tickets; the random part reveals nothing.
enum OpaqueIdentifier {
    /// Random bytes in every identifier.
    static let byteCount = 16

    /// A fresh identifier string with `prefix`.
    static func random(prefix: String, using random: any RandomSource) -> String {
        prefix + "_" + Base64URL.encode(random.bytes(count: byteCount))
    }

    /// Whether `text` is `prefix` + `_` + base64url of exactly 16 bytes.
    static func isValid(_ text: String, prefix: String) -> Bool {
        let head = prefix + "_"
        guard text.hasPrefix(head) else { return false }
        guard let bytes = Base64URL.decode(String(text.dropFirst(head.count))) else { return false }
        return bytes.count == byteCount
    }
}
