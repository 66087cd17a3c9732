import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDServer
import SchoolIDVerifier

/// `schoolid bench acks`: acknowledgements signed per second through
/// ``AcknowledgementSigningService`` on the real server's storage — the SMS code checked
/// and consumed, the receipt signed, appended to the ledger and the request marked signed,
/// each in its own committed unit, with `concurrency` signers queued together (group
/// commit) — then, at the resulting ledger size, inclusion proofs built by the server and
/// verified by a diary service per second.
///
/// Preparing the pending requests and their SMS challenges (codes known to the bench,
/// nothing sent) happens before each timed run; the code check itself stays in the
/// signing path, as in production.
enum AckBench {
    static let concurrency = 16

    static let title = "Acknowledgements: signings, inclusion proofs built and verified"

    static func run(policies: String, seconds: Int, runs: Int) async throws -> BenchSection {
        try await BenchServer.run(name: "acks", policies: policies) { server in
            let setup = try await AckBenchSetup.prepare(server.application)
            let filesystem = FilesystemProbe.measure(in: server.directory + "/data")
            var signings: [Double] = []
            for run in 1...runs {
                let pool = try await setup.pending(count: 2_500 * seconds, batch: run)
                note("signing \(pool.count) prepared acknowledgements, run \(run) of \(runs) (\(seconds) s)…")
                signings.append(try await sign(pool, setup: setup, seconds: Double(seconds)))
            }
            let ledger = Ledger(environment: server.application.environment, issuer: server.application.issuer,
                                keys: { server.application.keyring.snapshot })
            let checkpoint = try await ledger.newestCheckpoint()
            let size = checkpoint.treeSize
            note("inclusion proofs at ledger size \(size)…")
            let build = try await TokenBench.measureAsync("server proof", seconds: Double(seconds) / 2, runs: runs) {
                _ = try await ledger.proof(forIndex: Int.random(in: 0..<size))
            }
            let sample = try await ledger.proof(forIndex: size / 3)
            guard let receipt = try await ledger.body(ofIndex: size / 3) else { throw CommandFailure("no receipt body") }
            let leaf = MerkleTree.leafHash(SHA256.hash(Array(receipt.utf8)))
            let merkle = Measurement.measure("inclusion", seconds: Double(seconds) / 2, runs: runs) {
                guard MerkleTree.verifyInclusion(leafHash: leaf, leafIndex: sample.leafIndex, treeSize: sample.treeSize,
                                                 proof: sample.inclusion, root: checkpoint.root)
                else { fatalError("the sample proof does not verify") }
            }
            let verifier = ReceiptVerifier(configuration: ReceiptVerifierConfiguration(
                issuer: server.application.issuer, audience: AckBenchSetup.clientID, clock: server.application.environment.clock))
            let proof = InclusionProof(leafIndex: sample.leafIndex, treeSize: sample.treeSize, hashes: sample.inclusion,
                                       checkpoint: sample.checkpoint.compact)
            let offline = try await TokenBench.measureAsync("receipt + checkpoint + inclusion", seconds: Double(seconds) / 2,
                                                            runs: runs) {
                _ = try await verifier.verifyInclusion(receipt: receipt, proof: proof)
            }
            return section(signings: Measurement(name: "signings", rates: signings), build: build, merkle: merkle,
                          offline: offline, size: size, filesystem: filesystem, seconds: seconds, runs: runs)
        }
    }

    /// Signs from `pool` with ``concurrency`` tasks for `seconds`; the rate of receipts returned.
    static func sign(_ pool: [AckBenchSetup.Prepared], setup: AckBenchSetup, seconds: Double) async throws -> Double {
        let cursor = Cursor(count: pool.count)
        let service = setup.service
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        let start = ContinuousClock.now
        let signed = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline, let index = await cursor.next() {
                        let item = pool[index]
                        _ = try await service.sign(item.id, signer: setup.actor,
                                                   proof: .smsCode(challenge: item.challenge, code: item.code),
                                                   context: .commandLine(requestID: "bench"))
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(signed) / start.duration(to: .now).secondsValue
    }

    /// The signers' shared position in the pool.
    actor Cursor {
        private var position = 0
        let count: Int

        init(count: Int) { self.count = count }

        func next() -> Int? {
            defer { position += 1 }
            return position < count ? position : nil
        }
    }

    static func section(signings: Measurement, build: Measurement, merkle: Measurement, offline: Measurement, size: Int,
                        filesystem: FilesystemProbe, seconds: Int, runs: Int) -> BenchSection
    {
        func row(_ name: String, _ measurement: Measurement) -> [BenchCell] {
            [.text(name), .stat(measurement.stat)]
        }
        let table = BenchTable(columns: ["operation", "per second"], rows: [
            row("sign: SMS code checked, receipt signed, appended, committed (\(concurrency) signers)", signings),
            row("server: inclusion proof built at ledger size \(size) (from stored subtree hashes)", build),
            row("verifier: inclusion proof alone (RFC 9162, one core)", merkle),
            row("verifier: receipt signature + checkpoint signature + inclusion (one core)", offline),
        ])
        return BenchSection(suite: "acks", title: title,
                            notes: ["\(runs) runs × \(seconds) s of signing (proofs: half as long); the server's data "
                                    + "directory: \(filesystem.summary)."],
                            tables: [table])
    }
}
