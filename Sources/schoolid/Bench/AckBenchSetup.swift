import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer

/// What the acknowledgement benchmark needs in the bench server's database: a client
/// serving a school, a student with their guardian (logged in), and batches of pending
/// requests, each with an SMS challenge bound to it whose code the bench knows.
struct AckBenchSetup {
    static let clientID = "bench-acks"

    /// One request ready to sign.
    struct Prepared: Sendable {
        let id: Acknowledgement.ID
        let challenge: Challenge.ID
        let code: String
    }

    let environment: ServiceEnvironment
    let service: AcknowledgementSigningService
    let actor: Actor
    let student: Account.ID

    static func prepare(_ application: ServerApplication) async throws -> AckBenchSetup {
        let environment = application.environment
        let random = environment.random, now = environment.clock.now()
        let school = School.ID.random(using: random), student = Account.ID.random(using: random)
        let guardian = Account.ID.random(using: random)
        let session = try await environment.storage.write { tx in
            try tx.schools.insert(School(id: school, code: try SchoolCode(parsing: "bench"), name: "Bench school",
                                         region: "77", timeZone: School.defaultTimeZone, createdAt: now))
            for (id, category) in [(student, Account.Category.student), (guardian, .adult)] {
                _ = try environment.ownerKeys.create(for: id.rawValue, at: now, in: tx.ownerKeys)
                try tx.accounts.insert(Account(id: id, category: category, login: nil, profile: random.bytes(count: 32),
                                               createdAt: now))
            }
            try tx.guardianLinks.insert(GuardianLink(id: .random(using: random), guardianID: guardian, studentID: student,
                                                     relation: .mother, origin: .credentials, state: .active,
                                                     createdAt: now, confirmedAt: now))
            return try SessionService(environment: environment).open(
                for: guardian, purpose: .session, at: now, policy: environment.policies.sessions, in: tx).session
        }
        _ = try await ClientService(environment: environment).register(
            by: .commandLine,
            ClientRegistration(id: clientID, name: "Bench acks", type: "confidential", grants: ["client_credentials"],
                               scopes: ["ack:request"], audience: clientID, schoolIDs: [school]),
            context: .commandLine(requestID: "bench"))
        let actor = try await environment.storage.read { tx in
            try Actor.load(guardian, session: session, at: now, in: tx)
        }
        let keyring = application.keyring
        return AckBenchSetup(
            environment: environment,
            service: AcknowledgementSigningService(environment: environment, attempts: PasswordAttempts(environment: environment),
                                                   issuer: application.issuer, keys: { keyring.snapshot }),
            actor: actor, student: student)
    }

    /// Stores `count` pending requests about the student, each with a bound SMS challenge
    /// (code hashed under the `otp` key as ``ChallengeService`` does; nothing is sent).
    func pending(count: Int, batch: Int) async throws -> [Prepared] {
        let environment = environment, student = student, guardian = actor.account.id
        let keys = environment.dataKeys, random = environment.random, now = environment.clock.now()
        let otp = environment.policies.otp
        guard let otpKey = keys.otpKey(version: keys.currentOTPKeyVersion) else { throw CommandFailure("no otp key") }
        var prepared: [Prepared] = []
        for start in stride(from: 0, to: count, by: 1_000) {
            prepared += try await environment.storage.write { tx in
                let ownerKey = try environment.ownerKeys.key(for: student.rawValue, in: tx.ownerKeys)
                return try (start..<min(count, start + 1_000)).map { index in
                    let id = Acknowledgement.ID.random(using: random)
                    let digest = Hex.encode(random.bytes(count: 32))
                    try tx.acknowledgements.insert(Acknowledgement(
                        id: id, clientID: OAuthClient.ID(rawValue: Self.clientID)!, studentID: student,
                        documentID: "bench-\(batch)-\(index)", digest: digest,
                        sealedTitle: try Acknowledgement.sealTitle("Замечание \(index)", for: id, under: ownerKey),
                        deadline: nil, createdAt: now))
                    let challenge = Challenge.ID.random(using: random)
                    let code = OTPCode.generate(length: otp.length, using: random).unredacted
                    try tx.challenges.insert(Challenge(
                        id: challenge, purpose: .acknowledgement, channel: .sms, accountID: guardian,
                        destinationIndex: random.bytes(count: 32),
                        codeHash: OTPCode.hash(code, challengeID: challenge, key: otpKey),
                        codeKeyVersion: keys.currentOTPKeyVersion, createdAt: now,
                        expiresAt: now.adding(seconds: 86_400), attemptsLeft: otp.maxAttempts))
                    try tx.acknowledgements.bind(AcknowledgementChallenge(
                        challengeID: challenge, acknowledgementID: id, digest: digest, signerID: guardian))
                    return Prepared(id: id, challenge: challenge, code: code)
                }
            }
        }
        return prepared
    }
}
