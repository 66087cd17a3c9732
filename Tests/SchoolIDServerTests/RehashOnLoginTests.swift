import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDServer
import SchoolIDTesting
import Testing

/// `hashing.rehash_on_login`: a password stored under other parameters is hashed again
/// with the policy's at the next successful login.
@Suite struct RehashOnLoginTests {
    @Test("a login with a hash of another cost stores a hash of the policy's cost; the password keeps working")
    func rehash() async throws {
        let server = try await TestServer()
        let environment = server.application.environment
        let policy = environment.policies.passwords
        let old = try PasswordHasher(parameters: ScryptParameters(logN: policy.userHashCost.logN + 1, r: 8, p: 1))
            .hash(Array("a long enough passphrase".utf8))
        let now = environment.clock.now()
        let id = Account.ID.random(using: SeededRandomSource(seed: 99))
        let ownerKeys = environment.ownerKeys
        try await environment.storage.write { tx in
            let key = try ownerKeys.create(for: id.rawValue, at: now, in: tx.ownerKeys)
            let profile = try AccountProfile(lastName: "Иванова", firstName: "Мария", patronymic: nil, birthDate: nil)
            try tx.accounts.insert(Account(id: id, category: .adult, login: Login(parsing: "ivanova"),
                                           profile: profile.sealed(for: id, under: key), createdAt: now))
            try tx.credentials.setPassword(PasswordCredential(accountID: id, hash: old, kind: .permanent, issuedAt: now))
            try tx.consents.insert(ConsentRecord(id: .random(using: SeededRandomSource(seed: 9)), subjectID: id,
                                                 givenBy: id, basis: .own, textVersion: 1, channel: .api, givenAt: now))
        }
        let body = Data(#"{"login":"ivanova","password":"a long enough passphrase"}"#.utf8)
        let first = try await fetch(server.url(Routes.login), method: "POST",
                                    headers: ["Content-Type": "application/json"], body: body)
        let stored = try await environment.storage.read { tx in try tx.credentials.password(of: id) }
        let events = try await environment.storage.read { tx in try tx.audit.events(AuditQuery(accountID: id)) }
        let second = try await fetch(server.url(Routes.login), method: "POST",
                                     headers: ["Content-Type": "application/json"], body: body)
        try await server.stop()
        #expect(first.status == 200 && first.json["status"] as? String == "logged_in")
        let hash = try #require(stored?.hash)
        #expect(hash != old)
        #expect(hash.hasPrefix("$scrypt$ln=\(policy.userHashCost.logN),r=\(policy.userHashCost.r),p=\(policy.userHashCost.p)$"))
        #expect(events.map(\.action).contains(.passwordRehashed))
        #expect(second.status == 200)
    }
}
