import Foundation
import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE

/// Encodes and decodes key files: PKCS#8 PEM for signing keys, base64url text for
/// 32-byte symmetric keys.
enum KeyMaterial {
    /// A fresh signing key and its PEM.
    static func generateSigningKey(_ algorithm: JWSAlgorithm) throws -> (pem: String, key: SigningKey) {
        let key = try SigningKey.generate(algorithm)
        return (key.unsafePrivateKeyPEMRepresentation, key)
    }

    /// The signing key in `pem`, checked against its manifest record: the algorithm and
    /// the `kid` (the thumbprint must match, so a swapped file is caught at start).
    static func signingKey(pem: Data, record: KeyRecord) throws -> SigningKey {
        guard let name = record.algorithm, let algorithm = JWSAlgorithm(rawValue: name),
              record.purpose.algorithms.contains(name)
        else {
            throw KeyringError(.malformed, "keyring.json: key \(record.id) has no valid algorithm for \(record.purpose.rawValue)")
        }
        let key: SigningKey
        do {
            key = try SigningKey(algorithm: algorithm, pemRepresentation: String(decoding: pem, as: UTF8.self))
        } catch {
            throw KeyringError(.malformed, "key file \(record.file) does not hold a valid \(name) private key")
        }
        guard key.keyID == record.id else {
            throw KeyringError(.inconsistent, "key file \(record.file) holds a key whose thumbprint is not \(record.id)")
        }
        return key
    }

    /// The symmetric key in a key file.
    static func symmetricKey(_ data: Data, record: KeyRecord) throws -> SymmetricKey {
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Base64URL.decode(text), let key = try? SymmetricKey(bytes: bytes) else {
            throw KeyringError(.malformed, "key file \(record.file) does not hold a 32-byte base64url key")
        }
        return key
    }

    /// The file content for a symmetric key.
    static func encodeSymmetricKey(_ key: SymmetricKey) -> Data {
        Data((Base64URL.encode(key.unsafeBytes) + "\n").utf8)
    }
}
