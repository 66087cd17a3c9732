import DiaryDemo
import Foundation
import SchoolIDBase
import SchoolIDTesting
import Testing

/// The demo's per-child pages (token exchange, refreshed first when the access token has
/// expired) and its sign-out through RP-initiated logout.
@Suite struct DiaryDemoExchangeLogoutTests {
    @Test("an access token that has expired is refreshed before the exchange is asked for")
    func refreshesBeforeExchange() async throws {
        let world = try await DiaryDemoWorld.start(children: 1)
        _ = try await world.signIn()
        let before = try world.session()
        world.server.clock.advance(seconds: before.verified.expiresAt.seconds(since: world.server.clock.now()) + 1)
        _ = try await world.diary.get("/students/" + world.children[0].rawValue)
        let after = try world.session()
        #expect(after.verified.jwtID != before.verified.jwtID && after.refreshToken != before.refreshToken)
        #expect(after.verified.expiresAt > world.server.clock.now())
        try await world.stop()
    }

    @Test("a guardian opens each child: the delegated token acts for that child and names the guardian")
    func exchangePerChild() async throws {
        let world = try await DiaryDemoWorld.start(children: 2)
        _ = try await world.signIn()
        let guardian = world.fixture.guardianID.rawValue
        for child in world.children {
            let page = try await world.diary.get("/students/" + child.rawValue)
            #expect(page.status == 200, "\(page.bodyText)")
            #expect(page.bodyText.contains("<code id=\"student\">\(child.rawValue)</code>"))
            #expect(page.bodyText.contains("<code id=\"actor\">\(guardian)</code>"))
            #expect(page.bodyText.contains("<span id=\"relation\">guardian</span>"))
            #expect(page.bodyText.contains("<li class=\"service\">"))
        }
        try await world.stop()
    }

    @Test("sign out goes to end_session_endpoint with the ID token hint, ends the SchoolID session and its refresh tokens")
    func logoutEndsSession() async throws {
        let world = try await DiaryDemoWorld.start(children: 1)
        _ = try await world.signIn()
        let refresh = try #require(try world.session().refreshToken)
        let home = try await world.diary.get("/")
        let out = try await world.diary.post("/logout", form: [("csrf_token", try world.csrf(home))])
        #expect(out.status == 303 && world.diary.cookies[DiaryDemo.sessionCookie] == nil)
        let location = try #require(out.header("Location"))
        #expect(location.hasPrefix(world.server.application.issuer + "/oauth/logout?"))
        let query = try AuthorizeFixture.query(of: location)
        #expect(query["client_id"] == DiaryDemoWorld.clientID && query["id_token_hint"] != nil)
        #expect(query["post_logout_redirect_uri"] == DiaryDemoWorld.origin + "/")

        let ended = try await world.provider.get(try world.providerPath(location))
        #expect(ended.status == 303)
        let back = try AuthorizeFixture.query(of: try #require(ended.header("Location")))
        #expect(back["state"] == query["state"])
        let dead = try await world.token([("grant_type", "refresh_token"), ("refresh_token", refresh)])
        #expect(dead.status == 400 && dead.string("error") == "invalid_grant")
        #expect(try await world.diary.get("/").bodyText.contains("Sign in with SchoolID"))
        try await world.stop()
    }
}
