import Foundation
import SchoolIDBase
import SchoolIDCrypto

/// A sealed copy of the whole keyring directory, for backups.
///
/// The files (manifest and key material) are serialised as JSON and sealed with
/// AES-256-GCM under a key-encryption key: either a 32-byte KEK file or a key derived
/// from a passphrase with scrypt. The associated data binds the format and the KDF
/// parameters, so a bundle cannot be re-labelled with cheaper parameters.
public enum KeyringBundle {
    /// What seals and opens a bundle.
    public enum Credential: Sendable {
        /// A passphrase, stretched with scrypt.
        case passphrase(Secret<[UInt8]>)
        /// A 32-byte key-encryption key.
        case kek(SymmetricKey)
    }

    /// The scrypt cost for passphrases: the shipped user-password cost, since a bundle
    /// leaves the machine and meets offline guessing.
    public static let passphraseCost = ScryptParameters(logN: 17, r: 8, p: 1)

    struct Envelope: Codable {
        var format = "schoolid-keyring-bundle"
        var version = 1
        var kdf: String            // "scrypt" or "kek"
        var logN: Int?, r: Int?, p: Int?
        var salt: String?
        var sealed: String

        enum CodingKeys: String, CodingKey { case format, version, kdf, logN = "ln", r, p, salt, sealed }

        var associatedData: [UInt8] {
            Array("schoolid:v1:keyring-bundle:\(kdf):\(logN ?? 0):\(r ?? 0):\(p ?? 0):\(salt ?? "")".utf8)
        }
    }

    /// Seals every file of the keyring at `directory`.
    /// - Parameters:
    ///   - credential: the passphrase or key-encryption key.
    ///   - passphraseCost: scrypt parameters when `credential` is a passphrase.
    ///   - random: the source of the salt and nonce.
    /// - Throws: ``KeyringError`` when a file cannot be read; ``CryptoError`` on failure.
    /// - Returns: the bundle's bytes (JSON).
    public static func seal(directory: KeyringDirectory, with credential: Credential,
                            passphraseCost: ScryptParameters = passphraseCost, random: any RandomSource) throws -> Data
    {
        var files: [String: String] = [:]
        files["keyring.json"] = Base64URL.encode(try Data(contentsOf: URL(fileURLWithPath: directory.manifestPath)))
        for record in try directory.readManifest() {
            files[record.file] = Base64URL.encode(try KeyFiles.readPrivate(directory.path + "/" + record.file, relative: record.file))
        }
        var envelope: Envelope
        let key: SymmetricKey
        switch credential {
        case .passphrase(let passphrase):
            let parameters = passphraseCost
            let salt = random.bytes(count: 16)
            envelope = Envelope(kdf: "scrypt", logN: parameters.logN, r: parameters.r, p: parameters.p,
                                salt: Base64URL.encode(salt), sealed: "")
            key = try SymmetricKey(bytes: Scrypt.deriveKey(password: passphrase.unredacted, salt: salt, logN: parameters.logN,
                                                           r: parameters.r, p: parameters.p, length: 32))
        case .kek(let kek):
            envelope = Envelope(kdf: "kek", sealed: "")
            key = kek
        }
        let plaintext = try JSONEncoder().encode(files)
        let box = try AES256GCM.seal(Array(plaintext), using: key, authenticating: envelope.associatedData)
        envelope.sealed = Base64URL.encode(box.combined)
        return try JSONEncoder().encode(envelope)
    }

    /// Opens a bundle and writes its files into `directory`, which must not hold a keyring.
    /// - Throws: ``KeyringError`` `.alreadyExists`, `.malformed` (not a bundle, or the
    ///   passphrase/KEK is wrong), or a load error when the restored keyring is incomplete.
    /// - Returns: the restored keyring's records.
    public static func restore(_ bundle: Data, into directory: KeyringDirectory,
                               with credential: Credential) throws -> [KeyRecord]
    {
        if directory.exists { throw KeyringError(.alreadyExists, "a keyring already exists at \(directory.path); restore into an empty directory") }
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: bundle),
              envelope.format == "schoolid-keyring-bundle", envelope.version == 1,
              let combined = Base64URL.decode(envelope.sealed)
        else { throw KeyringError(.malformed, "not a SchoolID keyring bundle") }
        let key = try unwrappingKey(envelope, credential)
        let plaintext: [UInt8]
        do {
            plaintext = try AES256GCM.open(AESGCMSealedBox(combined: combined), using: key, authenticating: envelope.associatedData)
        } catch {
            throw KeyringError(.malformed, "the keyring bundle cannot be opened: wrong passphrase or key-encryption key, or a damaged file")
        }
        guard let files = try? JSONDecoder().decode([String: String].self, from: Data(plaintext)) else {
            throw KeyringError(.malformed, "the keyring bundle's contents are damaged")
        }
        for (file, content) in files.sorted(by: { $0.key < $1.key }) where file != "keyring.json" {
            guard !file.contains(".."), !file.hasPrefix("/"), let bytes = Base64URL.decode(content) else {
                throw KeyringError(.malformed, "the keyring bundle names an invalid file \(file)")
            }
            try KeyFiles.writePrivate(Data(bytes), to: directory.path + "/" + file)
        }
        guard let manifest = files["keyring.json"].flatMap(Base64URL.decode) else {
            throw KeyringError(.malformed, "the keyring bundle has no manifest")
        }
        try KeyFiles.replace(directory.manifestPath, with: Data(manifest))
        return try directory.load().records
    }

    private static func unwrappingKey(_ envelope: Envelope, _ credential: Credential) throws -> SymmetricKey {
        switch envelope.kdf {
        case "kek":
            guard case .kek(let kek) = credential else { throw KeyringError(.malformed, "this bundle is sealed with a key-encryption key: pass --kek-file") }
            return kek
        case "scrypt":
            guard case .passphrase(let passphrase) = credential, let logN = envelope.logN, let r = envelope.r, let p = envelope.p,
                  let salt = envelope.salt.flatMap(Base64URL.decode)
            else { throw KeyringError(.malformed, "this bundle is sealed with a passphrase: pass --passphrase-file") }
            guard logN <= 22, r <= 32, p <= 16 else { throw KeyringError(.malformed, "the bundle's scrypt parameters are out of range") }
            return try SymmetricKey(bytes: Scrypt.deriveKey(password: passphrase.unredacted, salt: salt, logN: logN, r: r, p: p, length: 32))
        default:
            throw KeyringError(.malformed, "unknown key derivation '\(envelope.kdf)' in the keyring bundle")
        }
    }
}
