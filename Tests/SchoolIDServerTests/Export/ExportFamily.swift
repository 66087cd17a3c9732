import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Two families for the export tests: Anna Petrova (phone, email, SNILS, TOTP with
/// recovery codes, sessions) linked to her son Misha (phone, verified SNILS, a link code),
/// with a trusted person invited and accepted; and Vera Sidorova with her own child, a
/// stranger to the first family.
struct ExportFamily: Sendable {
    static let phone = "+79161110001", email = "anna.petrova@example.ru", snils = "123-456-789 64"
    static let childPhone = "+79161119901", childSNILS = "112-233-445 95"
    static let otherPhone = "+79162220002", otherEmail = "vera.sidorova@example.ru", otherSNILS = "291-417-776 94"
    static let otherLastName = "Сидорова", otherFirstName = "Вероника", otherChildLogin = "g57-7302"

    let trusted: TrustedFixture
    let childID: Account.ID
    let linkCodeID: String
    let otherID: Account.ID
    let otherChildID: Account.ID

    var server: TestServer { trusted.server }
    var guardian: APIClient { trusted.guardian }
    var guardianID: Account.ID { trusted.guardianID }

    /// Fills every personal table for the first family and registers the second.
    static func make(_ trusted: TrustedFixture) async throws -> ExportFamily {
        let environment = trusted.environment
        try await addContact(.email(try Email(parsing: email)), to: trusted.guardianID, environment)
        try await addContact(.phone(try PhoneNumber(parsing: childPhone)), to: trusted.child.id, environment)
        let declared = try await trusted.guardian.send("PUT", "/v1/me/snils", body: Array(#"{"snils": "\#(snils)"}"#.utf8),
                                                       contentType: "application/json")
        try #require(declared.status == 200, "\(declared.text)")

        let admin = try await SchoolWorld.bootstrapAdmin(trusted.server).client
        let verified = try await admin.send("PUT", "/v1/accounts/\(trusted.child.id.rawValue)/snils",
                                            body: Array(#"{"snils": "\#(childSNILS)"}"#.utf8), contentType: "application/json")
        try #require(verified.status == 200, "\(verified.text)")
        let code = try await admin.post("/v1/students/\(trusted.child.id.rawValue)/link-codes")
        try #require(code.status == 201, "\(code.text)")

        let (_, invitee) = try await trusted.person(login: "olga.elkina", lastName: "Ёлкина", phone: "+79161110077")
        let invited = try await trusted.invite(lastName: "Ёлкина", phone: "+79161110077")
        try #require(invited.status == 201, "\(invited.text)")
        let accepted = try await invitee.post("/v1/invitations/\(try TrustedFixture.invitationID(invited))/accept")
        try #require(accepted.status == 200, "\(accepted.text)")
        // Last: once Anna has TOTP, a password alone no longer logs her in (the fixture's invite does).
        _ = try await TOTPEnrolmentSteps.enrol(trusted.guardian, on: trusted.server)
        try await addSignedAcknowledgement(for: trusted.child.id, by: trusted.guardianID, in: trusted)

        let (otherID, other) = try await otherFamily(trusted)
        let otherChild = try await trusted.guardians.student(login: otherChildLogin, in: trusted.schoolClass)
        let claimed = try await other.post("/v1/me/children/claim", json: [
            "login": otherChild.login, "password": otherChild.password, "relation": "mother"])
        try #require(claimed.status == 201 || claimed.status == 200, "\(claimed.text)")
        return ExportFamily(trusted: trusted, childID: trusted.child.id,
                            linkCodeID: try #require(code.string("link_code_id"), "\(code.text)"),
                            otherID: otherID, otherChildID: otherChild.id)
    }

    /// A diary service's acknowledgement about the child, signed by the guardian (stored
    /// straight, as signing comes with the ledger), so every acknowledgement column holds a value.
    private static func addSignedAcknowledgement(for childID: Account.ID, by guardianID: Account.ID,
                                                 in trusted: TrustedFixture) async throws
    {
        let environment = trusted.environment
        let now = environment.clock.now()
        let registration = ClientRegistration(id: "diary-export", name: "Дневник", type: "confidential",
                                              grants: ["client_credentials"], scopes: ["ack:request"],
                                              schoolIDs: [trusted.schoolClass.schoolID])
        let client = try await ClientService(environment: environment)
            .register(by: .commandLine, registration, context: .commandLine(requestID: "test")).client
        try await environment.storage.write { tx in
            let id = Acknowledgement.ID.random(using: environment.random)
            let key = try environment.ownerKeys.key(for: childID.rawValue, in: tx.ownerKeys)
            try tx.acknowledgements.insert(Acknowledgement(
                id: id, clientID: client.id, studentID: childID, documentID: "note-1",
                digest: String(repeating: "5e", count: 32),
                sealedTitle: try Acknowledgement.sealTitle("Опоздание на урок", for: id, under: key),
                deadline: now.adding(seconds: 86_400), state: .signed, createdAt: now, signedAt: now, signedBy: guardianID))
        }
    }

    private static func otherFamily(_ trusted: TrustedFixture) async throws -> (Account.ID, APIClient) {
        let id = try await AdultAccount.create(in: trusted.environment, login: "vera.sidorova",
                                               password: GuardianFixture.adultPassword, lastName: otherLastName,
                                               firstName: otherFirstName, phone: otherPhone, email: otherEmail,
                                               snils: otherSNILS)
        return (id, try await trusted.login("vera.sidorova"))
    }

    private static func addContact(_ destination: OTPDestination, to accountID: Account.ID,
                                   _ environment: ServiceEnvironment) async throws {
        let now = environment.clock.now()
        try await environment.storage.write { tx in
            let key = try environment.ownerKeys.key(for: accountID.rawValue, in: tx.ownerKeys)
            try tx.contacts.save(AccountContact(destination: destination, accountID: accountID, ownerKey: key,
                                                indexKey: environment.dataKeys.indexKey, verifiedAt: now, now: now))
        }
    }

    /// Every written form of the second family's values and ids.
    var strangerValues: [String] {
        let digits = Self.otherSNILS.filter(\.isNumber)
        return [Self.otherPhone, String(Self.otherPhone.dropFirst()), Self.otherEmail, Self.otherSNILS, digits,
                Self.otherLastName, Self.otherFirstName, "vera.sidorova", Self.otherChildLogin, otherID.rawValue,
                otherChildID.rawValue]
    }
}
