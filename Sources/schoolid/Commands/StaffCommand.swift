import Foundation
import SchoolIDCore

/// `schoolid staff add`.
enum StaffCommand: Command {
    static let name = "staff"
    static let summary = "add teachers and school admins"
    static let help = """
    usage: schoolid staff add --school CODE|ID --role teacher|school-admin --login L
                              --last-name N --first-name N [--patronymic N]

    Gives the person with login L the role in the school, creating their account when
    the login is new. Prints the account id (acc_…) on the first line. For a new account
    it then prints the first password and its expiry: hand it over in person; it is
    shown this once and never stored in readable form. It works for one login, which
    must set a new password, and expires after 24 hours. An existing account keeps its
    password. Audited as staff.added with client cli.

    options:
      --school CODE|ID   the school's code (s57) or id (sch_…)
      --role R           teacher or school-admin
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (add)")
        guard subcommand == "add" else { throw UsageError("unknown staff subcommand '\(subcommand)'") }
        let schoolReference = try arguments.option(required: "--school")
        let roleName = try arguments.option(required: "--role")
        let role: Role
        switch roleName {
        case "teacher": role = .teacher
        case "school-admin", "school_admin": role = .schoolAdmin
        default: throw UsageError("--role must be teacher or school-admin")
        }
        let login = try arguments.option(required: "--login")
        let lastName = try arguments.option(required: "--last-name")
        let firstName = try arguments.option(required: "--first-name")
        let patronymic = try arguments.option("--patronymic")
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        try arguments.finish()
        let profile = try AccountProfile(lastName: lastName, firstName: firstName, patronymic: patronymic, birthDate: nil)
        let (account, first) = try await Installation.with(environment) { installation in
            let school = try await installation.school(schoolReference)
            return try await installation.directory.addStaff(by: .commandLine, role: role, schoolID: school.id, login: login,
                                                             profile: profile, context: installation.requestContext())
        }
        print(account.id.rawValue)
        print("login: \(account.login?.rawValue ?? login)")
        if let first {
            print("first password: \(first.text)")
            print("expires: \(iso8601(first.expiresAt))")
            note("staff: the first password is shown only this once; it works for one login, which must set a new password")
        } else {
            note("staff: an existing account was given the role; its password is unchanged")
        }
    }
}
