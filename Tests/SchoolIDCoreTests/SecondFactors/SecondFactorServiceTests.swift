import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct SecondFactorServiceTests {
    typealias Harness = SecondFactorHarness

    @Test("enrolment shows an otpauth URI; the first code confirms it, returns 10 recovery codes and sets the flag")
    func enrolAndConfirm() async throws {
        try await Harness.with { harness in
            let enrolment = try await harness.service.beginTOTP(actor: harness.actor, context: Harness.context)
            #expect(enrolment.uri.unredacted.hasPrefix("otpauth://totp/SchoolID:parent.ivanova?secret="))
            #expect(try #require(Base32.decode(enrolment.secret.unredacted)).count == 20)
            #expect(try await harness.factors().map(\.isConfirmed) == [false])
            #expect(try await harness.account()?.hasSecondFactor == false)
            let secret = try #require(Base32.decode(enrolment.secret.unredacted))
            let codes = try await harness.service.confirmTOTP(
                actor: harness.actor, code: TOTP.standard.code(secret: secret, at: harness.clock.now()),
                context: Harness.context)
            #expect(codes.count == 10 && Set(codes).count == 10)
            #expect(codes.allSatisfy { $0.count == 11 && Array($0)[5] == "-" && RecoveryCode.normalized($0) != nil })
            #expect(try await harness.factors().map(\.isConfirmed) == [true])
            #expect(try await harness.account()?.hasSecondFactor == true)
            #expect(try await harness.auditActions() == [.secondFactorEnrolled])
        }
    }

    @Test("a wrong first code is refused and leaves the enrolment pending")
    func wrongFirstCode() async throws {
        try await Harness.with { harness in
            let enrolment = try await harness.service.beginTOTP(actor: harness.actor, context: Harness.context)
            let secret = try #require(Base32.decode(enrolment.secret.unredacted))
            let right = TOTP.standard.code(secret: secret, at: harness.clock.now())
            let wrong = String(right.dropLast()) + (right.last == "0" ? "1" : "0")
            await #expect(throws: DomainError(.codeInvalid, detail: "no pending TOTP enrolment matches")) {
                try await harness.service.confirmTOTP(actor: harness.actor, code: wrong, context: Harness.context)
            }
            #expect(try await harness.factors().map(\.isConfirmed) == [false])
            #expect(try await harness.account()?.hasSecondFactor == false)
        }
    }

    @Test("a second enrolment is refused while a confirmed TOTP exists")
    func secondEnrolmentRefused() async throws {
        try await Harness.with { harness in
            _ = try await harness.enrolTOTP()
            await #expect(throws: DomainError(.permissionDenied, detail: "a TOTP authenticator is already enrolled")) {
                try await harness.service.beginTOTP(actor: harness.actor, context: Harness.context)
            }
        }
    }

    @Test("login codes of the current step and ±1 are accepted, ±2 refused", arguments: [
        (-1, true), (1, true), (-2, false), (2, false),
    ] as [(Int64, Bool)])
    func window(_ offset: Int64, _ accepted: Bool) async throws {
        try await Harness.with { harness in
            let (secret, _) = try await harness.enrolTOTP()
            harness.clock.advance(seconds: 300)
            let step = TOTP.standard.step(at: harness.clock.now()) + offset
            #expect(try await harness.verify(TOTP.standard.code(secret: secret, step: step)) == accepted)
            #expect(try await harness.auditActions().last == (accepted ? .secondFactorUsed : .secondFactorFailed))
        }
    }

    @Test("a used step is refused on replay, and so is an earlier step; the next step works")
    func replay() async throws {
        try await Harness.with { harness in
            let (secret, _) = try await harness.enrolTOTP()
            harness.clock.advance(seconds: 300)
            let now = harness.clock.now()
            #expect(try await harness.verify(TOTP.standard.code(secret: secret, at: now)))
            #expect(try await !harness.verify(TOTP.standard.code(secret: secret, at: now)))
            #expect(try await !harness.verify(TOTP.standard.code(secret: secret, at: now.adding(seconds: -30))))
            harness.clock.advance(seconds: 30)
            #expect(try await harness.verify(TOTP.standard.code(secret: secret, at: harness.clock.now())))
        }
    }

    @Test("the code that confirmed the enrolment cannot sign in")
    func confirmationCodeUsed() async throws {
        try await Harness.with { harness in
            let (secret, _) = try await harness.enrolTOTP()
            #expect(try await !harness.verify(TOTP.standard.code(secret: secret, at: harness.clock.now())))
        }
    }

    @Test("50 concurrent verifications of one code: exactly one succeeds")
    func concurrentVerify() async throws {
        try await Harness.with { harness in
            let (secret, _) = try await harness.enrolTOTP()
            harness.clock.advance(seconds: 300)
            let code = TOTP.standard.code(secret: secret, at: harness.clock.now())
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<50 { group.addTask { try await harness.verify(code) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1)
        }
    }

    @Test("a recovery code works once, typed in any case and with or without the hyphen")
    func recoveryCodeOnce() async throws {
        try await Harness.with { harness in
            let (_, codes) = try await harness.enrolTOTP()
            let (service, accountID) = (harness.service, harness.accountID)
            #expect(try await service.useRecoveryCode(accountID: accountID, code: codes[4].uppercased(),
                                                      context: Harness.context))
            #expect(try await !service.useRecoveryCode(accountID: accountID, code: codes[4], context: Harness.context))
            #expect(try await service.useRecoveryCode(accountID: accountID, code: codes[7].replacingOccurrences(of: "-", with: ""),
                                                      context: Harness.context))
            #expect(try await !service.useRecoveryCode(accountID: accountID, code: "not-a-code", context: Harness.context))
            #expect(try await harness.auditActions().suffix(4)
                == [.recoveryCodeUsed, .secondFactorFailed, .recoveryCodeUsed, .secondFactorFailed])
        }
    }

    @Test("regeneration invalidates the old set; the new codes work")
    func regeneration() async throws {
        try await Harness.with { harness in
            let (_, old) = try await harness.enrolTOTP()
            let new = try await harness.service.regenerateRecoveryCodes(actor: harness.actor, context: Harness.context)
            #expect(Set(old).isDisjoint(with: new))
            let (service, accountID) = (harness.service, harness.accountID)
            #expect(try await !service.useRecoveryCode(accountID: accountID, code: old[0], context: Harness.context))
            #expect(try await service.useRecoveryCode(accountID: accountID, code: new[0], context: Harness.context))
        }
    }

    @Test("removing the only factor clears the flag and deletes the recovery codes")
    func removal() async throws {
        try await Harness.with { harness in
            let (secret, codes) = try await harness.enrolTOTP()
            #expect(try await harness.service.remove(actor: harness.actor, kind: .totp, context: Harness.context))
            #expect(try await harness.account()?.hasSecondFactor == false)
            #expect(try await harness.factors().isEmpty)
            harness.clock.advance(seconds: 300)
            #expect(try await !harness.verify(TOTP.standard.code(secret: secret, at: harness.clock.now())))
            #expect(try await !harness.service.useRecoveryCode(accountID: harness.accountID, code: codes[0],
                                                               context: Harness.context))
            #expect(try await harness.auditActions().contains(.secondFactorRemoved))
        }
    }

    @Test("SMS needs a verified phone; enrolled, it counts as a factor and survives removing TOTP")
    func sms() async throws {
        try await Harness.with { harness in
            await #expect(throws: DomainError(.phoneNotVerified, detail: "SMS needs a verified phone")) {
                try await harness.service.enrolSMS(actor: harness.actor, context: Harness.context)
            }
            try await harness.addVerifiedPhone()
            try await harness.service.enrolSMS(actor: harness.actor, context: Harness.context)
            #expect(try await harness.account()?.hasSecondFactor == true)
            _ = try await harness.enrolTOTP()
            try await harness.service.remove(actor: harness.actor, kind: .totp, context: Harness.context)
            #expect(try await harness.account()?.hasSecondFactor == true)
            #expect(try await harness.factors().map(\.kind) == [.sms])
        }
    }
}
