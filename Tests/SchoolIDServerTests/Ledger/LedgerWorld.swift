import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDServer
import SchoolIDTesting

/// A real server and its ledger: receipts signed by the server's keyring through
/// ``ReceiptIssuer`` (the signing flow is the lead's) and appended in write units.
struct LedgerWorld {
    static let student = Account.ID(rawValue: "acc_AAAAAAAAAAAAAAAAAAAAAA")!

    let server: TestServer
    var application: ServerApplication { server.application }

    var ledger: Ledger {
        let keyring = application.keyring
        return Ledger(environment: application.environment, issuer: application.issuer, keys: { keyring.snapshot })
    }

    /// Appends `count` receipts (each at the clock's time), returning their JWS.
    @discardableResult
    func appendReceipts(_ count: Int) async throws -> [String] {
        var compacts: [String] = []
        for _ in 0..<count {
            let ledger = ledger, issuer = issuer(), now = server.clock.now()
            let ack = Acknowledgement.ID.random(using: application.environment.random)
            compacts.append(try await application.environment.storage.write { tx in
                let index = try Ledger.nextIndex(in: tx)
                let receipt = try issuer.sign(Self.claims(ack, index: index), at: now)
                try ledger.append(.receipt, compact: receipt.compact, acknowledgement: ack, student: Self.student,
                                  now: now, in: tx)
                return receipt.compact
            })
        }
        return compacts
    }

    func issuer() -> ReceiptIssuer {
        ReceiptIssuer(issuer: application.issuer, algorithm: application.policies.tokens.defaultAlgorithms.acknowledgement,
                      keys: application.keyring.snapshot, random: SeededRandomSource(seed: 9))
    }

    static func claims(_ ack: Acknowledgement.ID, index: Int) -> ReceiptClaims {
        ReceiptClaims(audience: "diary", acknowledgement: ack, student: student, document: "note-\(index)",
                      title: "Замечание \(index)", digest: String(repeating: "ab", count: 32),
                      signer: Account.ID(rawValue: "acc_BBBBBBBBBBBBBBBBBBBBBQ")!, signerRole: .guardian,
                      link: .init(id: "gl_DDDDDDDDDDDDDDDDDDDDDD", relation: .mother, origin: "link_code"),
                      method: .smsOTP, ledgerIndex: Int64(index))
    }

    /// Every leaf hash stored, by index.
    func leafHashes() async throws -> [[UInt8]] {
        try await application.environment.storage.read { tx in try tx.ledger.entries(below: Int.max).map(\.leafHash) }
    }

    func auditCount(_ action: AuditAction) async throws -> Int {
        try await application.environment.storage.read { tx in
            try tx.audit.events(AuditQuery(limit: 1000)).filter { $0.action == action }.count
        }
    }

    static func run(_ body: (LedgerWorld) async throws -> Void) async throws {
        let world = LedgerWorld(server: try await TestServer())
        do {
            let environment = world.application.environment, now = world.server.clock.now()
            try await environment.storage.write { tx in
                _ = try environment.ownerKeys.create(for: student.rawValue, at: now, in: tx.ownerKeys)
            }
            try await body(world)
        } catch {
            try await world.server.stop()
            throw error
        }
        try await world.server.stop()
    }
}
