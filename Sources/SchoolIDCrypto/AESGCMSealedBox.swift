/// The output of ``AES256GCM/seal(_:using:nonce:authenticating:)``: nonce, ciphertext and tag.
public struct AESGCMSealedBox: Sendable, Hashable {
    /// Nonce length in bytes (NIST SP 800-38D §5.2.1.1 recommends 96 bits).
    public static let nonceByteCount = 12
    /// Tag length in bytes (the full 128-bit tag; shorter tags are not accepted).
    public static let tagByteCount = 16

    /// The 12-byte nonce.
    public let nonce: [UInt8]
    /// The ciphertext, as long as the plaintext.
    public let ciphertext: [UInt8]
    /// The 16-byte authentication tag.
    public let tag: [UInt8]

    /// `nonce || ciphertext || tag`, the form stored at rest.
    public var combined: [UInt8] { nonce + ciphertext + tag }

    /// Splits `nonce || ciphertext || tag`.
    /// - Throws: ``CryptoError/invalidParameters`` when shorter than nonce plus tag (28 bytes).
    public init(combined: [UInt8]) throws {
        guard combined.count >= Self.nonceByteCount + Self.tagByteCount else {
            throw CryptoError.invalidParameters.with("sealed box shorter than nonce and tag")
        }
        try self.init(
            nonce: Array(combined.prefix(Self.nonceByteCount)),
            ciphertext: Array(combined.dropFirst(Self.nonceByteCount).dropLast(Self.tagByteCount)),
            tag: Array(combined.suffix(Self.tagByteCount)))
    }

    /// Assembles a box from its parts.
    /// - Throws: ``CryptoError/invalidParameters`` unless the nonce is 12 bytes and the tag 16.
    public init(nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) throws {
        guard nonce.count == Self.nonceByteCount else {
            throw CryptoError.invalidParameters.with("AES-GCM nonce must be 12 bytes, got \(nonce.count)")
        }
        guard tag.count == Self.tagByteCount else {
            throw CryptoError.invalidParameters.with("AES-GCM tag must be 16 bytes, got \(tag.count)")
        }
        self.nonce = nonce
        self.ciphertext = ciphertext
        self.tag = tag
    }
}
