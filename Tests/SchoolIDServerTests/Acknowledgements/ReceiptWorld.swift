import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDJOSE
import SchoolIDServer
import SchoolIDTesting
import SchoolIDVerifier

/// A real server whose keyring signs receipts, and verifiers that read its real
/// `/v1/ledger/keys` on loopback with the server's manual clock.
struct ReceiptWorld {
    static let document = Array("Замечание: не выполнено домашнее задание по математике.".utf8)
    static let student = Account.ID(rawValue: "acc_AAAAAAAAAAAAAAAAAAAAAA")!
    static let guardian = Account.ID(rawValue: "acc_BBBBBBBBBBBBBBBBBBBBBQ")!
    static let acknowledgement = Acknowledgement.ID(rawValue: "ack_CCCCCCCCCCCCCCCCCCCCCA")!

    let server: TestServer
    var application: ServerApplication { server.application }
    var issuer: String { application.issuer }

    /// Claims for the test document, addressed to `audience`.
    static func claims(audience: String = "diary", ledgerIndex: Int64 = 0) -> ReceiptClaims {
        ReceiptClaims(audience: audience, acknowledgement: acknowledgement, student: student,
                      document: "note-17", title: "Замечание по математике", digest: Hex.encode(SHA256.hash(document)),
                      signer: guardian, signerRole: .guardian,
                      link: .init(id: "gl_DDDDDDDDDDDDDDDDDDDDDD", relation: .mother, origin: "link_code"),
                      method: .smsOTP, ledgerIndex: ledgerIndex)
    }

    /// Signs with the given keyring snapshot (the current one by default) at `time` (now by default).
    func issue(_ claims: ReceiptClaims = ReceiptWorld.claims(), keys: KeyringSnapshot? = nil,
               at time: UnixTime? = nil) throws -> IssuedReceipt
    {
        try ReceiptIssuer(issuer: issuer, algorithm: application.policies.tokens.defaultAlgorithms.acknowledgement,
                          keys: keys ?? application.keyring.snapshot, random: SeededRandomSource(seed: 7))
            .sign(claims, at: time ?? server.clock.now())
    }

    func verifier(audience: String = "diary") -> ReceiptVerifier {
        ReceiptVerifier(configuration: ReceiptVerifierConfiguration(issuer: issuer, audience: audience, clock: server.clock))
    }

    /// Rotates the ack keys at the clock's time and makes the server reload them.
    func rotateAckKeys() throws {
        _ = try application.keyring.directory.rotate(.ack, now: server.clock.now(), minimumNextAge: 0, force: false)
        application.reloadKeys()
    }

    static func run(_ body: (ReceiptWorld) async throws -> Void) async throws {
        let world = ReceiptWorld(server: try await TestServer())
        do {
            try await body(world)
        } catch {
            try await world.server.stop()
            throw error
        }
        try await world.server.stop()
    }
}
