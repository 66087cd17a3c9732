import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDJOSE
import SchoolIDStore

/// `schoolid keys list|rotate|rewrap|reindex|jwks`.
enum KeysCommand: Command {
    static let name = "keys"
    static let summary = "list, rotate and publish keys"
    static let help = """
    usage: schoolid keys list [--keys DIR]
           schoolid keys rotate --purpose token|ack|data|index|otp [--alg ES256|EdDSA|RS256] [--force]
                                [--batch N] [--max-batches N]
           schoolid keys rewrap [--batch N] [--max-batches N]
           schoolid keys reindex [--batch N] [--max-batches N]
           schoolid keys jwks [--purpose token|ack]

    list    every key: purpose, algorithm, id (kid), state and dates; fails when a key
            file is missing or readable by group or others.
    rotate  signing keys: active -> retired, next -> active, new next key. Refused while
            the next key is younger than jwks_max_age_seconds (policies/tokens.json)
            unless --force. data/index/otp: a new version becomes active (the old one
            retires). --purpose data then re-wraps every per-owner key under the new
            data key (as 'rewrap'); --purpose index recomputes every blind index under
            the new index key (as 'reindex', after the wait below). Both run while serve runs on the same
            database: serve reloads the keyring when keyring.json changes (or on SIGHUP).
    rewrap  re-wraps per-owner keys under the active data key, in batches of --batch
            rows (default 200), each committed with its cursor: after an interruption
            (or --max-batches N) run it again to resume where it stopped. Retired data
            keys are kept: they still open pending registrations and outbox messages.
    reindex recomputes every blind index (contacts, contact changes, registrations…)
            under the active index key, resumable like rewrap. It first waits until that
            key is \(reindexGraceSeconds) s old, so every running server has loaded it
            before any row moves; lookups try every index key in the keyring meanwhile. When it has finished and the new key is
            over \(reindexGraceSeconds) s old (every server has reloaded it), the retired
            index keys are deleted; until then run 'keys reindex' again later to drop them.
    jwks    the public keys verifiers fetch (never symmetric or private material):
            token keys that are next, active or retired within the retention period;
            all acknowledgement keys.

    options:
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (list, rotate, rewrap, reindex or jwks)")
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        switch subcommand {
        case "list":
            try arguments.finish()
            try list(environment)
        case "rotate":
            guard let purpose = try purposeOption(&arguments, allowed: KeyPurpose.allCases) else {
                throw UsageError("rotate needs --purpose")
            }
            let algorithm = try arguments.option("--alg").map { name throws(UsageError) in
                guard let algorithm = JWSAlgorithm(rawValue: name), purpose.algorithms.contains(name) else {
                    throw UsageError("--alg \(name) is not an algorithm of \(purpose.rawValue) keys")
                }
                return algorithm
            }
            let force = arguments.flag("--force")
            let batches = try batchOptions(&arguments)
            try arguments.finish()
            try await rotate(environment, purpose: purpose, algorithm: algorithm, force: force)
            if purpose == .data || purpose == .index {
                try await migrate(environment, purpose: purpose, batches: batches)
            }
        case "rewrap", "reindex":
            let batches = try batchOptions(&arguments)
            try arguments.finish()
            try await migrate(environment, purpose: subcommand == "rewrap" ? .data : .index, batches: batches)
        case "jwks":
            let purpose = try purposeOption(&arguments, allowed: [.token, .ack]) ?? .token
            try arguments.finish()
            try jwks(environment, purpose: purpose)
        default:
            throw UsageError("unknown keys subcommand '\(subcommand)'")
        }
    }

    static func purposeOption(_ arguments: inout Arguments, allowed: [KeyPurpose]) throws(UsageError) -> KeyPurpose? {
        guard let text = try arguments.option("--purpose") else { return nil }
        guard let purpose = KeyPurpose(rawValue: text), allowed.contains(purpose) else {
            throw UsageError("--purpose must be one of \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        return purpose
    }

    static func list(_ environment: Environment) throws {
        let snapshot = try environment.keyring()
        print(["PURPOSE", "ALG", "STATE", "ID", "CREATED", "ACTIVATED", "RETIRED"].joined(separator: "\t"))
        for record in snapshot.records.sorted(by: { ($0.purpose.rawValue, $0.algorithm ?? "", $0.state) < ($1.purpose.rawValue, $1.algorithm ?? "", $1.state) }) {
            print([record.purpose.rawValue, record.algorithm ?? "-", record.state.rawValue, record.id,
                   iso8601(record.createdAt), iso8601(record.activatedAt), iso8601(record.retiredAt)].joined(separator: "\t"))
        }
    }

    /// Rotates and, once there is a database, audits `key.rotated` from client `cli`.
    static func rotate(_ environment: Environment, purpose: KeyPurpose, algorithm: JWSAlgorithm?, force: Bool) async throws {
        let policies = try environment.policies()
        let directory = KeyringDirectory(path: environment.paths.keys)
        _ = try directory.load()  // refuse to rotate an incomplete or insecure keyring
        let now = environment.clock.now()
        let rotation = try directory.rotate(purpose, algorithm: algorithm, now: now,
                                            minimumNextAge: policies.tokens.jwksMaxAgeSeconds, force: force)
        for record in rotation.retired { print("retired   \(describe(record))") }
        for record in rotation.activated { print("activated \(describe(record))") }
        for record in rotation.created where record.state == .next { print("next      \(describe(record))") }
        guard FileManager.default.fileExists(atPath: environment.paths.databaseFile) else { return }
        try await Installation.with(environment) { installation in
            let context = installation.requestContext()
            try await installation.storage.write { tx in
                try tx.audit.append(AuditEvent(at: now, action: .keyRotated, clientAddress: context.clientAddress,
                                               requestID: context.requestID, detail: rotation.auditDetail(purpose)))
            }
        }
    }

    /// How long after an `index` rotation the retired index keys are kept although the
    /// re-index finished: serve polls keyring.json every 2 s, so by then every server
    /// computes new indexes under the new key.
    static let reindexGraceSeconds: Int64 = 10

    static func batchOptions(_ arguments: inout Arguments) throws(UsageError) -> (size: Int, max: Int) {
        func positive(_ name: String) throws(UsageError) -> Int? {
            guard let text = try arguments.option(name) else { return nil }
            guard let value = Int(text), value > 0 else { throw UsageError("\(name) must be a positive number") }
            return value
        }
        return (try positive("--batch") ?? 200, try positive("--max-batches") ?? .max)
    }

    /// Runs (or resumes) the re-wrap (`data`) or re-index (`index`) in batches.
    static func migrate(_ environment: Environment, purpose: KeyPurpose, batches: (size: Int, max: Int)) async throws {
        guard FileManager.default.fileExists(atPath: environment.paths.databaseFile) else {
            throw CommandFailure("no database at \(environment.paths.databaseFile); run 'schoolid init'")
        }
        let keys = try environment.keyring()
        if purpose == .index, case let age = indexKeyAge(keys, environment), age < reindexGraceSeconds {
            // A server that has not loaded the new key yet would miss every row already
            // moved to it: a lookup by phone would find no account.
            note("reindex: waiting \(reindexGraceSeconds - age) s until every running server has loaded the index key")
            try await Task.sleep(for: .seconds(reindexGraceSeconds - age))
        }
        let storage = try await SQLiteStorage(path: environment.paths.databaseFile, clock: environment.clock)
        let verb = purpose == .data ? "rewrap" : "reindex"
        let progress: KeyRotationService.Progress
        do {
            let service = KeyRotationService(storage: storage, keys: keys, clock: environment.clock)
            var total = 0
            progress = try await service.run(purpose, batchSize: batches.size, maxBatches: batches.max) { batch in
                total += batch.changed
                note("\(verb): \(batch.entry): \(batch.changed) changed, \(batch.skipped) skipped")
            }
            await storage.close()
            print("\(verb) \(purpose.rawValue)/v\(progress.targetVersion): \(total) rows changed, "
                  + (progress.finished ? "finished" : "stopped (run 'schoolid keys \(verb)' to resume)"))
        } catch {
            await storage.close()
            throw error
        }
        guard purpose == .index, progress.finished else { return }
        let age = indexKeyAge(keys, environment)
        guard keys.records.contains(where: { $0.purpose == .index && $0.state == .retired }) else { return }
        if age >= reindexGraceSeconds {
            for record in try KeyringDirectory(path: environment.paths.keys).discardRetiredIndexKeys() {
                print("discarded \(describe(record))")
            }
        } else {
            print("retired index keys kept until every server has reloaded the keyring: "
                  + "run 'schoolid keys reindex' again in \(reindexGraceSeconds - age) s to delete them")
        }
    }

    /// Seconds since the active index key became active.
    static func indexKeyAge(_ keys: KeyringSnapshot, _ environment: Environment) -> Int64 {
        let active = keys.records.first { $0.purpose == .index && $0.state == .active }
        return environment.clock.now().seconds(since: active?.activatedAt ?? active?.createdAt ?? environment.clock.now())
    }

    static func jwks(_ environment: Environment, purpose: KeyPurpose) throws {
        let policies = try environment.policies()
        let set = try environment.keyring().jwks(purpose, now: environment.clock.now(),
                                                 retiredRetention: policies.tokens.retiredTokenKeyRetentionSeconds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(set), as: UTF8.self))
    }

    static func describe(_ record: KeyRecord) -> String {
        "\(record.purpose.rawValue)/\(record.algorithm ?? record.id) \(record.id)"
    }
}
