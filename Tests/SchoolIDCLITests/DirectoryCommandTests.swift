import Foundation
import SchoolIDTesting
import Testing

/// `init`'s first admin and `school`, `staff`, `class`, `audit` on a temporary installation
/// (fixture policies: cheap scrypt).
@Suite struct DirectoryCommandTests {
    /// An initialised installation with school `s57`.
    static func installation() async throws -> CLI {
        let cli = try CLI()
        let initialised = try await cli.run("init")
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let school = try await cli.run("school", "add", "--code", "s57", "--name", "Школа № 57", "--region", "Москва")
        #expect(school.status == 0, "\(school.stderr)")
        return cli
    }

    /// Every audit line, newest first, as JSON objects.
    static func audit(_ cli: CLI, _ filters: String...) async throws -> [[String: Any]] {
        let result = try await cli.run(["audit"] + (filters.contains("--limit") ? filters : filters + ["--limit", "1000"]))
        #expect(result.status == 0, "\(result.stderr)")
        return try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test("init writes the first admin's password to a 0600 file and prints only its path") func initialAdmin() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let result = try await cli.run("init")
        #expect(result.status == 0, "\(result.stderr)")
        let file = cli.directory.file("data/initial-admin-password")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let password = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(password.count >= 8)
        #expect(!result.stdout.contains(password) && !result.stderr.contains(password))
        #expect(result.stdout.contains("./data/initial-admin-password") && result.stdout.contains("'admin'"))
        let events = try await Self.audit(cli)
        #expect(events.count == 1 && events[0]["action"] as? String == "admin.initial_created")
        #expect(events[0]["client_address"] as? String == "cli")
    }

    @Test("a second init keeps the first admin and its file and creates no other admin") func secondInit() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try await cli.run("init")
        let file = cli.directory.file("data/initial-admin-password")
        let password = try String(contentsOfFile: file, encoding: .utf8)
        try FileManager.default.removeItem(atPath: file)  // as an operator does after the first login
        let again = try await cli.run("init", "--admin-login", "second")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("already has a platform admin"))
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(try await Self.audit(cli).filter { $0["action"] as? String == "admin.initial_created" }.count == 1)
        #expect(!again.stdout.contains(password.trimmingCharacters(in: .newlines)))
    }

    @Test("init never overwrites an existing password file and then creates no admin") func existingFile() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        try FileManager.default.createDirectory(atPath: cli.directory.file("data"), withIntermediateDirectories: true)
        let file = cli.directory.file("data/initial-admin-password")
        try "keep me\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await cli.run("init")
        #expect(result.status == 1 && result.stderr.contains("initial-admin-password"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me\n")
        #expect(try await Self.audit(cli).isEmpty)
    }

    @Test("account reset gives the first admin a new temporary password once, audited as a cli action")
    func assistedReset() async throws {
        let cli = try await Self.installation()
        defer { cli.directory.remove() }
        let reset = try await cli.run("account", "reset", "--account", "admin")
        #expect(reset.status == 0, "\(reset.stderr)")
        let lines = reset.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4 && lines[0].hasPrefix("acc_") && lines[1] == "login: admin", "\(lines)")
        #expect(lines[2].hasPrefix("temporary password: ") && lines[3].hasPrefix("expires: "))
        #expect(reset.stderr.contains("only this once"))
        let event = try #require(try await Self.audit(cli).first)
        #expect(event["action"] as? String == "account.assisted_reset")
        #expect(event["client_address"] as? String == "cli" && event["target_id"] as? String == lines[0])
        let unknown = try await cli.run("account", "reset", "--account", "nobody")
        #expect(unknown.status == 1 && unknown.stderr.contains("account_not_found"))
    }

    @Test("school add, staff add and class add are audited as cli actions, newest first") func directory() async throws {
        let cli = try await Self.installation()
        defer { cli.directory.remove() }
        let listed = try await cli.run("school", "list")
        #expect(listed.stdout.contains("\ts57\tEurope/Moscow\tМосква\tШкола № 57"))

        let staff = try await cli.run("staff", "add", "--school", "s57", "--role", "teacher", "--login", "ivanova",
                                "--last-name", "Иванова", "--first-name", "Мария", "--patronymic", "Петровна")
        #expect(staff.status == 0, "\(staff.stderr)")
        let lines = staff.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4 && lines[0].hasPrefix("acc_") && lines[1] == "login: ivanova")
        #expect(lines[2].hasPrefix("first password: ") && lines[2].count > "first password: ".count + 8)
        #expect(lines[3].hasPrefix("expires: ") && staff.stderr.contains("only this once"))

        let created = try await cli.run("class", "add", "--school", "s57", "--grade", "7", "--letter", "б", "--year", "2026",
                                  "--teacher", "ivanova")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix("cls_") && created.stdout.hasSuffix("\t7Б\n"))

        let events = try await Self.audit(cli)
        #expect(events.map { $0["action"] as? String } == [
            "class.teacher_assigned", "class.created", "staff.added", "school.created", "admin.initial_created",
        ])
        #expect(events.allSatisfy { $0["client_address"] as? String == "cli" && $0["actor_id"] is NSNull })
        let sequences = events.compactMap { $0["sequence"] as? Int }
        #expect(sequences == sequences.sorted(by: >))
        #expect((events[0]["at"] as? String)?.hasSuffix("Z") == true)
        #expect(events[2]["target_id"] as? String == lines[0])
        let teacher = try await Self.audit(cli, "--account", "ivanova").map { $0["action"] as? String }
        #expect(teacher == ["class.teacher_assigned", "staff.added"])
        #expect(try await Self.audit(cli, "--school", "s57", "--limit", "2").count == 2)
        #expect(try await Self.audit(cli, "--since", "2000-01-01").count == 5)
    }

    @Test("bad input exits 1 with the catalogue code and message and changes nothing", arguments: [
        (["class", "add", "--school", "s99", "--grade", "7", "--letter", "Б"], "school_not_found: School not found."),
        (["class", "add", "--school", "s57", "--grade", "12", "--letter", "Б"], "grade_invalid: The class number must be from 1 to 11."),
        (["class", "add", "--school", "s57", "--grade", "7", "--letter", "Q"], "class_letter_invalid: The class letter"),
        (["school", "add", "--code", "s57", "--name", "Другая", "--region", "Москва"], "school_code_taken: A school with this code already exists."),
        (["staff", "add", "--school", "s99", "--role", "teacher", "--login", "petrov", "--last-name", "Петров",
          "--first-name", "Пётр"], "school_not_found"),
    ])
    func badInput(_ arguments: [String], message: String) async throws {
        let cli = try await Self.installation()
        defer { cli.directory.remove() }
        let before = try await Self.audit(cli)
        let schools = try await cli.run("school", "list").stdout
        let result = try await cli.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("schoolid: ") && result.stderr.contains(message))
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stdout.isEmpty)
        #expect(try await Self.audit(cli).count == before.count)
        #expect(try await cli.run("school", "list").stdout == schools)
    }

    @Test("a command on a directory without a database fails and creates none") func noDatabase() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let result = try await cli.run("school", "list")
        #expect(result.status == 1 && result.stderr.contains("schoolid init"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.file("data/schoolid.sqlite")))
    }

    @Test("the usage lists the directory commands") func usage() async throws {
        let cli = try CLI()
        defer { cli.directory.remove() }
        let result = try await cli.run("--help")
        for command in ["school", "staff", "class", "audit"] {
            #expect(result.stdout.contains("\n  \(command) "))
        }
    }
}
