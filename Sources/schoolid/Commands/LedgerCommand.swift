import Foundation
import SchoolIDBase
import SchoolIDCore

/// `schoolid ledger verify|checkpoint`: checks the acknowledgement ledger against its
/// rows and signatures, or signs a checkpoint now (issue 10).
enum LedgerCommand: Command {
    static let name = "ledger"
    static let summary = "verify the acknowledgement ledger or sign a checkpoint"
    static let help = """
    usage: schoolid ledger verify
           schoolid ledger checkpoint [--issuer URL]

    verify      recomputes the Merkle tree (RFC 9162) from the database and checks every
                entry and every stored checkpoint: indices contiguous from 0; each
                readable body hashes to its leaf, is signed by an ack key, names the row's
                index and acknowledgement; each checkpoint is signed by an ack key and its
                root is the recomputed one. Prints "ledger ok: N entries, M checkpoints"
                (exit 0), or one line per problem naming the row (exit 1).
    checkpoint  signs a checkpoint over every entry now (unless the newest covers them)
                and prints its size and root.

    options:
      --issuer URL  the issuer checkpoints name (default $SCHOOLID_ISSUER); must be the
                    one 'serve' publishes
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (verify or checkpoint)")
        let issuerOption = try arguments.option("--issuer")
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        try arguments.finish()
        switch subcommand {
        case "verify":
            try await verify(environment)
        case "checkpoint":
            let issuer = issuerOption ?? ProcessInfo.processInfo.environment["SCHOOLID_ISSUER"]
            guard let issuer, !issuer.isEmpty else { throw UsageError("checkpoint needs --issuer (or SCHOOLID_ISSUER)") }
            try await checkpoint(environment, issuer: issuer)
        default:
            throw UsageError("unknown subcommand '\(subcommand)'")
        }
    }

    private static func verify(_ environment: Environment) async throws {
        let keys = try environment.keyring()
        let report = try await Installation.with(environment) { installation in
            try await Ledger(environment: installation.environment, issuer: "", keys: { keys }).check()
        }
        guard report.problems.isEmpty else {
            FileHandle.standardOutput.write(Data(report.problems.map { $0 + "\n" }.joined().utf8))
            throw CommandFailure("ledger verify: \(report.problems.count) problem(s)")
        }
        print("ledger ok: \(report.entries) entries, \(report.checkpoints) checkpoints")
    }

    private static func checkpoint(_ environment: Environment, issuer: String) async throws {
        let keys = try environment.keyring()
        let checkpoint = try await Installation.with(environment) { installation in
            try await Ledger(environment: installation.environment, issuer: issuer, keys: { keys }).signNow()
        }
        print("tree_size \(checkpoint.treeSize) root \(Hex.encode(checkpoint.root))")
    }
}
