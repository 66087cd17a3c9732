import Foundation
import SchoolIDBase
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Clock steps against every window a code or credential is valid in, through the API
/// of a server running on the production ``SystemWallClock`` (system and monotonic time
/// injected): a step back does not extend a window, a step forward closes it (DESIGN §4.1,
/// issue 12 "Clock steps").
@Suite struct WindowClockStepTests {
    @Test("one hour back extends no window: open a second before its original end, refused after it",
          arguments: ClockWindow.allCases)
    func stepBack(window: ClockWindow) async throws {
        try await window.run { probe in
            probe.clocks.step(seconds: -3_600)
            probe.clocks.pass(seconds: window.lifetime - 1)
            let openBefore = try await probe.isOpen()
            #expect(openBefore, "closed before its original end")
            probe.clocks.pass(seconds: 2)
            let refusal = try await probe.present()
            #expect(refusal == window.refusal(after: .back), "open after its original end")
        }
    }

    @Test("two hours forward closes every window at once", arguments: ClockWindow.allCases)
    func stepForward(window: ClockWindow) async throws {
        try await window.run { probe in
            probe.clocks.pass(seconds: max(0, window.lifetime - 3_600))
            let openBefore = try await probe.isOpen()
            #expect(openBefore, "closed before the step")
            probe.clocks.step(seconds: 7_200)
            let refusal = try await probe.present()
            #expect(refusal == window.refusal(after: .forward))
        }
    }
}

/// A window opened on a fresh server, and the two ways the tests look at it.
struct WindowProbe: Sendable {
    let clocks: ClockStepper
    /// Looks without using the window up: whether it is still open.
    let isOpen: @Sendable () async throws -> Bool
    /// Uses the window with the right secret: the error code, `nil` on success.
    let present: @Sendable () async throws -> String?
}

/// The windows issue 12 names, with their lifetimes in the fixture policies.
enum ClockWindow: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case smsCode, emailCode, temporaryPassword, invitation

    enum Step { case back, forward }

    var testDescription: String {
        switch self {
        case .smsCode: "registration SMS code"
        case .emailCode: "password-recovery email code"
        case .temporaryPassword: "student temporary password"
        case .invitation: "trusted-person invitation"
        }
    }

    /// otp.json `ttl_seconds`; credentials.json `lifetime_days`; invitations.json `acceptance_window_seconds`.
    var lifetime: Int64 {
        switch self {
        case .smsCode, .emailCode: 600
        case .temporaryPassword: 30 * 86_400
        case .invitation: 86_400
        }
    }

    /// The refusal once closed. Two hours forward also outlives the registration
    /// (`pending_seconds` 3600) and the recovery flow (`recovery_flow_seconds` 900) that
    /// hold the codes, so those answer for the whole flow.
    func refusal(after step: Step) -> String {
        switch (self, step) {
        case (.smsCode, .back), (.emailCode, .back): "code_expired"
        case (.smsCode, .forward): "registration_not_found"
        case (.emailCode, .forward): "recovery_flow_not_found"
        case (.temporaryPassword, _): "temporary_password_expired"
        case (.invitation, _): "invitation_lapsed"
        }
    }

    /// Opens the window on a fresh server and runs `body`.
    func run(_ body: (WindowProbe) async throws -> Void) async throws {
        let monotonic = ManualClock()
        switch self {
        case .smsCode: try await Self.smsCode(monotonic, body)
        case .emailCode: try await Self.emailCode(monotonic, body)
        case .temporaryPassword: try await Self.temporaryPassword(monotonic, body)
        case .invitation: try await Self.invitation(monotonic, body)
        }
    }

    private static func smsCode(_ monotonic: ManualClock, _ body: (WindowProbe) async throws -> Void) async throws {
        try await DeliveryWorld.run(monotonic: monotonic) { world in
            let client = RegistrationClient(world: world)
            let (id, code) = try await client.startWithCode(phone: "+79161234590")
            let wrong = code == "000000" ? "111111" : "000000"
            try await body(WindowProbe(
                clocks: ClockStepper(system: world.server.clock, monotonic: monotonic),
                isOpen: { try await client.confirm(id, code: wrong).errorCode == "code_invalid" },
                present: { try await client.confirm(id, code: code).errorCode }))
        }
    }

    private static func emailCode(_ monotonic: ManualClock, _ body: (WindowProbe) async throws -> Void) async throws {
        try await DeliveryWorld.run(monotonic: monotonic,
                                    configure: { $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!] }) { world in
            let fixture = RecoveryFixture(world)
            try await fixture.guardian(login: "petrova.anna", phone: nil, email: "anna@example.ru")
            let (flowID, _) = try await fixture.start("anna@example.ru")
            let code = try await fixture.emailCode("anna@example.ru")
            let wrong = code == "000000" ? "111111" : "000000"
            try await body(WindowProbe(
                clocks: ClockStepper(system: world.server.clock, monotonic: monotonic),
                isOpen: { try await fixture.confirm(flowID, sms: nil, email: wrong).errorCode == "code_invalid" },
                present: { try await fixture.confirm(flowID, sms: nil, email: code).errorCode }))
        }
    }

    private static func temporaryPassword(_ monotonic: ManualClock, _ body: (WindowProbe) async throws -> Void)
        async throws
    {
        try await SchoolWorld.run(monotonic: monotonic) { world in
            let student = try #require(try await world.issue(names: [("Петров", "Пётр")]).first)
            let login: @Sendable () async throws -> APIResponse = {
                try await world.anonymous.post("/v1/login", json: ["login": student.login, "password": student.password])
            }
            try await body(WindowProbe(
                clocks: ClockStepper(system: world.server.clock, monotonic: monotonic),
                isOpen: { try await login().string("status") == "password_change_required" },
                present: { try await login().errorCode }))
        }
    }

    private static func invitation(_ monotonic: ManualClock, _ body: (WindowProbe) async throws -> Void) async throws {
        try await TrustedFixture.run(monotonic: monotonic) { fixture in
            _ = try await fixture.person(login: "ivan.sidorov", lastName: "Сидоров", phone: "+79161110002")
            let id = try TrustedFixture.invitationID(try await fixture.invite(lastName: "Сидоров", phone: "+79161110002"))
            try await body(WindowProbe(
                clocks: ClockStepper(system: fixture.server.clock, monotonic: monotonic),
                isOpen: { try await TrustedFixture.received(try await fixture.login("ivan.sidorov")).contains(id) },
                present: { try await fixture.login("ivan.sidorov").post("/v1/invitations/\(id)/accept").errorCode }))
        }
    }
}
