import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDJOSE
import SchoolIDTesting
import Testing

@Suite struct KeyringTests {
    let start = UnixTime(seconds: 1_790_000_000)

    func withKeyring<T>(_ body: (KeyringDirectory, TemporaryDirectory) throws -> T) throws -> T {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let keyring = KeyringDirectory(path: dir.file("keys"))
        try keyring.create(now: start)
        return try body(keyring, dir)
    }

    @Test("init creates an active and a next key per signing set and one key per symmetric purpose") func created() throws {
        try withKeyring { keyring, _ in
            let snapshot = try keyring.load()
            for (purpose, algorithm) in KeyringDirectory.signingSets {
                let set = snapshot.records.filter { $0.purpose == purpose && $0.algorithm == algorithm.rawValue }
                #expect(set.map(\.state).sorted() == [.next, .active])
                #expect(snapshot.activeSigningKey(purpose, algorithm: algorithm) != nil)
            }
            for purpose in KeyringDirectory.symmetricPurposes {
                #expect(snapshot.activeSymmetricKey(purpose)?.version == 1)
            }
        }
    }

    @Test("every kid is the RFC 7638 thumbprint of the published key and private files are 0600") func kids() throws {
        try withKeyring { keyring, _ in
            let snapshot = try keyring.load()
            let published = snapshot.jwks(.token, now: start, retiredRetention: 3600).keys
                + snapshot.jwks(.ack, now: start, retiredRetention: 3600).keys
            #expect(published.count == 10)
            for jwk in published { #expect(try jwk.thumbprint() == jwk.keyID) }
            for record in snapshot.records {
                let mode = try FileManager.default.attributesOfItem(atPath: keyring.path + "/" + record.file)[.posixPermissions] as? Int
                #expect(mode == 0o600)
            }
        }
    }

    @Test("the token JWKS holds next and active keys only, with no private or symmetric material") func jwks() throws {
        try withKeyring { keyring, _ in
            let snapshot = try keyring.load()
            let set = snapshot.jwks(.token, now: start, retiredRetention: 3600)
            let tokenIDs = Set(snapshot.records.filter { $0.purpose == .token }.map(\.id))
            #expect(Set(set.keys.compactMap(\.keyID)) == tokenIDs)
            let json = String(decoding: try JSONEncoder().encode(set), as: UTF8.self)
            for member in ["\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"qi\"", "\"k\""] { #expect(!json.contains(member)) }
            #expect(set.keys.allSatisfy { $0.use == "sig" && $0.algorithm != nil })
        }
    }

    @Test("rotation is refused while the next key is younger than the JWKS max age, unless forced") func rotationTooEarly() throws {
        try withKeyring { keyring, _ in
            let error = #expect(throws: KeyringError.self) {
                try keyring.rotate(.token, now: start.adding(seconds: 100), minimumNextAge: 3600, force: false)
            }
            #expect(error?.code == .rotationTooEarly)
            let rotation = try keyring.rotate(.token, now: start.adding(seconds: 100), minimumNextAge: 3600, force: true)
            #expect(rotation.activated.count == 3 && rotation.retired.count == 3 && rotation.created.count == 3)
        }
    }

    @Test("a rotated token key stays published until the retention passes; ack keys stay forever") func retention() throws {
        try withKeyring { keyring, _ in
            let before = try keyring.load()
            let oldES256 = try #require(before.activeSigningKey(.token, algorithm: .ES256)).keyID
            let oldAck = try #require(before.activeSigningKey(.ack, algorithm: .ES256)).keyID
            let rotatedAt = start.adding(seconds: 7200)
            _ = try keyring.rotate(.token, now: rotatedAt, minimumNextAge: 3600, force: false)
            _ = try keyring.rotate(.ack, now: rotatedAt, minimumNextAge: 3600, force: false)
            let after = try keyring.load()
            #expect(after.activeSigningKey(.token, algorithm: .ES256)?.keyID != oldES256)
            let ids = { (purpose: KeyPurpose, now: UnixTime) in after.jwks(purpose, now: now, retiredRetention: 3600).keys.compactMap(\.keyID) }
            #expect(ids(.token, rotatedAt.adding(seconds: 3599)).contains(oldES256))
            #expect(!ids(.token, rotatedAt.adding(seconds: 3600)).contains(oldES256))
            #expect(ids(.ack, rotatedAt.adding(seconds: 10 * 365 * 86_400)).contains(oldAck))
        }
    }

    @Test("rotating a symmetric key adds a version and keeps the old one for decryption") func symmetricRotation() throws {
        try withKeyring { keyring, _ in
            let old = try #require(try keyring.load().activeSymmetricKey(.data))
            _ = try keyring.rotate(.data, now: start, minimumNextAge: 3600, force: false)
            let after = try keyring.load()
            #expect(after.activeSymmetricKey(.data)?.version == 2)
            #expect(after.symmetricKey(.data, version: 1)?.unsafeBytes == old.key.unsafeBytes)
        }
    }

    @Test("a key file readable by others stops loading with a message naming the file") func insecurePermissions() throws {
        try withKeyring { keyring, _ in
            let record = try #require(try keyring.readManifest().first { $0.purpose == .token })
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyring.path + "/" + record.file)
            let error = #expect(throws: KeyringError.self) { try keyring.load() }
            #expect(error?.code == .insecurePermissions)
            #expect(error?.description.contains(record.file) == true)
        }
    }

    @Test("a missing key file or manifest is an error, never a silent regeneration") func missing() throws {
        try withKeyring { keyring, dir in
            let record = try #require(try keyring.readManifest().first { $0.purpose == .data })
            try FileManager.default.removeItem(atPath: keyring.path + "/" + record.file)
            #expect((#expect(throws: KeyringError.self) { try keyring.load() })?.code == .missing)
            #expect((#expect(throws: KeyringError.self) { try KeyringDirectory(path: dir.file("none")).load() })?.code == .missing)
            #expect((#expect(throws: KeyringError.self) { try keyring.create(now: start) })?.code == .alreadyExists)
        }
    }

    @Test("reload swaps the snapshot whole and keeps the old one when the new keyring is broken") func reload() throws {
        try withKeyring { directory, _ in
            let keyring = try Keyring(path: directory.path)
            let before = try #require(keyring.snapshot.activeSigningKey(.token, algorithm: .EdDSA)).keyID
            _ = try directory.rotate(.token, algorithm: .EdDSA, now: start, minimumNextAge: 0, force: false)
            try keyring.reload()
            #expect(keyring.snapshot.activeSigningKey(.token, algorithm: .EdDSA)?.keyID != before)
            try Data("{".utf8).write(to: URL(fileURLWithPath: directory.path + "/keyring.json"))
            #expect(throws: KeyringError.self) { try keyring.reload() }
            #expect(keyring.snapshot.activeSigningKey(.token, algorithm: .EdDSA) != nil)
        }
    }

    @Test("a keyring bundle sealed with a KEK or a passphrase restores into a fresh directory") func bundle() throws {
        try withKeyring { keyring, dir in
            let kek = SymmetricKey.generate()
            let random = SeededRandomSource(seed: 7)
            let sealed = try KeyringBundle.seal(directory: keyring, with: .kek(kek), random: random)
            let restored = KeyringDirectory(path: dir.file("restored"))
            let records = try KeyringBundle.restore(sealed, into: restored, with: .kek(kek))
            #expect(records == (try keyring.readManifest()))
            #expect(try restored.load().activeSymmetricKey(.data)?.key.unsafeBytes == (try keyring.load().activeSymmetricKey(.data)?.key.unsafeBytes))

            let passphrase = Secret(Array("correct horse battery staple".utf8))
            let cheap = ScryptParameters(logN: 10, r: 8, p: 1)
            let byPassphrase = try KeyringBundle.seal(directory: keyring, with: .passphrase(passphrase), passphraseCost: cheap, random: random)
            let wrong = #expect(throws: KeyringError.self) {
                try KeyringBundle.restore(byPassphrase, into: KeyringDirectory(path: dir.file("wrong")),
                                          with: .passphrase(Secret(Array("not the passphrase at all".utf8))))
            }
            #expect(wrong?.code == .malformed)
            _ = try KeyringBundle.restore(byPassphrase, into: KeyringDirectory(path: dir.file("second")), with: .passphrase(passphrase))
        }
    }
}

@Suite struct KeyringDataKeyTests {
    @Test("the keyring provides data keys for sealing, and a field sealed before a data-key rotation still opens") func sealing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let keyring = KeyringDirectory(path: dir.file("keys"))
        try keyring.create(now: UnixTime(seconds: 1_790_000_000))
        let before = try keyring.load()
        #expect(before.currentDataKeyVersion == 1)
        let context = SealedField.Context(table: "accounts", column: "last_name", rowID: "acc_1")
        let key = SealingKey(key: try #require(before.dataKey(version: before.currentDataKeyVersion)), version: 1)
        let field = try SealedField.seal("Иванова", under: key, for: context)

        _ = try keyring.rotate(.data, now: UnixTime(seconds: 1_790_000_100), minimumNextAge: 3600, force: false)
        let after = try keyring.load()
        #expect(after.currentDataKeyVersion == 2)
        let old = SealingKey(key: try #require(after.dataKey(version: field.keyVersion)), version: field.keyVersion)
        #expect(try field.openString(with: old, for: context) == "Иванова")
        #expect(after.indexKey.unsafeBytes == before.indexKey.unsafeBytes)
    }
}
