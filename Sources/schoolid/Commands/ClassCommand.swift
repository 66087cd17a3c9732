import Foundation
import SchoolIDCore

/// `schoolid class add`.
enum ClassCommand: Command {
    static let name = "class"
    static let summary = "add classes"
    static let help = """
    usage: schoolid class add --school CODE|ID --grade 1-11 --letter L [--year YYYY]
                              [--teacher LOGIN|ID]...

    Creates a class (e.g. 7Б) in the school year starting in YYYY (default: the current
    school year, policies/calendar.json) and assigns the given teachers, who must already
    be teachers of the school ('schoolid staff add --role teacher'). Prints the class id
    (cls_…) and its name. Audited as class.created (and class.teacher_assigned) with
    client cli.

    options:
      --school CODE|ID   the school's code (s57) or id (sch_…)
      --letter L         one capital Russian letter: А, Б, В…
      --teacher LOGIN|ID a teacher to assign (repeatable)
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (add)")
        guard subcommand == "add" else { throw UsageError("unknown class subcommand '\(subcommand)'") }
        let schoolReference = try arguments.option(required: "--school")
        let grade = try number("--grade", try arguments.option(required: "--grade"))
        let letter = try arguments.option(required: "--letter")
        let year = try arguments.option("--year").map { text throws(UsageError) in try number("--year", text) }
        var teachers: [String] = []
        while let teacher = try arguments.option("--teacher") { teachers.append(teacher) }
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        try arguments.finish()
        let created = try await Installation.with(environment) { installation in
            let school = try await installation.school(schoolReference)
            var teacherIDs: [Account.ID] = []
            for teacher in teachers { teacherIDs.append(try await installation.account(teacher).id) }
            return try await installation.directory.createClass(by: .commandLine, schoolID: school.id, grade: grade,
                                                                letter: letter, schoolYearStart: year, teacherIDs: teacherIDs,
                                                                context: installation.requestContext())
        }
        print("\(created.id.rawValue)\t\(created.name)")
    }

    private static func number(_ option: String, _ text: String) throws(UsageError) -> Int {
        guard let value = Int(text) else { throw UsageError("\(option) must be a whole number") }
        return value
    }
}
