import Foundation
import SchoolIDJOSE
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct PolicySetTests {
    @Test("the shipped policies/ directory validates with the shipped parameters")
    func shippedPolicies() throws {
        let set = try PolicySet.load(directory: Fixtures.packageRoot.appendingPathComponent("policies"))
        #expect(set.passwords.minimumLength(for: .guardian, hasSecondFactor: false) == 15)
        #expect(set.passwords.minimumLength(for: .teacher, hasSecondFactor: true) == 8)
        #expect(set.passwords.minimumLength(for: .student, hasSecondFactor: false) == 8)
        #expect(set.passwords.maximumLength == 128)
        #expect(set.passwords.userHashCost == ScryptCost(logN: 17, r: 8, p: 1))
        #expect(set.passwords.temporaryHashCost == ScryptCost(logN: 14, r: 8, p: 1))
        #expect(set.passwords.rehashOnLogin)
        #expect(set.passwords.blocklist.count >= 10_000)
        #expect(set.credentials.lifetimeDays == 30)
        #expect(set.credentials.entropyBits >= 50)
        #expect(set.credentials.loginPattern.source == "{school_code}{year:2}{grade:2}{letter_index:1}{seq:3}")
        #expect(set.otp.length == 6 && set.otp.ttlSeconds == 600 && set.otp.maxAttempts == 5)
        #expect(set.otp.resendCooldownSeconds == 60)
        #expect(set.lockout.lockoutAfterFailures <= 100)
        #expect(set.lockout.accountFailureCap == 100 && set.lockout.perAddressAttemptsPerMinute == 120)
        #expect(set.sessions.idleSeconds == 1_800 && set.sessions.absoluteSeconds == 43_200)
        #expect(set.sessions.passwordChangeTicketSeconds == 600)
        #expect(set.tokens.accessTokenSeconds == 300)
        #expect(set.tokens.defaultAlgorithms.accessToken == .ES256)
        #expect(set.tokens.allowedAlgorithms == [.ES256, .EdDSA, .RS256])
        #expect(set.tokens.jwksMaxAgeSeconds == 3600)
        #expect(set.invitations.acceptanceWindowSeconds == 86_400)
        #expect(set.invitations.activationDelaySeconds <= InvitationPolicy.maximumActivationDelaySeconds)
        #expect(set.invitations.grantDuration == .endOfSchoolYear)
        #expect(set.calendar.timeZoneIdentifier == "Europe/Moscow")
        #expect(set.calendar.startsOn.description == "09-01" && set.calendar.endsOn.description == "08-31")
    }

    @Test("the test profile is the shipped set with cheap scrypt (ln=10)")
    func testProfile() throws {
        let shipped = try PolicySet.load(directory: Fixtures.packageRoot.appendingPathComponent("policies"))
        let test = try PolicySet.load(directory: Fixtures.url("policies"))
        #expect(test.passwords.userHashCost == ScryptCost(logN: 10, r: 8, p: 1))
        #expect(test.passwords.temporaryHashCost == ScryptCost(logN: 10, r: 8, p: 1))
        #expect(test.credentials == shipped.credentials)
        #expect(test.otp == shipped.otp)
        #expect(test.lockout == shipped.lockout)
        #expect(test.sessions == shipped.sessions)
        #expect(test.tokens == shipped.tokens)
        #expect(test.invitations == shipped.invitations)
        #expect(test.roles == shipped.roles)
        #expect(test.calendar == shipped.calendar)
        #expect(test.passwords.blocklist == shipped.passwords.blocklist)
    }

    @Test("a missing policy file is reported by name")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = #expect(throws: PolicyError.self) {
            try PolicySet.load(directory: URL(fileURLWithPath: directory.path))
        }
        #expect(error?.file == "passwords.json")
        #expect(error?.pointer == "")
    }
}
