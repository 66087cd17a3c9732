import Foundation
import SchoolIDCore

/// `schoolid policies check`.
enum PoliciesCommand: Command {
    static let name = "policies"
    static let summary = "validate the policy files"
    static let help = """
    usage: schoolid policies check [--policies DIR]

    Decodes every policy file strictly and validates it. Errors name the file, the
    JSON pointer and the rule broken; the exit code is 1 when any file is invalid.

    options:
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (check)")
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        try arguments.finish()
        guard subcommand == "check" else { throw UsageError("unknown policies subcommand '\(subcommand)'") }
        let policies = try environment.policies()
        print("\(environment.paths.policies): valid (\(PolicySet.fileNames.joined(separator: ", ")))")
        print("passwords: user scrypt \(policies.passwords.userHashCost), temporary scrypt \(policies.passwords.temporaryHashCost)")
        print("tokens: access \(policies.tokens.accessTokenSeconds) s, jwks max age \(policies.tokens.jwksMaxAgeSeconds) s")
    }
}
