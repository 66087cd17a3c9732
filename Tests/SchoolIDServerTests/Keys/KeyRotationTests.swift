import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDStore
import SchoolIDTesting
import Testing

/// `data` and `index` key rotation over a running server's database: re-wrap and
/// re-index in resumable batches, records still open and lookups still find.
@Suite struct KeyRotationTests {
    static let people = [("petrova.anna", "+79161234567", "anna@example.ru"),
                         ("ivanov.oleg", "+79161234568", "oleg@example.ru"),
                         ("sidorova.ira", "+79161234569", "ira@example.ru")]

    /// Rotates `purpose` in the server's keyring and makes the server reload it.
    static func rotate(_ purpose: KeyPurpose, _ fixture: RecoveryFixture) throws -> KeyringSnapshot {
        let application = fixture.world.server.application
        _ = try application.keyring.directory.rotate(purpose, now: fixture.environment.clock.now(), minimumNextAge: 0,
                                                     force: false)
        application.reloadKeys()
        return application.keyring.snapshot
    }

    static func service(_ fixture: RecoveryFixture, _ keys: KeyringSnapshot) -> KeyRotationService {
        KeyRotationService(storage: fixture.environment.storage, keys: keys, clock: fixture.environment.clock)
    }

    /// Every contact opens under the current keyring and is found by its value.
    static func expectContactsWork(_ fixture: RecoveryFixture, accounts: [Account.ID]) async throws {
        let environment = fixture.environment
        let keys = environment.dataKeys
        let found = try await environment.storage.read { tx in
            try accounts.flatMap { id in
                let ownerKey = try environment.ownerKeys.key(for: id.rawValue, in: tx.ownerKeys)
                return try tx.contacts.contacts(of: id).map { contact in
                    let destination = try contact.destination(ownerKey: ownerKey)
                    return try tx.contacts.verifiedContact(destination, keys: keys)?.accountID == id
                }
            }
        }
        #expect(found.count == accounts.count * 2 && found.allSatisfy { $0 })
    }

    @Test("a data rotation re-wraps every owner key in batches; a run stopped midway resumes and every record opens")
    func rewrapResumes() async throws {
        try await RecoveryFixture.run { fixture in
            var accounts: [Account.ID] = []
            for (login, phone, email) in Self.people {
                accounts.append(try await fixture.guardian(login: login, phone: phone, email: email))
            }
            let keys = try Self.rotate(.data, fixture)
            let service = Self.service(fixture, keys)
            let first = try await service.run(.data, batchSize: 1, maxBatches: 2)  // "killed" after two batches
            #expect(!first.finished && first.changed == 1)
            let stale = try await fixture.environment.storage.write { tx in
                try tx.keyRotation.ownerKeyCount(notWrappedUnder: keys.currentDataKeyVersion)
            }
            #expect(stale == 1)
            let cursor = try #require(try await service.cursor(.data))
            #expect(cursor.targetVersion == 2 && cursor.position == [accounts.map(\.rawValue).sorted()[1]])
            var changed = 0
            let last = try await Self.service(fixture, keys).run(.data, batchSize: 1) { changed += $0.changed }
            #expect(last.finished && changed == 1)
            let remaining = try await fixture.environment.storage.write { tx in
                try tx.keyRotation.ownerKeyCount(notWrappedUnder: 2)
            }
            #expect(remaining == 0)
            try await Self.expectContactsWork(fixture, accounts: accounts)
            let login = try await fixture.login("ivanov.oleg", RecoveryFixture.password)
            #expect(login.status == 200)
        }
    }

    @Test("an index rotation re-indexes in batches while lookups keep working, then the retired key can go")
    func reindexKeepsLookups() async throws {
        try await RecoveryFixture.run { fixture in
            var accounts: [Account.ID] = []
            for (login, phone, email) in Self.people {
                accounts.append(try await fixture.guardian(login: login, phone: phone, email: email))
            }
            let registration = try await fixture.client.post("/v1/registrations", json: [
                "last_name": "Кузнецова", "first_name": "Мария", "phone": "+79031112233", "password": "river-Candle-orbit-42",
                "consent_version": 1])
            try #require(registration.status == 201, "\(registration.text)")
            let keys = try Self.rotate(.index, fixture)
            #expect(fixture.environment.dataKeys.indexKeys.count == 2)
            let service = Self.service(fixture, keys)
            let partial = try await service.run(.index, batchSize: 2, maxBatches: 1)  // interrupted mid-contacts
            #expect(!partial.finished && partial.changed == 2 && partial.entry == BlindIndexRegistry.contacts.name)
            try await Self.expectContactsWork(fixture, accounts: accounts)  // half old, half new
            let reminder = try await fixture.client.post("/v1/recovery/login", json: ["contact": "+79161234569"])
            #expect(reminder.status == 202)
            #expect(try await fixture.world.sms(to: "+79161234569").text.contains("sidorova.ira"))

            let done = try await Self.service(fixture, keys).run(.index, batchSize: 2)
            #expect(done.finished)
            let indexKey = try #require(keys.activeSymmetricKey(.index)).key
            let stored = try await fixture.environment.storage.write { tx in
                try BlindIndexRegistry.all.flatMap { try tx.keyRotation.rows(of: $0, after: nil, limit: 100) }
            }
            #expect(stored.count == Self.people.count * 2 + 1)
            let accountIDs = accounts
            let expected = try await fixture.environment.storage.read { tx in
                try accountIDs.flatMap { id in
                    let ownerKey = try fixture.environment.ownerKeys.key(for: id.rawValue, in: tx.ownerKeys)
                    return try tx.contacts.contacts(of: id).map {
                        try $0.destination(ownerKey: ownerKey).contactIndex(key: indexKey).bytes == $0.valueIndex
                    }
                }
            }
            #expect(expected.allSatisfy { $0 } && expected.count == 6)
            let phoneIndex = OTPDestination.phone(try PhoneNumber(parsing: "+79031112233")).contactIndex(key: indexKey).bytes
            #expect(stored.contains { $0.indexes == [phoneIndex] })

            // Once finished, the retired index key is dropped: one key, and lookups still find.
            let discarded = try fixture.world.server.application.keyring.directory.discardRetiredIndexKeys()
            #expect(discarded.map(\.version) == [1])
            fixture.world.server.application.reloadKeys()
            #expect(fixture.environment.dataKeys.indexKeys.count == 1)
            try await Self.expectContactsWork(fixture, accounts: accounts)
            let byEmail = try await fixture.client.post("/v1/recovery/login", json: ["contact": "Oleg@Example.ru"])
            #expect(byEmail.status == 202)
            #expect(try await fixture.world.email(to: "oleg@example.ru").body.contains("ivanov.oleg"))
            let (flow, _) = try await fixture.start("+79161234567")
            let confirmed = try await fixture.confirm(flow, sms: try await fixture.smsCode("+79161234567"),
                                                      email: try await fixture.emailCode("anna@example.ru"))
            #expect(confirmed.status == 200)
        }
    }
}
