import Foundation
import SchoolIDBase
import SchoolIDJOSE

extension KeyringDirectory {
    /// What one rotation changed, for the CLI and the audit log.
    public struct Rotation: Sendable {
        public var activated: [KeyRecord] = []
        public var retired: [KeyRecord] = []
        public var created: [KeyRecord] = []

        /// The `key.rotated` audit detail: the purpose and the key ids of each change.
        public func auditDetail(_ purpose: KeyPurpose) -> String {
            func ids(_ records: [KeyRecord]) -> String { records.isEmpty ? "-" : records.map(\.id).joined(separator: ",") }
            return "purpose \(purpose.rawValue); activated \(ids(activated)); retired \(ids(retired)); created \(ids(created))"
        }
    }

    /// Rotates the keys of `purpose` (all its algorithms, or only `algorithm`).
    ///
    /// Signing keys: active → retired, next → active, and a new next key. Refused while
    /// the next key is younger than `minimumNextAge` seconds (verifiers may not have
    /// fetched it: `jwks_max_age_seconds` in `policies/tokens.json`) unless `force`.
    /// Symmetric keys: a new version becomes active and the old one retires (it still
    /// decrypts or verifies what it made).
    /// - Throws: ``KeyringError`` `.rotationTooEarly`, or any load/write error.
    public func rotate(_ purpose: KeyPurpose, algorithm: JWSAlgorithm? = nil, now: UnixTime,
                       minimumNextAge: Int64, force: Bool) throws -> Rotation
    {
        var records = try readManifest()
        var rotation = Rotation()
        if purpose.isSigning {
            let algorithms = purpose.algorithms.compactMap(JWSAlgorithm.init(rawValue:)).filter { algorithm == nil || $0 == algorithm }
            for algorithm in algorithms {
                try rotateSigning(purpose, algorithm, records: &records, now: now, minimumNextAge: minimumNextAge,
                                  force: force, rotation: &rotation)
            }
        } else {
            let version = (records.filter { $0.purpose == purpose }.compactMap(\.version).max() ?? 0) + 1
            for index in records.indices where records[index].purpose == purpose && records[index].state == .active {
                records[index].state = .retired
                records[index].retiredAt = now
                rotation.retired.append(records[index])
            }
            let created = try generateSymmetricKey(purpose, version: version, now: now)
            records.append(created)
            rotation.created.append(created)
            rotation.activated.append(created)
        }
        try Self.checkConsistency(records)
        try writeManifest(records)
        return rotation
    }

    private func rotateSigning(_ purpose: KeyPurpose, _ algorithm: JWSAlgorithm, records: inout [KeyRecord], now: UnixTime,
                               minimumNextAge: Int64, force: Bool, rotation: inout Rotation) throws
    {
        let inSet = { (record: KeyRecord) in record.purpose == purpose && record.algorithm == algorithm.rawValue }
        guard let nextIndex = records.firstIndex(where: { inSet($0) && $0.state == .next }) else {
            throw KeyringError(.inconsistent, "keyring.json: \(purpose.rawValue)/\(algorithm.rawValue) has no next key to activate")
        }
        let publishedFor = now.seconds(since: records[nextIndex].createdAt)
        if publishedFor < minimumNextAge && !force {
            throw KeyringError(.rotationTooEarly,
                               "the next \(purpose.rawValue)/\(algorithm.rawValue) key was published \(publishedFor) s ago; verifiers cache the JWKS for up to \(minimumNextAge) s, so rotate after \(minimumNextAge - publishedFor) s more or use --force")
        }
        if let activeIndex = records.firstIndex(where: { inSet($0) && $0.state == .active }) {
            records[activeIndex].state = .retired
            records[activeIndex].retiredAt = now
            rotation.retired.append(records[activeIndex])
        }
        records[nextIndex].state = .active
        records[nextIndex].activatedAt = now
        rotation.activated.append(records[nextIndex])
        let created = try generateSigningKey(purpose, algorithm, state: .next, now: now)
        records.append(created)
        rotation.created.append(created)
    }
}

extension KeyringDirectory {
    /// Removes the retired `index` keys from the manifest and deletes their files, once
    /// a re-index (``KeyRotationService``) has moved every blind index to the active key:
    /// lookups then compute one index again. Other purposes are never discarded (retired
    /// `data` and `otp` keys still open what they sealed; signing keys verify).
    /// - Throws: a write error.
    /// - Returns: the records removed.
    @discardableResult
    public func discardRetiredIndexKeys() throws -> [KeyRecord] {
        let records = try readManifest()
        let discarded = records.filter { $0.purpose == .index && $0.state == .retired }
        guard !discarded.isEmpty else { return [] }
        let kept = records.filter { !discarded.contains($0) }
        try Self.checkConsistency(kept)
        try writeManifest(kept)
        for record in discarded { try? FileManager.default.removeItem(atPath: path + "/" + record.file) }
        return discarded
    }
}
