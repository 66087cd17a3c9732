import Foundation
import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE

/// The keyring on disk (`keys/`): creates it, loads it and rotates keys.
///
/// Every change writes new key files first and then replaces the manifest atomically,
/// so a crash leaves either the old keyring or the new one, never a mix (an orphaned
/// key file from an interrupted rotation is harmless and never loaded).
public struct KeyringDirectory: Sendable {
    /// The directory's path.
    public let path: String

    /// The asymmetric key sets `init` creates: one per purpose and algorithm.
    public static let signingSets: [(KeyPurpose, JWSAlgorithm)] = KeyPurpose.allCases.flatMap { purpose in
        purpose.algorithms.compactMap { JWSAlgorithm(rawValue: $0) }.map { (purpose, $0) }
    }

    /// The symmetric purposes `init` creates.
    public static let symmetricPurposes: [KeyPurpose] = [.data, .index, .otp]

    /// Creates a handle for the keyring at `path` (nothing is read yet).
    public init(path: String) { self.path = path }

    var manifestPath: String { path + "/keyring.json" }

    /// True when a manifest exists.
    public var exists: Bool { FileManager.default.fileExists(atPath: manifestPath) }

    /// Creates a new keyring: an active and a next key per signing set, and version 1
    /// of each symmetric key.
    /// - Throws: ``KeyringError`` `.alreadyExists` when a keyring is already there.
    /// - Returns: the records created.
    @discardableResult
    public func create(now: UnixTime) throws -> [KeyRecord] {
        if exists { throw KeyringError(.alreadyExists, "a keyring already exists at \(path); keys are never regenerated") }
        var records: [KeyRecord] = []
        for (purpose, algorithm) in Self.signingSets {
            records.append(try generateSigningKey(purpose, algorithm, state: .active, now: now))
            records.append(try generateSigningKey(purpose, algorithm, state: .next, now: now))
        }
        for purpose in Self.symmetricPurposes {
            records.append(try generateSymmetricKey(purpose, version: 1, now: now))
        }
        try writeManifest(records)
        return records
    }

    /// Reads the manifest and every key it names.
    /// - Throws: ``KeyringError`` naming the file when anything is missing, unreadable,
    ///   readable by group or others, malformed or inconsistent.
    public func load() throws -> KeyringSnapshot {
        let records = try readManifest()
        var signing: [String: SigningKey] = [:]
        var symmetric: [String: SymmetricKey] = [:]
        for record in records {
            let data = try KeyFiles.readPrivate(path + "/" + record.file, relative: record.file)
            if record.purpose.isSigning {
                let key = try KeyMaterial.signingKey(pem: data, record: record)
                signing[record.id] = key
            } else {
                guard let version = record.version else {
                    throw KeyringError(.malformed, "keyring.json: \(record.purpose.rawValue) key \(record.id) has no version")
                }
                symmetric[KeyringSnapshot.symmetricSlot(record.purpose, version)] = try KeyMaterial.symmetricKey(data, record: record)
            }
        }
        try Self.checkConsistency(records)
        return KeyringSnapshot(records: records, signingKeys: signing, symmetricKeys: symmetric)
    }

    /// The manifest's records, without loading key material.
    public func readManifest() throws -> [KeyRecord] {
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw KeyringError(.missing, "no keyring at \(path) (keyring.json is missing); run 'schoolid init' or restore a keyring backup")
        }
        do {
            let manifest = try JSONDecoder().decode(KeyManifest.self, from: data)
            guard manifest.version == 1 else {
                throw KeyringError(.malformed, "\(manifestPath): unsupported version \(manifest.version)")
            }
            return manifest.keys
        } catch let error as KeyringError {
            throw error
        } catch {
            throw KeyringError(.malformed, "\(manifestPath) is not a valid keyring manifest")
        }
    }

    func writeManifest(_ records: [KeyRecord]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try KeyFiles.replace(manifestPath, with: try encoder.encode(KeyManifest(version: 1, keys: records)))
    }

    func generateSigningKey(_ purpose: KeyPurpose, _ algorithm: JWSAlgorithm, state: KeyState,
                            now: UnixTime) throws -> KeyRecord
    {
        let (pem, key) = try KeyMaterial.generateSigningKey(algorithm)
        let file = "\(purpose.rawValue)/\(algorithm.rawValue)/\(key.keyID).pem"
        try KeyFiles.writePrivate(Data(pem.utf8), to: path + "/" + file)
        return KeyRecord(id: key.keyID, purpose: purpose, algorithm: algorithm.rawValue, version: nil, state: state,
                         file: file, createdAt: now, activatedAt: state == .active ? now : nil, retiredAt: nil)
    }

    func generateSymmetricKey(_ purpose: KeyPurpose, version: Int, now: UnixTime) throws -> KeyRecord {
        let file = "\(purpose.rawValue)/v\(version).key"
        try KeyFiles.writePrivate(KeyMaterial.encodeSymmetricKey(SymmetricKey.generate()), to: path + "/" + file)
        return KeyRecord(id: "v\(version)", purpose: purpose, algorithm: nil, version: version, state: .active,
                         file: file, createdAt: now, activatedAt: now, retiredAt: nil)
    }

    /// One active key per signing set and per symmetric purpose; at most one next key.
    static func checkConsistency(_ records: [KeyRecord]) throws {
        for (purpose, algorithm) in signingSets {
            let set = records.filter { $0.purpose == purpose && $0.algorithm == algorithm.rawValue }
            guard set.filter({ $0.state == .active }).count == 1, set.filter({ $0.state == .next }).count <= 1 else {
                throw KeyringError(.inconsistent,
                                   "keyring.json: \(purpose.rawValue)/\(algorithm.rawValue) needs exactly one active key and at most one next key")
            }
        }
        for purpose in symmetricPurposes where records.filter({ $0.purpose == purpose && $0.state == .active }).count != 1 {
            throw KeyringError(.inconsistent, "keyring.json: \(purpose.rawValue) needs exactly one active key")
        }
    }
}
