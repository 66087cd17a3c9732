import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE

/// An immutable view of the keyring, taken once per request: records plus the loaded
/// key material. ``Keyring`` swaps whole snapshots, so a reader never sees half a
/// rotation.
public struct KeyringSnapshot: Sendable {
    /// Every key's metadata, as in the manifest.
    public let records: [KeyRecord]
    private let signingKeys: [String: SigningKey]
    private let symmetricKeys: [String: SymmetricKey]

    init(records: [KeyRecord], signingKeys: [String: SigningKey], symmetricKeys: [String: SymmetricKey]) {
        self.records = records
        self.signingKeys = signingKeys
        self.symmetricKeys = symmetricKeys
    }

    /// The key that signs for `purpose` with `algorithm` now, if the keyring has one.
    public func activeSigningKey(_ purpose: KeyPurpose, algorithm: JWSAlgorithm) -> SigningKey? {
        records.first { $0.purpose == purpose && $0.algorithm == algorithm.rawValue && $0.state == .active }
            .flatMap { signingKeys[$0.id] }
    }

    /// The public keys verifiers should know for `purpose` at `now`, as a JWKS.
    ///
    /// Token keys: next and active ones, and retired ones until `retiredRetention`
    /// seconds after retirement (the longest token lifetime), so a verifier never meets
    /// an unknown `kid`. Acknowledgement keys: all of them, forever, because receipts
    /// must verify for years. Symmetric keys never appear.
    public func jwks(_ purpose: KeyPurpose, now: UnixTime, retiredRetention: Int64) -> JWKS {
        JWKS(keys: published(purpose, now: now, retiredRetention: retiredRetention).map(\.publicJWK))
    }

    /// The public keys of ``jwks(_:now:retiredRetention:)`` as a key set: what SchoolID
    /// itself trusts when it reads back a token it issued (introspection, `id_token_hint`,
    /// a token-exchange `subject_token`), exactly the keys outside verifiers know.
    public func verificationKeys(_ purpose: KeyPurpose, now: UnixTime, retiredRetention: Int64) -> KeySet {
        var seen = Set<String>()
        let keys = published(purpose, now: now, retiredRetention: retiredRetention).map(\.verificationKey)
            .filter { seen.insert($0.keyID).inserted }
        return try! KeySet(keys)  // unique `kid`s: the one thing KeySet refuses cannot happen
    }

    private func published(_ purpose: KeyPurpose, now: UnixTime, retiredRetention: Int64) -> [SigningKey] {
        let published = records.filter { record in
            guard record.purpose == purpose, purpose.isSigning else { return false }
            guard record.state == .retired, purpose == .token else { return true }
            return (record.retiredAt ?? record.createdAt).adding(seconds: retiredRetention) > now
        }
        return published.sorted(by: Self.publicationOrder).compactMap { signingKeys[$0.id] }
    }

    /// The symmetric key of `purpose` at `version`, for decryption or verification.
    public func symmetricKey(_ purpose: KeyPurpose, version: Int) -> SymmetricKey? {
        symmetricKeys[Self.symmetricSlot(purpose, version)]
    }

    /// The version and key that `purpose` uses for new data.
    public func activeSymmetricKey(_ purpose: KeyPurpose) -> (version: Int, key: SymmetricKey)? {
        guard let record = records.first(where: { $0.purpose == purpose && $0.state == .active }),
              let version = record.version,
              let key = symmetricKeys[Self.symmetricSlot(purpose, version)]
        else { return nil }
        return (version, key)
    }

    static func symmetricSlot(_ purpose: KeyPurpose, _ version: Int) -> String { "\(purpose.rawValue)/v\(version)" }

    /// Active first, then next, then retired (newest first); algorithm order within a state.
    private static func publicationOrder(_ a: KeyRecord, _ b: KeyRecord) -> Bool {
        let rank = { (state: KeyState) in state == .active ? 0 : state == .next ? 1 : 2 }
        if a.state != b.state { return rank(a.state) < rank(b.state) }
        if a.algorithm != b.algorithm { return (a.algorithm ?? "") < (b.algorithm ?? "") }
        return a.createdAt > b.createdAt
    }
}
