import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDJOSE

/// `schoolid keys list|rotate|jwks`.
enum KeysCommand: Command {
    static let name = "keys"
    static let summary = "list, rotate and publish keys"
    static let help = """
    usage: schoolid keys list [--keys DIR]
           schoolid keys rotate --purpose token|ack|data|index|otp [--alg ES256|EdDSA|RS256] [--force]
           schoolid keys jwks [--purpose token|ack]

    list    every key: purpose, algorithm, id (kid), state and dates; fails when a key
            file is missing or readable by group or others.
    rotate  signing keys: active -> retired, next -> active, new next key. Refused while
            the next key is younger than jwks_max_age_seconds (policies/tokens.json)
            unless --force. data/index/otp: a new version becomes active. Rotating the
            index key changes every blind index and needs --force.
    jwks    the public keys verifiers fetch (never symmetric or private material):
            token keys that are next, active or retired within the retention period;
            all acknowledgement keys.

    options:
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (list, rotate or jwks)")
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
            try arguments.finish()
            try rotate(environment, purpose: purpose, algorithm: algorithm, force: force)
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

    static func rotate(_ environment: Environment, purpose: KeyPurpose, algorithm: JWSAlgorithm?, force: Bool) throws {
        if purpose == .index && !force {
            throw CommandFailure("rotating the index key changes every blind index; re-index after it and pass --force")
        }
        let policies = try environment.policies()
        let directory = KeyringDirectory(path: environment.paths.keys)
        _ = try directory.load()  // refuse to rotate an incomplete or insecure keyring
        let rotation = try directory.rotate(purpose, algorithm: algorithm, now: environment.clock.now(),
                                            minimumNextAge: policies.tokens.jwksMaxAgeSeconds, force: force)
        for record in rotation.retired { print("retired   \(describe(record))") }
        for record in rotation.activated { print("activated \(describe(record))") }
        for record in rotation.created where record.state == .next { print("next      \(describe(record))") }
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
