import Foundation
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct SecondFactorPolicyTests {
    @Test("the test profile carries the shipped values, with step-up enforcement off")
    func shippedValues() {
        let policy = TestPolicies.set.secondFactor
        #expect(policy.mandatoryRoles == [.teacher, .schoolAdmin, .platformAdmin])
        #expect(policy.smsFactorEnabled)
        #expect(policy.stepUpSeconds == 300)
        #expect(policy.enforceStepUp == false)
        #expect(policy.totp.digits == 6 && policy.totp.periodSeconds == 30 && policy.totp.windowSteps == 1)
    }

    @Test("a second factor is mandatory for staff roles and offered to everyone else", arguments: [
        ([Role.teacher], true), ([.schoolAdmin], true), ([.platformAdmin], true), ([.guardian, .teacher], true),
        ([.guardian], false), ([.trustedPerson], false), ([.student], false), ([], false),
    ] as [([Role], Bool)])
    func mandatory(_ roles: [Role], _ expected: Bool) {
        #expect(TestPolicies.set.secondFactor.isMandatory(for: Set(roles)) == expected)
    }

    @Test("the production file enforces step-up and loads with the rest of policies/")
    func production() throws {
        let policies = try PolicySet.load(directory: Fixtures.packageRoot.appendingPathComponent("policies"))
        #expect(policies.secondFactor.enforceStepUp)
        #expect(policies.secondFactor.stepUpSeconds == 300)
        #expect(PolicySet.fileNames.contains("second_factor.json"))
    }

    static func json(roles: String = #"["teacher", "school_admin", "platform_admin"]"#, stepUp: String = "300",
                     digits: String = "6", period: String = "30", window: String = "1", extra: String = "") -> String
    {
        """
        {"version": 1, "mandatory_roles": \(roles), "sms_factor_enabled": false, "step_up_seconds": \(stepUp),
         "enforce_step_up": true, "totp": {"digits": \(digits), "period_seconds": \(period), "window_steps": \(window)}\(extra)}
        """
    }

    @Test("a valid file decodes every member")
    func decodes() throws {
        let profile = try PolicyFixtureDirectory(replacing: SecondFactorPolicy.fileName,
                                                 with: Self.json(roles: #"["platform_admin"]"#, stepUp: "3600", digits: "8",
                                                                 period: "60", window: "0"))
        defer { profile.remove() }
        let policy = try PolicySet.load(directory: profile.url).secondFactor
        #expect(policy.mandatoryRoles == [.platformAdmin] && !policy.smsFactorEnabled && policy.enforceStepUp)
        #expect(policy.stepUpSeconds == 3_600)
        #expect(policy.totp.digits == 8 && policy.totp.periodSeconds == 60 && policy.totp.windowSteps == 0)
    }

    @Test("an invalid member is named with its JSON pointer and rule", arguments: [
        (json(stepUp: "59"), "/step_up_seconds: must be between 60 and 3600"),
        (json(stepUp: "3601"), "/step_up_seconds: must be between 60 and 3600"),
        (json(digits: "5"), "/totp/digits: must be between 6 and 8"),
        (json(period: "15"), "/totp/period_seconds: must be between 30 and 60"),
        (json(window: "3"), "/totp/window_steps: must be between 0 and 2"),
        (json(roles: #"["teacher", "janitor", "platform_admin"]"#), "/mandatory_roles/1: unknown role \"janitor\""),
        (json(roles: #"["platform_admin", "platform_admin"]"#), "/mandatory_roles/1: repeats \"platform_admin\""),
        (json(roles: #"["teacher"]"#), "/mandatory_roles: must include \"platform_admin\""),
        (json(extra: #", "sms_enabled": true"#), "/sms_enabled: unknown member"),
    ])
    func rejects(_ text: String, _ expected: String) throws {
        let profile = try PolicyFixtureDirectory(replacing: SecondFactorPolicy.fileName, with: text)
        defer { profile.remove() }
        let error = #expect(throws: PolicyError.self) { try PolicySet.load(directory: profile.url) }
        #expect(error?.description == "second_factor.json: " + expected)
    }
}
