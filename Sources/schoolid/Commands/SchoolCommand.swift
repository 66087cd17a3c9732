import Foundation
import SchoolIDCore

/// `schoolid school add|list`.
enum SchoolCommand: Command {
    static let name = "school"
    static let summary = "add and list schools"
    static let help = """
    usage: schoolid school add --code CODE --name NAME --region REGION [--time-zone ZONE]
           schoolid school list

    add   creates a school and prints its id (sch_…). CODE is 2-12 lower-case ASCII
          letters and digits (e.g. s57); it starts every student login of the school.
          ZONE is an IANA time zone (default \(School.defaultTimeZone)). Audited as
          school.created with client cli.
    list  every school, by code: id, code, time zone, region, name (tab-separated).

    options:
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (add or list)")
        switch subcommand {
        case "add":
            let code = try arguments.option(required: "--code")
            let schoolName = try arguments.option(required: "--name")
            let region = try arguments.option(required: "--region")
            let timeZone = try arguments.option("--time-zone")
            let environment = Environment(paths: try CommonPaths.take(from: &arguments))
            try arguments.finish()
            let school = try await Installation.with(environment) { installation in
                try await installation.directory.createSchool(by: .commandLine, code: code, name: schoolName, region: region,
                                                              timeZone: timeZone, context: installation.requestContext())
            }
            print(school.id.rawValue)
        case "list":
            let environment = Environment(paths: try CommonPaths.take(from: &arguments))
            try arguments.finish()
            let schools = try await Installation.with(environment) { installation in
                try await installation.storage.read { tx in try tx.schools.schools() }
            }
            print(["ID", "CODE", "TIME ZONE", "REGION", "NAME"].joined(separator: "\t"))
            for school in schools {
                print([school.id.rawValue, school.code.rawValue, school.timeZone, school.region, school.name]
                    .joined(separator: "\t"))
            }
        default:
            throw UsageError("unknown school subcommand '\(subcommand)'")
        }
    }
}
