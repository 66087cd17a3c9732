import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDStore
import SchoolIDTesting
import Testing

@Suite struct SealedFieldTests {
    let key = SealingKey(key: .generate(), version: 3)
    let place = SealedField.Context(table: "accounts", column: "phone", rowID: "acc-1")

    @Test("binds exactly schoolid:v1:<table>:<column>:<row id>:<key version> as associated data")
    func associatedDataFormat() {
        #expect(place.associatedData(keyVersion: 3) == Array("schoolid:v1:accounts:phone:acc-1:3".utf8))
    }

    @Test("round-trips through its stored bytes")
    func roundTrip() throws {
        let field = try SealedField.seal("+79161234567", under: key, for: place)
        let stored = try SealedField(serialized: field.serialized)
        #expect(stored == field)
        #expect(stored.keyVersion == 3)
        #expect(try stored.openString(with: key, for: place) == "+79161234567")
    }

    @Test("cannot be decrypted when moved to another column, row or table", arguments: [
        SealedField.Context(table: "accounts", column: "email", rowID: "acc-1"),
        SealedField.Context(table: "accounts", column: "phone", rowID: "acc-2"),
        SealedField.Context(table: "guardians", column: "phone", rowID: "acc-1"),
    ])
    func movedFieldFails(elsewhere: SealedField.Context) throws {
        let field = try SealedField.seal("+79161234567", under: key, for: place)
        #expect(throws: SealingError.authenticationFailed) { try field.open(with: key, for: elsewhere) }
    }

    @Test("cannot be decrypted after any stored byte is flipped")
    func tamperedByteFails() throws {
        let stored = try SealedField.seal("Иванов Иван", under: key, for: place).serialized
        for index in 5..<stored.count {  // every byte after the format tag and version
            var tampered = stored
            tampered[index] ^= 0x01
            let field = try SealedField(serialized: tampered)
            #expect(throws: SealingError.authenticationFailed) { try field.open(with: key, for: place) }
        }
    }

    @Test("cannot be decrypted when relabelled with another key version")
    func relabelledVersionFails() throws {
        var stored = try SealedField.seal("secret", under: key, for: place).serialized
        stored[4] = 4  // key version 3 -> 4
        let relabelled = try SealedField(serialized: stored)
        let sameBytesOtherVersion = SealingKey(key: key.key, version: 4)
        #expect(throws: SealingError.authenticationFailed) { try relabelled.open(with: sameBytesOtherVersion, for: place) }
        #expect(throws: SealingError.keyVersionMismatch(sealed: 4, offered: 3)) { try relabelled.open(with: key, for: place) }
    }

    @Test("rejects stored bytes of an unknown format or too short")
    func malformed() {
        #expect(throws: SealingError.malformed) { try SealedField(serialized: []) }
        #expect(throws: SealingError.malformed) { try SealedField(serialized: [0x02] + [UInt8](repeating: 1, count: 40)) }
        #expect(throws: SealingError.malformed) { try SealedField(serialized: [0x01, 0, 0, 0, 1] + [UInt8](repeating: 0, count: 27)) }
    }
}

@Suite struct BlindIndexTests {
    @Test("is deterministic under one key and separates columns and keys")
    func domainSeparation() throws {
        let key = try SymmetricKey(bytes: [UInt8](repeating: 7, count: 32))
        let phone = BlindIndex("+79161234567", table: "accounts", column: "phone", key: key)
        #expect(phone == BlindIndex("+79161234567", table: "accounts", column: "phone", key: key))
        #expect(phone != BlindIndex("+79161234567", table: "accounts", column: "login", key: key))
        #expect(phone != BlindIndex("+79161234567", table: "accounts", column: "phone", key: .generate()))
        let expected = HMAC.sha256(key: key.unsafeBytes, data: Array("schoolid:v1:accounts:phone:+79161234567".utf8))
        #expect(phone.bytes == expected)
        #expect(phone.base64URL.count == 43)
    }
}

@Suite struct OwnerKeysTests {
    let now = UnixTime(seconds: 1_700_000_000)
    let place = SealedField.Context(table: "accounts", column: "name", rowID: "acc-1")

    @Test("an owner's key unwraps from the store and opens that owner's fields")
    func createAndUnwrap() async throws {
        let temporary = try await TemporaryStorage()
        let ownerKeys = OwnerKeys(keys: StaticDataKeyProvider.random(), random: SeededRandomSource(seed: 1))
        let (now, place) = (now, place)
        let field = try await temporary.storage.write { tx in
            let key = try ownerKeys.create(for: "acc-1", at: now, in: tx.ownerKeys)
            return try SealedField.seal("Петров Пётр", under: key, for: place)
        }
        let name = try await temporary.storage.read { tx in
            try field.openString(with: ownerKeys.key(for: "acc-1", in: tx.ownerKeys), for: place)
        }
        #expect(name == "Петров Пётр")
        await #expect(throws: StoreError.alreadyExists) {
            try await temporary.storage.write { tx in _ = try ownerKeys.create(for: "acc-1", at: now, in: tx.ownerKeys) }
        }
        await temporary.remove()
    }

    @Test("destroying an owner's key crypto-shreds that owner's fields only")
    func destroyShreds() async throws {
        let temporary = try await TemporaryStorage()
        let ownerKeys = OwnerKeys(keys: StaticDataKeyProvider.random(), random: SeededRandomSource(seed: 2))
        let now = now
        let fields = try await temporary.storage.write { tx in
            try ["acc-1", "acc-2"].map { owner in
                let key = try ownerKeys.create(for: owner, at: now, in: tx.ownerKeys)
                return try SealedField.seal("name of \(owner)", under: key,
                                            for: .init(table: "accounts", column: "name", rowID: owner))
            }
        }
        let destroyed = try await temporary.storage.write { tx in try ownerKeys.destroy(ownerID: "acc-1", in: tx.ownerKeys) }
        #expect(destroyed)
        await #expect(throws: SealingError.ownerKeyMissing) {
            try await temporary.storage.read { tx in try ownerKeys.key(for: "acc-1", in: tx.ownerKeys) }
        }
        let survivor = try await temporary.storage.read { tx in
            try fields[1].openString(with: ownerKeys.key(for: "acc-2", in: tx.ownerKeys),
                                     for: .init(table: "accounts", column: "name", rowID: "acc-2"))
        }
        #expect(survivor == "name of acc-2")
        await temporary.remove()
    }

    @Test("a wrapped key moved to another owner does not unwrap")
    func movedWrappedKeyFails() async throws {
        let temporary = try await TemporaryStorage()
        let ownerKeys = OwnerKeys(keys: StaticDataKeyProvider.random(), random: SeededRandomSource(seed: 3))
        let now = now
        try await temporary.storage.writeSQLite { tx in
            _ = try ownerKeys.create(for: "acc-1", at: now, in: tx.ownerKeys)
            _ = try ownerKeys.create(for: "acc-2", at: now, in: tx.ownerKeys)
            try tx.connection.execute("""
                UPDATE owner_keys SET wrapped_key = (SELECT wrapped_key FROM owner_keys WHERE owner_id = 'acc-1')
                WHERE owner_id = 'acc-2'
                """)
        }
        await #expect(throws: SealingError.authenticationFailed) {
            try await temporary.storage.read { tx in try ownerKeys.key(for: "acc-2", in: tx.ownerKeys) }
        }
        await temporary.remove()
    }

    @Test("re-wrapping under a rotated data key keeps fields readable")
    func rewrapAfterRotation() async throws {
        let temporary = try await TemporaryStorage()
        let (old, new) = (SymmetricKey.generate(), SymmetricKey.generate())
        let before = OwnerKeys(keys: StaticDataKeyProvider(dataKeys: [1: old], current: 1, indexKey: .generate()),
                               random: SeededRandomSource(seed: 4))
        let after = OwnerKeys(keys: StaticDataKeyProvider(dataKeys: [1: old, 2: new], current: 2, indexKey: .generate()),
                              random: SeededRandomSource(seed: 5))
        let onlyNew = OwnerKeys(keys: StaticDataKeyProvider(dataKeys: [2: new], current: 2, indexKey: .generate()),
                                random: SeededRandomSource(seed: 6))
        let (now, place) = (now, place)
        let field = try await temporary.storage.write { tx in
            try SealedField.seal("x", under: before.create(for: "acc-1", at: now, in: tx.ownerKeys), for: place)
        }
        await #expect(throws: SealingError.unknownDataKeyVersion(1)) {
            try await temporary.storage.read { tx in try onlyNew.key(for: "acc-1", in: tx.ownerKeys) }
        }
        #expect(try await temporary.storage.write { tx in try after.rewrap(ownerID: "acc-1", in: tx.ownerKeys) })
        let text = try await temporary.storage.read { tx in
            try field.openString(with: onlyNew.key(for: "acc-1", in: tx.ownerKeys), for: place)
        }
        #expect(text == "x")
        await temporary.remove()
    }
}
