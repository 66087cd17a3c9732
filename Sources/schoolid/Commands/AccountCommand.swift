import Foundation
import SchoolIDCore

/// `schoolid account reset` and `schoolid account delete`.
enum AccountCommand: Command {
    static let name = "account"
    static let summary = "staff-assisted reset of a lost password and second factor; account deletion"
    static let help = """
    usage: schoolid account reset --account LOGIN|ID
           schoolid account delete --account LOGIN|ID

    For someone who has lost both their password and their second factor (app, SMS,
    recovery codes) and whom you have identified in person. Gives the account a new
    temporary password, removes every second factor and recovery code, lifts a lockout,
    ends every session, and sends a notice to each verified phone and email. Prints the
    account id (acc_…), the login, the temporary password and its expiry: hand it over
    in person. It works for one login, which must set a new password; staff then enrol
    a new second factor before anything else. Audited as account.assisted_reset with
    client cli. This is also the way back for the only platform admin.

    delete: deletes any account, student or adult, staff included (the operator's
    path; people delete their own account on /account/delete, school admins their
    students through DELETE /v1/accounts/ID). Every session ends, guardian links,
    enrolments and staff memberships end, contacts, SNILS, second factors,
    invitations and messages are deleted, the owner key that sealed the names is
    destroyed and the write-ahead log truncated. The row stays as a tombstone whose
    id (printed) the audit log keeps (account.deleted, client cli). An adult's login
    becomes free; a student's stays reserved. Cannot be undone.

    options:
      --account LOGIN|ID   the account's login or id (acc_…)
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (reset, delete)")
        guard subcommand == "reset" || subcommand == "delete" else {
            throw UsageError("unknown account subcommand '\(subcommand)'")
        }
        let reference = try arguments.option(required: "--account")
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        try arguments.finish()
        if subcommand == "delete" { return try await delete(reference, environment) }
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

    /// `account delete`: prints the tombstone's id and what was removed (counts).
    private static func delete(_ reference: String, _ environment: Environment) async throws {
        let report = try await Installation.with(environment) { installation in
            let account = try await installation.account(reference)
            return try await AccountDeletionService(environment: installation.environment)
                .deleteAsOperator(account.id, context: installation.requestContext())
        }
        print(report.accountID.rawValue)
        print("removed: \(report.detail)")
        note("account: deleted; the id stays in the audit log as a pseudonym")
    }
}
