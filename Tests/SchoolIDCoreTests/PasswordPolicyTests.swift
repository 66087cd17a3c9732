import SchoolIDCore
import Testing

@Suite struct PasswordPolicyTests {
    let policy = TestPolicies.set.passwords

    @Test("minimum length depends on role and second factor", arguments: [
        (Role.guardian, false, 15), (.guardian, true, 8), (.trustedPerson, false, 15), (.trustedPerson, true, 8),
        (.teacher, false, 15), (.teacher, true, 8), (.schoolAdmin, false, 15), (.platformAdmin, true, 8),
        (.student, false, 8), (.student, true, 8),
    ])
    func minimumLength(_ role: Role, _ hasSecondFactor: Bool, _ expected: Int) {
        #expect(policy.minimumLength(for: role, hasSecondFactor: hasSecondFactor) == expected)
    }

    @Test("evaluates candidate passwords, default-deny", arguments: [
        ("long enough passphrase", Role.guardian, false, nil as ErrorCode?),
        ("short pass", .guardian, false, .passwordTooShort),  // 10 < 15 without a second factor
        ("short pass", .guardian, true, nil),
        ("fourteen chars", .teacher, false, .passwordTooShort),
        ("fifteen chars!!", .teacher, false, nil),
        ("kite2019", .student, false, nil),
        ("kite201", .student, false, .passwordTooShort),
        ("Password123", .student, false, .passwordBlocklisted),  // case-insensitive whole match
        ("ＰＡＳＳＷＯＲＤ１２３", .student, false, .passwordBlocklisted),  // NFKC first
        ("password123 but longer", .student, false, nil),  // substrings are not compared
        ("пароль123", .student, false, .passwordBlocklisted),
        ("ivanov.p2024!", .student, false, .passwordContainsLogin),
        ("p.vonavi", .student, false, .passwordContainsLogin),  // reversed
        ("IVANOV.P", .student, false, .passwordContainsLogin),
        ("ivanov.p likes kites", .student, false, nil),
    ])
    func evaluate(_ text: String, _ role: Role, _ hasSecondFactor: Bool, _ expected: ErrorCode?) throws {
        let password = try Password(text, maximumLength: policy.maximumLength)
        let decision = policy.evaluate(password, role: role, hasSecondFactor: hasSecondFactor, login: Login(rawValue: "ivanov.p"))
        #expect(decision.isAllowed == (expected == nil))
        #expect(decision.code == expected)
        #expect(!decision.reason.contains(text))
    }

    @Test("a denial enforces as the matching domain error") func enforce() throws {
        let decision = policy.evaluate(try Password("short", maximumLength: 128), role: .guardian, hasSecondFactor: false, login: nil)
        #expect(throws: DomainError.self) { try decision.enforce() }
        let error = #expect(throws: DomainError.self) { try decision.enforce() }
        #expect(error?.code == .passwordTooShort)
    }
}
