import DiaryDemo
import Foundation
import SchoolIDBase
import SchoolIDTesting
import Testing

/// `diary-demo` against a real SchoolID on loopback: the journeys of issue 9's "Done
/// when" that need only the code flow and refresh (exchange, logout, trusted people and
/// unlinking come with those endpoints).
@Suite struct DiaryDemoEndToEndTests {
    @Test("a guardian with two linked children signs in through authorize and the demo lists exactly those two")
    func guardianSeesChildren() async throws {
        let world = try await DiaryDemoWorld.start(children: 2)
        let callback = try await world.signIn()
        #expect(callback.status == 303 && callback.header("Location") == "/")
        #expect(Browser.setCookie(DiaryDemo.sessionCookie, in: callback)?.contains("HttpOnly") == true)

        let home = try await world.diary.get("/")
        #expect(home.status == 200)
        #expect(home.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
        #expect(home.bodyText.contains("<code id=\"subject\">\(world.fixture.guardianID.rawValue)</code>"))
        #expect(Set(DiaryDemoWorld.studentLinks(home)) == Set(world.children.map(\.rawValue)))
        #expect(DiaryDemoWorld.studentLinks(home).count == 2)
        #expect(home.bodyText.components(separatedBy: " — guardian — ").count == 3)
        let session = try world.session()
        #expect(session.verified.subject == world.fixture.guardianID.rawValue && session.refreshToken != nil)
        try await world.stop()
    }

    @Test("refresh replaces the access and refresh tokens and the page shows the new token")
    func refreshWorks() async throws {
        let world = try await DiaryDemoWorld.start(children: 1)
        _ = try await world.signIn()
        let before = try world.session()
        let home = try await world.diary.get("/")
        #expect(home.bodyText.contains(before.verified.jwtID))

        let refreshed = try await world.diary.post("/refresh", form: [("csrf_token", try world.csrf(home))])
        #expect(refreshed.status == 303 && refreshed.header("Location") == "/")
        let after = try world.session()
        #expect(after.verified.jwtID != before.verified.jwtID && after.refreshToken != before.refreshToken)
        #expect(after.verified.subject == before.verified.subject)
        #expect(try await world.diary.get("/").bodyText.contains(after.verified.jwtID))
        try await world.stop()
    }

    @Test("a replayed rotated refresh token revokes the family, so the demo's next refresh signs the browser out")
    func replayRevokesFamily() async throws {
        let world = try await DiaryDemoWorld.start(children: 1)
        _ = try await world.signIn()
        let rotated = try #require(try world.session().refreshToken)
        let home = try await world.diary.get("/")
        let csrf = try world.csrf(home)
        #expect(try await world.diary.post("/refresh", form: [("csrf_token", csrf)]).status == 303)
        #expect(try world.session().refreshToken != rotated)

        let replay = try await world.token([("grant_type", "refresh_token"), ("refresh_token", rotated)])
        #expect(replay.status == 400 && replay.string("error") == "invalid_grant")

        let signedOut = try await world.diary.post("/refresh", form: [("csrf_token", csrf)])
        #expect(signedOut.status == 303 && signedOut.header("Location") == "/")
        #expect(Browser.setCookie(DiaryDemo.sessionCookie, in: signedOut)?.contains("Max-Age=0") == true)
        #expect(world.diary.cookies[DiaryDemo.sessionCookie] == nil)
        #expect(try await world.diary.get("/").bodyText.contains("Sign in with SchoolID"))
        try await world.stop()
    }

    /// How the callback's `state` and `iss` are altered.
    enum Forgery: String, CaseIterable, Sendable {
        case state, issuer, missingIssuer
    }

    @Test("a callback with a forged state or iss, or without iss, is refused before any code is redeemed",
          arguments: Forgery.allCases)
    func forgedCallback(_ forgery: Forgery) async throws {
        let world = try await DiaryDemoWorld.start(children: 0)
        let authorize = try await world.startLogin()
        let state = try #require(URLComponents(string: authorize)?.queryItems?.first { $0.name == "state" }?.value)
        let issuer = world.server.application.issuer
        let items: [(String, String)] = switch forgery {
        case .state: [("code", "c0de"), ("state", "forged-state"), ("iss", issuer)]
        case .issuer: [("code", "c0de"), ("state", state), ("iss", "https://evil.example")]
        case .missingIssuer: [("code", "c0de"), ("state", state)]
        }
        let query = items.map { PercentEncoding.encodeUnreserved($0.0) + "=" + PercentEncoding.encodeUnreserved($0.1) }
        let refused = try await world.diary.get("/callback?" + query.joined(separator: "&"))
        #expect(refused.status == 400)
        #expect(refused.bodyText.contains(forgery == .state ? "(state)" : "(iss)"))
        #expect(world.diary.cookies[DiaryDemo.sessionCookie] == nil)
        // The login was spent: even the genuine answer cannot complete it now.
        let replay = try await world.diary.get("/callback?code=c0de&state=\(state)&iss=\(PercentEncoding.encodeUnreserved(issuer))")
        #expect(replay.status == 400 && replay.bodyText.contains("No sign-in is in progress"))
        try await world.stop()
    }

    @Test("refresh and sign-out forms without the session's CSRF token are refused and change nothing")
    func csrfRequired() async throws {
        let world = try await DiaryDemoWorld.start(children: 1)
        _ = try await world.signIn()
        let before = try world.session()
        for path in ["/refresh", "/logout"] {
            let refused = try await world.diary.post(path, form: [("csrf_token", "not-the-token")])
            #expect(refused.status == 403)
        }
        #expect(try world.session().verified.jwtID == before.verified.jwtID)
        try await world.stop()
    }

    @Test("a student who is not in the person's token gets no access without asking SchoolID")
    func unknownStudent() async throws {
        let world = try await DiaryDemoWorld.start(children: 1)
        _ = try await world.signIn()
        let page = try await world.diary.get("/students/acc_not_my_child")
        #expect(page.status == 403 && page.bodyText.contains("No access"))
        try await world.stop()
    }
}
