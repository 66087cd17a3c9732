import SchoolIDBase
import SchoolIDCore

/// What `schoolid serve --demo` tells the person at the console: the demo people and
/// client, and, right after seeding only, their passwords and the client secret.
///
/// The secrets live in ``Secret`` wrappers, so a welcome that ends up in a log line by
/// mistake shows `[redacted]`; only ``text(issuer:outboxFile:)`` takes them out, for
/// standard output (never the log, never a file: issue 11).
public struct DemoWelcome: Sendable {
    /// One demo account as the console lists it.
    public struct Person: Sendable {
        /// Which demo role the account plays.
        public enum Kind: String, Sendable, CaseIterable {
            case teacher
            case student
            case guardian
        }

        public var kind: Kind
        public var login: String
        /// The full name, shown after a fresh seed only.
        public var name: String?
        /// The password (`temporary` for students), after a fresh seed only.
        public var password: Secret<String>?
        /// When a student's temporary password expires.
        public var expiresAt: UnixTime?

        public init(kind: Kind, login: String, name: String? = nil, password: Secret<String>? = nil,
                    expiresAt: UnixTime? = nil)
        {
            self.kind = kind
            self.login = login
            self.name = name
            self.password = password
            self.expiresAt = expiresAt
        }
    }

    /// A one-time link code for the student nobody is linked to yet.
    public struct LinkCodeSlip: Sendable {
        public var code: Secret<String>
        public var studentLogin: String
        public var expiresAt: UnixTime
    }

    /// Whether this start created the demo data (else it was found from an earlier start).
    public var seeded: Bool
    /// Teacher first, then students, then the guardian.
    public var people: [Person]
    /// The demo client's id (`diary-demo`), when the installation has it.
    public var clientID: String?
    /// Its secret, after a fresh seed only.
    public var clientSecret: Secret<String>?
    /// After a fresh seed: the second student's link code.
    public var linkCode: LinkCodeSlip?
    /// The guardian's verified phone.
    public var guardianPhone: String?
    /// The demo school and class, e.g. `Демо-школа (code demo), class 5 А`.
    public var school: String?

    /// The console text: a first line `SchoolID demo: …`, indented `label: value` lines
    /// and a last line `SchoolID demo: end`.
    /// - Parameters:
    ///   - issuer: SchoolID's issuer (the URL pages and diary-demo use).
    ///   - outboxFile: the demo sink's file (`DATA/outbox.log`).
    /// - Returns: the text, ending with a newline.
    public func text(issuer: String, outboxFile: String) -> String {
        var lines = [seeded
            ? "SchoolID demo: seeded demo data; passwords and the secret are shown this once and never stored readable"
            : "SchoolID demo: already seeded; the passwords were shown at the first start only (not kept)"]
        if let school { lines.append(Self.line("school", school)) }
        for person in people { lines.append(Self.line(person.kind.rawValue, describe(person))) }
        if let linkCode {
            lines.append(Self.line("link code", "\(linkCode.code.unredacted) links \(linkCode.studentLogin) to a guardian"
                                   + " (until \(ISODate.dateTime(linkCode.expiresAt)) Moscow time)"))
        }
        if let clientID {
            lines.append(Self.line("client", clientID + (clientSecret.map { "  secret: \($0.unredacted)" }
                                       ?? "  (secret shown at the first start; a new one: schoolid client rotate-secret --id \(clientID))")))
            let secret = clientSecret?.unredacted ?? "<the secret printed at the first start>"
            lines.append(Self.line("diary-demo", "\(DemoSeed.secretVariable)=\(secret) swift run diary-demo"
                                   + " --issuer \(issuer) --client-id \(clientID)"))
            lines.append(Self.line("", "then open \(DemoSeed.diaryDemoOrigin)/ and sign in through SchoolID"))
        }
        lines.append(Self.line("codes", "every SMS and email, codes in clear, goes to \(outboxFile)"
                               + " and to this console as \"[demo] sms to …\""))
        lines.append(Self.line("pages", "\(issuer)/login — the five-minute tour is in README.md"))
        lines.append("SchoolID demo: end")
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ person: Person) -> String {
        var text = person.login
        if let password = person.password {
            text += "  \(person.kind == .student ? "temporary password" : "password"): \(password.unredacted)"
        }
        var notes: [String] = []
        if let name = person.name { notes.append(name) }
        switch person.kind {
        case .teacher where seeded: notes.append("class teacher; enrols a second factor (TOTP) at first login")
        case .student where seeded:
            notes.append("changes it at first login"
                         + (person.expiresAt.map { "; expires \(ISODate.string($0))" } ?? ""))
        case .guardian where seeded:
            if let guardianPhone { notes.append("verified phone \(guardianPhone)") }
            if let first = people.first(where: { $0.kind == .student }) { notes.append("linked to \(first.login)") }
        default: break
        }
        return notes.isEmpty ? text : text + "  (" + notes.joined(separator: "; ") + ")"
    }

    /// `  label:      value`, labels padded so the values line up.
    private static func line(_ label: String, _ value: String) -> String {
        let head = label.isEmpty ? "" : label + ":"
        return "  " + head.padding(toLength: 12, withPad: " ", startingAt: 0) + value
    }
}
