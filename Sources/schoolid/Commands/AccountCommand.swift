import Foundation
import SchoolIDCore

/// `schoolid account reset`.
enum AccountCommand: Command {
    static let name = "account"
    static let summary = "staff-assisted reset of a lost password and second factor"
    static let help = """
    usage: schoolid account reset --account LOGIN|ID

    For someone who has lost both their password and their second factor (app, SMS,
    recovery codes) and whom you have identified in person. Gives the account a new
    temporary password, removes every second factor and recovery code, lifts a lockout,
    ends every session, and sends a notice to each verified phone and email. Prints the
    account id (acc_…), the login, the temporary password and its expiry: hand it over
    in person. It works for one login, which must set a new password; staff then enrol
    a new second factor before anything else. Audited as account.assisted_reset with
    client cli. This is also the way back for the only platform admin.

    options:
      --account LOGIN|ID   the account's login or id (acc_…)
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (reset)")
        guard subcommand == "reset" else { throw UsageError("unknown account subcommand '\(subcommand)'") }
        let reference = try arguments.option(required: "--account")
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        try arguments.finish()
        let (account, temporary) = try await Installation.with(environment) { installation in
            let account = try await installation.account(reference)
            return try await installation.directory.assistedReset(by: .commandLine, accountID: account.id,
                                                                  context: installation.requestContext())
        }
        print(account.id.rawValue)
        print("login: \(account.login?.rawValue ?? "")")
        print("temporary password: \(temporary.text)")
        print("expires: \(iso8601(temporary.expiresAt))")
        note("account: the temporary password is shown only this once; second factors were removed and every contact was told")
    }
}
