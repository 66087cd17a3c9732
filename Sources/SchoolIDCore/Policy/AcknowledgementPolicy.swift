import SchoolIDJOSE
import SchoolIDBase

/// `acknowledgements.json`: who may sign acknowledgements, when the ledger signs
/// checkpoints, and how long receipt bodies are kept (issue 10).
///
/// Checkpoints bound how long an append can stay unsigned: the ledger signs one as soon
/// as ``checkpointEveryAppends`` entries are not covered yet, and at the latest
/// ``checkpointEverySeconds`` after the first uncovered append (and whenever a client
/// asks for a proof the newest checkpoint does not cover). Receipt bodies (they hold the
/// title) are personal data and are destroyed ``receiptBodiesDays`` after signing; the
/// ledger's leaves stay, so proofs about receipts held elsewhere keep working.
public struct AcknowledgementPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "acknowledgements.json"

    /// Whether a trusted person whose grant includes `diary` may sign (default `false`:
    /// only a guardian confirms for a child).
    public let trustedPersonsMaySign: Bool
    /// Sign a checkpoint once this many appends are not covered (1–10 000).
    public let checkpointEveryAppends: Int
    /// Sign a checkpoint at most this many seconds after the first uncovered append (1–86 400).
    public let checkpointEverySeconds: Int64
    /// Days a sealed receipt body is kept after signing (1–36 500).
    public let receiptBodiesDays: Int
}

extension AcknowledgementPolicy {
    /// Decodes and validates `acknowledgements.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        trustedPersonsMaySign = try root.bool("trusted_persons_may_sign")
        let checkpoint = try root.object("checkpoint")
        checkpointEveryAppends = try checkpoint.int("every_appends", in: 1...10_000)
        checkpointEverySeconds = try checkpoint.integer("every_seconds", in: 1...86_400)
        try checkpoint.finish()
        receiptBodiesDays = try root.int("receipt_bodies_days", in: 1...36_500)
        try root.finish()
    }
}
