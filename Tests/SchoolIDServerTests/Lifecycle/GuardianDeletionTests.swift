import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Deleting one of a child's two guardians (issue 8, "Done when"): afterwards their
/// phone, email, names and SNILS (every written form), their wrapped owner key and the
/// blind indexes of their contacts and SNILS appear in none of the database, its WAL
/// and a backup taken afterwards; no outbox row opens to their phone or email; their
/// old bearer token is refused; the other guardian still sees the child; the audit
/// rows about them remain under the account id without their values; their login is
/// free again.
@Suite struct GuardianDeletionTests {
    static let phone = "+79161234567"
    static let email = "maria.ivanova@example.ru"
    static let login = "ivanova.m"

    /// What the deleted guardian left in the tables before deletion (sealed bytes,
    /// indexes, the wrapped and the raw owner key).
    struct StoredTraces {
        var wrappedKey: [UInt8]
        var ownerKey: [UInt8]
        var profile: [UInt8]
        var sealedValues: [[UInt8]]
        var indexes: [[UInt8]]
    }

    @Test("after DELETE /v1/me nothing of the guardian is in the database, WAL or a later backup; the other guardian keeps the child")
    func deleteOneOfTwoGuardians() async throws {
        try await DeliveryWorld.run(configure: { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }) { world in
            let (maria, mariaID, snils) = try await Self.registerMaria(world)
            let people = GuardianFixture(server: world.server)
            let schoolClass = try await people.schoolClass()
            let child = try await people.student(login: "g57-7301", in: schoolClass)
            let claimed = try await maria.post("/v1/me/children/claim", json: [
                "login": child.login, "password": child.password, "relation": "mother"])
            try #require(claimed.status == 201 || claimed.status == 200, "\(claimed.text)")
            let father = try await Self.linkFather(world, people: people, child: child)
            let invited = try await father.post("/v1/me/children/\(child.id.rawValue)/invitations", json: [
                "last_name": "Иванова", "phone": Self.phone, "services": ["diary"]])
            #expect(invited.status == 201, "\(invited.text)")
            try await Self.drainOutbox(world)
            let traces = try await Self.traces(of: mariaID, world: world)
            let before = try await Self.outboxDestinations(world)
            #expect(before.contains(Self.phone) && before.contains(Self.email))

            let deleted = try await maria.send("DELETE", "/v1/me")
            #expect(deleted.status == 204, "\(deleted.text)")

            #expect(try await maria.get("/v1/me").status == 401)
            let children = try await father.get("/v1/me/children")
            #expect(children.status == 200 && children.text.contains(child.id.rawValue), "\(children.text)")
            try await Self.checkTombstone(mariaID, world: world)
            let after = try await Self.outboxDestinations(world)
            #expect(!after.contains(Self.phone) && !after.contains(Self.email), "\(after)")
            let values = [Self.phone, String(Self.phone.dropFirst()), String(Self.phone.dropFirst(2)),
                          "8" + Self.phone.dropFirst(2), Self.email, "Иванова", "Мария"] + snils
            try await Self.checkAudit(about: mariaID, world: world, values: values)
            try await Self.checkFiles(world, values: values, traces: traces)
        }
    }

    /// Registers Мария Иванова with phone and email through the API and gives her a
    /// verified SNILS (changed a few times, as in ``RawFileTests``).
    static func registerMaria(_ world: DeliveryWorld) async throws -> (APIClient, Account.ID, [String]) {
        let client = APIClient(world.server)
        let started = try await client.post("/v1/registrations", json: [
            "last_name": "Иванова", "first_name": "Мария", "phone": phone, "email": email,
            "password": "correct horse battery staple", "login": login, "consent_version": 1,
        ])
        try #require(started.status == 201, "\(started.text)")
        let id = try #require(started.string("registration_id"))
        let smsCode = try #require(DeliveryWorld.code(in: try await world.sms(to: phone).text))
        let confirmed = try await client.post("/v1/registrations/\(id)/confirm", json: ["code": smsCode])
        try #require(confirmed.status == 201, "\(confirmed.text)")
        _ = try await world.email(to: email)
        let snils = try await RawFileTests.changeSNILS(world, registered: confirmed)
        let rawID = try #require(confirmed.string("account_id"))
        let accountID = try #require(Account.ID(rawValue: rawID))
        return (client.with(bearer: try #require(confirmed.string("session_token"))), accountID, snils)
    }

    /// The second guardian, linked with a link code the operator issued.
    static func linkFather(_ world: DeliveryWorld, people: GuardianFixture, child: GuardianFixture.Student) async throws
        -> APIClient
    {
        let (_, father) = try await people.adult(login: "pavel.petrov", phone: "+79161110002")
        let environment = world.server.application.environment
        let service = GuardianshipService(environment: environment, attempts: PasswordAttempts(environment: environment),
                                          credentials: CredentialBatchService(environment: environment))
        let code = try await service.issueLinkCode(by: .commandLine, studentID: child.id,
                                                   context: .commandLine(requestID: "test-link-code"))
        let byCode = try await father.post("/v1/me/children/claim", json: [
            "link_code": code.code, "relation": "father"])
        try #require(byCode.status == 201 || byCode.status == 200, "\(byCode.text)")
        return father
    }

    /// Waits until the dispatcher has handled every message (it erases sent bodies).
    static func drainOutbox(_ world: DeliveryWorld) async throws {
        let storage = world.server.application.environment.storage
        let later = world.server.clock.now().adding(seconds: 86_400)
        while try await !storage.read({ tx in try tx.outbox.due(at: later, limit: 1) }).isEmpty {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The guardian's sealed bytes, indexes and keys, read before deletion.
    static func traces(of accountID: Account.ID, world: DeliveryWorld) async throws -> StoredTraces {
        let environment = world.server.application.environment
        let keys = environment.dataKeys
        let ownerKeys = environment.ownerKeys
        return try await environment.storage.read { tx in
            let wrapped = try #require(try tx.ownerKeys.wrappedKey(for: accountID.rawValue))
            let account = try #require(try tx.accounts.account(accountID))
            let ownerKey = try ownerKeys.key(for: accountID.rawValue, in: tx.ownerKeys)
            let contacts = try tx.contacts.contacts(of: accountID)
            let snils = try #require(try tx.snils.snils(of: accountID))
            let destinations = try contacts.map { try $0.destination(ownerKey: ownerKey) }
            var indexes = contacts.map(\.valueIndex) + [snils.valueIndex]
            indexes += destinations.map { $0.index(key: keys.indexKey).bytes }
            indexes += destinations.compactMap {
                guard case .phone(let phone) = $0 else { return nil }
                return TrustedInvitee.matchIndex(.phone(phone), lastName: "Иванова", key: keys.indexKey).bytes
            }
            #expect(contacts.count == 2)
            return StoredTraces(wrappedKey: wrapped.wrappedKey, ownerKey: ownerKey.key.unsafeBytes,
                                profile: account.profile,
                                sealedValues: contacts.map(\.value) + [snils.value], indexes: indexes)
        }
    }

    /// The row is a tombstone and the login is free.
    static func checkTombstone(_ accountID: Account.ID, world: DeliveryWorld) async throws {
        let storage = world.server.application.environment.storage
        let (account, taken, key, contacts, snils) = try await storage.read { tx in
            (try tx.accounts.account(accountID), try tx.accounts.isLoginTaken(try Login(parsing: login)),
             try tx.ownerKeys.wrappedKey(for: accountID.rawValue), try tx.contacts.contacts(of: accountID),
             try tx.snils.snils(of: accountID))
        }
        #expect(account?.status == .deleted && account?.login == nil && account?.profile.isEmpty == true)
        #expect(!taken && key == nil && contacts.isEmpty && snils == nil)
        let refused = try await APIClient(world.server).post("/v1/login", json: [
            "login": Self.login, "password": "correct horse battery staple"])
        #expect(refused.status == 401 && refused.errorCode == "invalid_credentials", "\(refused.text)")
    }

    /// Where every outbox row goes (opened with the data key).
    static func outboxDestinations(_ world: DeliveryWorld) async throws -> [String] {
        let environment = world.server.application.environment
        let keys = environment.dataKeys
        return try await environment.storage.read { tx in
            try tx.outbox.messages(after: nil, limit: 10_000).compactMap { message -> String? in
                let field = try SealedField(serialized: message.destination)
                guard let key = keys.dataKey(version: field.keyVersion) else { return nil }
                return try field.openString(with: SealingKey(key: key, version: field.keyVersion),
                                            for: OutboxMessage.destinationContext(message.id))
            }
        }
    }

    /// The audit rows about the account remain, under its id, with none of its values.
    static func checkAudit(about accountID: Account.ID, world: DeliveryWorld, values: [String]) async throws {
        let events = try await world.server.application.environment.storage.read { tx in
            try tx.audit.events(AuditQuery(accountID: accountID, limit: 500))
        }
        let actions = Set(events.map(\.action))
        #expect(actions.isSuperset(of: [.registrationCompleted, .snilsDeclared, .guardianLinkClaimed, .accountDeleted]))
        let deletion = try #require(events.first { $0.action == .accountDeleted })
        #expect(deletion.actorID == accountID && deletion.targetID == accountID)
        #expect(deletion.detail.contains("contacts=2") && deletion.detail.contains("snils=1")
                && deletion.detail.contains("owner_key=1") && deletion.detail.contains("guardian_links=1"),
                "\(deletion.detail)")
        for event in events {
            for value in values { #expect(!event.detail.contains(value), "\(value) in \(event.action)") }
        }
    }

    /// Neither the values nor the stored traces are in data/ or a backup taken now.
    static func checkFiles(_ world: DeliveryWorld, values: [String], traces: StoredTraces) async throws {
        let files = try await RawFileTests.rawFiles(of: world.server, backup: "deletion-backup.sqlite")
        try RawFileTests.expectAbsent(values, traces: [traces.wrappedKey, traces.ownerKey, traces.profile]
            + traces.sealedValues + traces.indexes, from: files)
    }
}
