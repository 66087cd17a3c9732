import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Kill -9 during 200 signings (issue 10): the real `schoolid serve` signs receipts for a
/// guardian in parallel and is killed with SIGKILL part-way. After a restart on the same
/// data every receipt a client was given is in the ledger (its detail shows the same
/// receipt with an inclusion proof that verifies against the signed checkpoint's root),
/// the remaining requests sign, and `schoolid ledger verify` finds nothing wrong.
@Suite struct AcknowledgementCrashTests {
    static let signings = 200
    static let guardianPhone = "+79161110001"

    @Test("kill -9 during 200 signings: every receipt returned is in the ledger after restart and ledger verify passes")
    func receiptsSurviveKill() async throws {
        let root = try TemporaryDirectory(prefix: "schoolid-ack-crash")
        defer { root.remove() }
        let ids = try await Self.prepare(root)
        #expect(ids.count == Self.signings)

        let first = try await Self.serve(root)
        let tally = Tally()
        let guardian = try await Self.login(port: first.port)
        let killAfter = Int.random(in: 20...120)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    while let index = await tally.take(below: ids.count) {
                        guard let response = try? await Self.sign(ids[index], guardian, from: index),
                              response.status == 201, let receipt = response.string("receipt")
                        else { return }
                        if await tally.record(ids[index], receipt) == killAfter { first.kill() }
                    }
                }
            }
        }
        first.kill()
        let acknowledged = await tally.returned
        #expect(acknowledged.count >= killAfter && acknowledged.count < Self.signings, "\(acknowledged.count) receipts")

        let second = try await Self.serve(root)
        defer { second.kill() }
        let again = try await Self.login(port: second.port)
        for (id, receipt) in acknowledged {
            let shown = try await again.get("/v1/acknowledgements/\(id)")
            #expect(shown.string("state") == "signed" && shown.string("receipt") == receipt, "\(id): \(shown.text)")
            #expect(try Self.proofVerifies(receipt, shown.json["proof"] as? [String: Any]), "\(id)")
        }
        for id in ids where acknowledged[id] == nil {
            let shown = try await again.get("/v1/acknowledgements/\(id)")
            if shown.string("state") == "pending" {
                let signed = try await Self.sign(id, again, from: Self.signings + ids.firstIndex(of: id)!)
                #expect(signed.status == 201, "\(signed.text)")
            } else {
                #expect(shown.string("state") == "signed", "a signing the client never saw may have committed")
            }
        }
        second.kill()
        let verified = try await SchoolIDExecutable.run(["ledger", "verify"], in: root.path)
        #expect(verified.status == 0 && verified.stdout.contains("ledger ok: \(Self.signings) entries"), "\(verified)")
    }

    /// The workers' shared cursor and the receipts the server returned.
    actor Tally {
        private var next = 0
        private(set) var returned: [String: String] = [:]

        func take(below count: Int) -> Int? {
            defer { next += 1 }
            return next < count ? next : nil
        }

        func record(_ id: String, _ receipt: String) -> Int {
            returned[id] = receipt
            return returned.count
        }
    }

    /// Whether the inclusion proof of the API's `proof` object verifies the receipt's leaf
    /// against the root its checkpoint signs (the signature is the verifier tests' concern).
    static func proofVerifies(_ receipt: String, _ proof: [String: Any]?) throws -> Bool {
        guard let proof, let compact = proof["checkpoint"] as? String, let index = proof["leaf_index"] as? Int,
              let path = proof["inclusion"] as? [String]
        else { return false }
        let segments = compact.split(separator: ".").map(String.init)
        guard segments.count == 3, let payload = Base64URL.decode(segments[1]),
              let claims = try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any],
              let rootText = claims["root"] as? String, let root = Hex.decode(rootText),
              let size = claims["tree_size"] as? Int
        else { return false }
        let leaf = MerkleTree.leafHash(SHA256.hash(Array(receipt.utf8)))
        return MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: index, treeSize: size,
                                          proof: path.compactMap { Hex.decode($0) }, root: root)
    }

    /// A data directory with a served child, their mother (password, verified phone,
    /// active link) and `signings` pending acknowledgements, made by an in-process server
    /// that is then stopped; keys and policies beside it as `schoolid serve` expects.
    static func prepare(_ root: TemporaryDirectory) async throws -> [String] {
        let manager = FileManager.default
        try manager.copyItem(atPath: Fixtures.url("policies").path, toPath: root.file("policies"))
        try manager.removeItem(atPath: root.file("policies/invalid"))
        for directory in ["keys", "data"] {
            try manager.createDirectory(atPath: root.file(directory), withIntermediateDirectories: false,
                                        attributes: [.posixPermissions: 0o700])
        }
        try KeyringDirectory(path: root.file("keys")).create(now: UnixTime(seconds: 1_790_000_000))
        _ = manager.createFile(atPath: root.file("data/schoolid.sqlite"), contents: nil,
                               attributes: [.posixPermissions: 0o600])
        let server = try await TestServer { configuration in
            configuration.data = root.file("data")
            configuration.keys = root.file("keys")
            configuration.policies = root.file("policies")
        }
        do {
            let ids = try await populate(server)
            try await server.stop()
            return ids
        } catch {
            try await server.stop()
            throw error
        }
    }

    private static func populate(_ server: TestServer) async throws -> [String] {
        let environment = server.application.environment
        let people = GuardianFixture(server: server)
        let schoolClass = try await people.schoolClass(code: "g57")
        let child = try await people.student(login: "g57-7301", in: schoolClass)
        let mother = try await AdultAccount.create(in: environment, login: "anna.petrova",
                                                   password: GuardianFixture.adultPassword, phone: guardianPhone)
        let now = environment.clock.now()
        try await environment.storage.write { tx in
            try tx.guardianLinks.insert(GuardianLink(
                id: .random(using: environment.random), guardianID: mother, studentID: child.id, relation: .mother,
                origin: .credentials, state: .active, createdAt: now, confirmedAt: now))
        }
        let client = try await ClientService(environment: environment).register(
            by: .commandLine,
            ClientRegistration(id: "diary-crash", name: "Дневник", type: "confidential", grants: ["client_credentials"],
                               scopes: ["ack:request"], audience: "diary-crash-api", schoolIDs: [schoolClass.schoolID]),
            context: .commandLine(requestID: "test")).client.id
        let service = AcknowledgementService(environment: environment)
        var ids: [String] = []
        for index in 0..<signings {
            let requested = try await service.request(
                by: client, student: child.id, document: "note-\(index)", title: "Замечание \(index)",
                digest: Hex.encode(SHA256.hash(Array("note \(index)".utf8))), deadline: nil,
                context: .commandLine(requestID: "test"))
            ids.append(requested.view.acknowledgement.id.rawValue)
        }
        return ids
    }

    /// `schoolid serve` on `root`, trusting the loopback proxy so each signing can come
    /// from an address of its own (the per-address password budget would refuse 200
    /// password re-entries from one address within minutes, as it should).
    static func serve(_ root: TemporaryDirectory) async throws -> ServeProcess {
        try await ServeProcess.launch(["serve", "--port", "0"], in: root.path,
                                      environment: ["SCHOOLID_TRUSTED_PROXIES": "127.0.0.1/32"])
    }

    /// Signs with the password, from the `index`th address.
    static func sign(_ id: String, _ guardian: APIClient, from index: Int) async throws -> APIResponse {
        try await guardian.from("10.77.\(index / 250).\(index % 250 + 1)").post(
            "/v1/acknowledgements/\(id)/sign", json: ["method": "password", "password": GuardianFixture.adultPassword])
    }

    /// Logs the mother in on the child server.
    static func login(port: Int) async throws -> APIClient {
        try await GuardianFixture.login(APIClient(port: port), "anna.petrova", GuardianFixture.adultPassword)
    }
}
