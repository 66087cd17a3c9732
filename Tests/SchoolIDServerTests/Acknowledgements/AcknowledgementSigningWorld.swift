import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDJOSE
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Signing steps through the real API, on an ``AcknowledgementWorld``.
extension AcknowledgementWorld {
    /// A pending acknowledgement requested by a fresh client (`diary-one` by default).
    func pending(client: String = "diary-one", document: String = "note-2026-11-29-1",
                 deadline: Int64? = nil) async throws -> String
    {
        let token = try await clientToken(client)
        let notices = [Self.motherPhone, Self.fatherPhone].map { ($0, delivery.smsCount(to: $0)) }
        let response = try await request(token, body(document: document, deadline: deadline))
        try #require(response.status == 201, "\(response.text)")
        for (phone, count) in notices { _ = try await delivery.sms(to: phone, after: count) }
        return try #require(response.string("id"))
    }

    /// Asks for a signing code as `signer` and reads it from the fake gateway.
    func code(_ id: String, signer: APIClient, phone: String = motherPhone) async throws
        -> (challenge: String, code: String, sms: String)
    {
        let before = delivery.smsCount(to: phone)
        let sent = try await signer.post("/v1/acknowledgements/\(id)/code")
        try #require(sent.status == 201, "\(sent.text)")
        let sms = try await delivery.sms(to: phone, after: before).text
        return (try #require(sent.string("challenge_id")), try #require(DeliveryWorld.code(in: sms)), sms)
    }

    /// `POST /v1/acknowledgements/{id}/sign` with an SMS code.
    func sign(_ id: String, signer: APIClient, challenge: String, code: String) async throws -> APIResponse {
        try await signer.post("/v1/acknowledgements/\(id)/sign",
                              json: ["method": "sms-otp", "challenge_id": challenge, "code": code])
    }

    /// `POST /v1/acknowledgements/{id}/sign` with the password.
    func sign(_ id: String, signer: APIClient, password: String = GuardianFixture.adultPassword) async throws
        -> APIResponse
    {
        try await signer.post("/v1/acknowledgements/\(id)/sign", json: ["method": "password", "password": password])
    }

    /// The JOSE header and claims of a compact JWS (not verified: the verifier tests do that).
    static func parts(_ compact: String) throws -> (header: [String: Any], claims: [String: Any]) {
        let segments = compact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        try #require(segments.count == 3)
        func object(_ segment: String) throws -> [String: Any] {
            let bytes = try #require(Base64URL.decode(segment))
            return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        }
        return (try object(segments[0]), try object(segments[1]))
    }

    /// A trusted person of the served child, granted `services` and active now,
    /// inserted through the store as an accepted invitation; logged in.
    func trustedPerson(services: Set<Service> = [.diary]) async throws -> APIClient {
        let people = GuardianFixture(server: server)
        let (id, client) = try await people.adult(login: "irina.nanny", phone: "+79161110009")
        let environment = environment
        let (now, child, school) = (environment.clock.now(), child, servedSchool)
        try await environment.storage.write { tx in
            let mother = try #require(try tx.guardianLinks.links(ofStudent: child).first?.guardianID)
            try tx.trustedInvitations.insert(TrustedInvitation(
                id: .random(using: environment.random), studentID: child, guardianID: mother, schoolID: school,
                services: services, identifierKind: .phone, invitee: [1], matchIndex: Array(repeating: 7, count: 32),
                codeHMAC: nil, codeKeyVersion: nil, requiresApproval: false, state: .accepted, createdAt: now,
                lapsesAt: now.adding(seconds: 86_400), endsBy: nil, inviteeID: id, acceptedAt: now, activeFrom: now,
                expiresAt: now.adding(seconds: 30 * 86_400)), approvers: [])
        }
        return client
    }

    /// The server's ledger.
    var ledger: Ledger {
        let application = server.application
        return Ledger(environment: environment, issuer: application.issuer, keys: { application.keyring.snapshot })
    }

    /// A session of the served child, after the first-login password change.
    func studentSession() async throws -> APIClient {
        let anonymous = APIClient(server)
        let login = try await anonymous.post("/v1/login", json: ["login": student.login, "password": student.password])
        let ticket = try #require(login.string("change_ticket"), "\(login.text)")
        let changed = try await anonymous.post("/v1/password/change",
                                               json: ["change_ticket": ticket, "new_password": "maple-river-lamp"])
        return anonymous.with(bearer: try #require(changed.string("session_token"), "\(changed.text)"))
    }
}
