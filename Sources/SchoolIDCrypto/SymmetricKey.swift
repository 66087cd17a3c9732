/// A 256-bit secret key for AES-256-GCM or HMAC.
///
/// The bytes live in storage wiped on release, and the key prints as `SymmetricKey(redacted)`.
public struct SymmetricKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The only supported key length, in bytes.
    public static let byteCount = 32

    private let storage: SecureBytes

    /// Wraps existing key bytes.
    /// - Throws: ``CryptoError/invalidKey`` unless `bytes` is exactly 32 bytes long.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == Self.byteCount else {
            throw CryptoError.invalidKey.with("symmetric key must be \(Self.byteCount) bytes, got \(bytes.count)")
        }
        storage = SecureBytes(bytes)
    }

    /// A fresh key from OpenSSL's CSPRNG.
    public static func generate() -> SymmetricKey {
        var bytes = OpenSSLRandomSource().bytes(count: byteCount)
        defer { bytes.withUnsafeMutableBytes { wipe($0) } }
        return try! SymmetricKey(bytes: bytes)  // length is byteCount by construction
    }

    /// A copy of the key bytes, for the keyring to wrap or serialise. Nothing else should read them.
    public var unsafeBytes: [UInt8] { storage.bytes }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(body)
    }

    public var description: String { "SymmetricKey(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
