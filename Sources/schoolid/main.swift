import Foundation
import SchoolIDCore

/// Every command `schoolid` knows, in the order `--help` lists them.
let commands: [any Command.Type] = [
    ServeCommand.self,
    InitCommand.self,
    SchoolCommand.self,
    StaffCommand.self,
    AccountCommand.self,
    ClassCommand.self,
    AuditCommand.self,
    ClientCommand.self,
    KeysCommand.self,
    PoliciesCommand.self,
    BackupCommand.self,
    RestoreCommand.self,
    BenchCommand.self,
    VerifyCommand.self,
    LedgerCommand.self,
    VersionCommand.self,
]

let usage = """
usage: schoolid COMMAND [OPTIONS]

SchoolID: identity and access for school diary portals.

commands:
\(commands.map { "  " + $0.name.padding(toLength: 10, withPad: " ", startingAt: 0) + $0.summary }.joined(separator: "\n"))

Run 'schoolid COMMAND --help' for a command's options.
Exit codes: 0 ok, 1 runtime error, 2 usage error.
"""

func fail(_ message: String, code: Int32) -> Never {
    let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    FileHandle.standardError.write(Data("schoolid: \(oneLine)\n".utf8))
    exit(code)
}

// Everything schoolid creates (database, keys, backups) is for its own user only.
umask(0o077)

let words = Array(CommandLine.arguments.dropFirst())
guard let name = words.first else { fail("no command given; run 'schoolid --help'", code: 2) }
if name == "--help" || name == "-h" || name == "help" {
    print(usage)
    exit(0)
}
guard let command = commands.first(where: { $0.name == name }) else {
    fail("unknown command '\(name)'; run 'schoolid --help'", code: 2)
}
let arguments = Arguments(Array(words.dropFirst()))
if arguments.wantsHelp {
    print(command.help)
    exit(0)
}
do {
    try await command.run(arguments)
} catch let error as UsageError {
    fail("\(error.description); run 'schoolid \(name) --help'", code: 2)
} catch let error as DomainError {
    // The catalogue's code and (operator-facing, English) message, then the safe detail.
    fail("\(error.code.rawValue): \(error.message(in: .english))\(error.detail.map { " (\($0))" } ?? "")", code: 1)
} catch {
    fail(String(describing: error), code: 1)
}
