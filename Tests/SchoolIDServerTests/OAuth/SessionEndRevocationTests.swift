import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// Every explicit end of a login session revokes the refresh tokens issued under it,
/// and only those: revoking one session from the security page, "sign out my other
/// sessions", and the page logout. A session that merely expires leaves them alone.
@Suite struct SessionEndRevocationTests {
    @Test("revoking one session kills its refresh tokens; another session's family survives")
    func revokeOne() async throws {
        let fixture = try await LogoutFixture.start()
        let keeper = Browser(port: fixture.server.port), other = Browser(port: fixture.server.port)
        let kept = try await fixture.signIn(keeper)
        let ended = try await fixture.signIn(other)
        let handle = try Self.sessionHandle(in: ended.idToken)
        let security = try await keeper.get(Routes.securityPage)
        let path = Routes.securitySessionRevoke.replacingOccurrences(of: ":session_id", with: handle)
        let revoked = try await keeper.post(path, form: [("csrf_token", try #require(Browser.csrfToken(in: security)))])
        #expect(revoked.status == 303)
        #expect(try await fixture.refresh(ended.refreshToken).string("error") == "invalid_grant")
        #expect(try await fixture.refresh(kept.refreshToken).status == 200)
        #expect(try await LogoutFixture.signedIn(other) == false)
        try await fixture.server.stop()
    }

    @Test("signing out the other sessions kills their refresh tokens and keeps the current one's")
    func revokeOthers() async throws {
        let fixture = try await LogoutFixture.start()
        let keeper = Browser(port: fixture.server.port), other = Browser(port: fixture.server.port)
        let kept = try await fixture.signIn(keeper)
        let ended = try await fixture.signIn(other)
        let security = try await keeper.get(Routes.securityPage)
        let revoked = try await keeper.post(Routes.securityRevokeOthers,
                                            form: [("csrf_token", try #require(Browser.csrfToken(in: security)))])
        #expect(revoked.status == 303)
        #expect(try await fixture.refresh(ended.refreshToken).string("error") == "invalid_grant")
        let refreshed = try await fixture.refresh(kept.refreshToken)
        #expect(refreshed.status == 200)

        let account = try await keeper.get(Routes.accountPage)
        let out = try await keeper.post(Routes.logoutPage, form: [("csrf_token", try #require(Browser.csrfToken(in: account)))])
        #expect(out.status == 303)
        let successor = try #require(refreshed.string("refresh_token"))
        #expect(try await fixture.refresh(successor).string("error") == "invalid_grant")
        try await fixture.server.stop()
    }

    @Test("a session that merely expires leaves its refresh tokens to their own limits (offline access)")
    func expiryKeepsTokens() async throws {
        let fixture = try await LogoutFixture.start()
        let browser = Browser(port: fixture.server.port)
        let tokens = try await fixture.signIn(browser)
        fixture.server.clock.advance(seconds: fixture.environment.policies.sessions.idleSeconds + 1)
        #expect(try await LogoutFixture.signedIn(browser) == false)
        #expect(try await fixture.refresh(tokens.refreshToken).status == 200)
        try await fixture.server.stop()
    }

    /// The `sid` claim of an ID token (read without verifying: the test issued it).
    static func sessionHandle(in idToken: String) throws -> String {
        let payload = try #require(Base64URL.decode(String(idToken.split(separator: ".")[1])))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
        return try #require(object["sid"] as? String)
    }
}
