import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDTesting
import Testing

/// ``ClientRegistration`` rules and ``ClientService/matches(_:secret:at:)``.
@Suite struct ClientRegistrationTests {
    static let policy: TokenPolicy = {
        try! PolicySet.load(directory: Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/policies")).tokens
    }()
    static let now = UnixTime(seconds: 1_800_000_000)

    static func base(_ change: (inout ClientRegistration) -> Void = { _ in }) -> ClientRegistration {
        var registration = ClientRegistration(id: "diary-one", name: "Diary", redirectURIs: ["https://diary.example/cb"])
        change(&registration)
        return registration
    }

    @Test("defaults: confidential, code and refresh grants, openid, audience = id, policy access alg, RS256 ID tokens")
    func defaults() throws {
        let client = try Self.base().validated(policy: Self.policy, at: Self.now)
        #expect(client.type == .confidential && client.grants == [.authorizationCode, .refreshToken])
        #expect(client.scopes == [.openid] && client.audience == "diary-one" && client.status == .active)
        #expect(client.accessTokenAlgorithm == Self.policy.defaultAlgorithms.accessToken)
        #expect(client.idTokenAlgorithm == .RS256 && client.subjectType == .public)
    }

    @Test("accepted redirect URIs", arguments: [
        "https://diary.example/callback?tenant=57", "http://127.0.0.1:8080/cb", "http://localhost/cb",
        "http://[::1]:9000/cb", "https://diary.example:8443/cb",
    ])
    func acceptedRedirect(_ uri: String) throws {
        let client = try Self.base { $0.redirectURIs = [uri] }.validated(policy: Self.policy, at: Self.now)
        #expect(client.isRegisteredRedirectURI(uri) && !client.isRegisteredRedirectURI(uri + "/"))
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let change: @Sendable (inout ClientRegistration) -> Void
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "id with upper case") { $0.id = "Diary" },
        Refusal(name: "id too short") { $0.id = "ab" },
        Refusal(name: "id starting with a hyphen") { $0.id = "-diary" },
        Refusal(name: "http redirect off loopback") { $0.redirectURIs = ["http://diary.example/cb"] },
        Refusal(name: "http to a host that only starts with 127") { $0.redirectURIs = ["http://127.0.0.1.evil.example/cb"] },
        Refusal(name: "redirect with a fragment") { $0.redirectURIs = ["https://diary.example/cb#x"] },
        Refusal(name: "redirect with user information") { $0.redirectURIs = ["https://user@diary.example/cb"] },
        Refusal(name: "relative redirect") { $0.redirectURIs = ["/cb"] },
        Refusal(name: "custom scheme redirect") { $0.redirectURIs = ["javascript://diary.example/cb"] },
        Refusal(name: "repeated redirect") { $0.redirectURIs = ["https://d.example/cb", "https://d.example/cb"] },
        Refusal(name: "code flow without redirect") { $0.redirectURIs = [] },
        Refusal(name: "post-logout redirect over http") { $0.postLogoutRedirectURIs = ["http://diary.example/bye"] },
        Refusal(name: "public client with client_credentials") {
            $0.type = "public"
            $0.grants = ["authorization_code", "client_credentials"]
        },
        Refusal(name: "public client with token exchange") {
            $0.type = "public"
            $0.grants = ["authorization_code", "urn:ietf:params:oauth:grant-type:token-exchange"]
        },
        Refusal(name: "refresh_token without authorization_code") {
            $0.grants = ["refresh_token", "client_credentials"]
            $0.redirectURIs = []
        },
        Refusal(name: "redirect URIs on a client_credentials client") { $0.grants = ["client_credentials"] },
        Refusal(name: "unknown grant") { $0.grants = ["password"] },
        Refusal(name: "unknown scope") { $0.scopes = ["grades"] },
        Refusal(name: "repeated scope") { $0.scopes = ["openid", "openid"] },
        Refusal(name: "unknown type") { $0.type = "trusted" },
        Refusal(name: "unknown algorithm") { $0.accessTokenAlgorithm = "HS256" },
        Refusal(name: "empty name") { $0.name = "  " },
        Refusal(name: "audience with a space") { $0.audience = "diary one" },
    ]

    @Test("refused registrations answer client_invalid", arguments: refusals)
    func refused(_ refusal: Refusal) {
        let registration = Self.base(refusal.change)
        let error = #expect(throws: DomainError.self) { try registration.validated(policy: Self.policy, at: Self.now) }
        #expect(error?.code == .clientInvalid, "\(String(describing: error))")
    }

    static func client(current: [UInt8], previous: [UInt8]? = nil, until: UnixTime? = nil) -> OAuthClient {
        var client = try! base().validated(policy: policy, at: now)
        client.secret = OAuthClient.SecretHashes(current: current, previous: previous, previousExpiresAt: until)
        return client
    }

    static func digest(_ text: String) -> [UInt8] { SHA256.hash(Array(text.utf8)) }

    @Test("a secret matches the current digest, the previous one only before its grace ends, and never when disabled")
    func matching() {
        let grace = Self.now.adding(seconds: 100)
        var client = Self.client(current: Self.digest("new"), previous: Self.digest("old"), until: grace)
        #expect(ClientService.matches(client, secret: Secret("new"), at: Self.now))
        #expect(ClientService.matches(client, secret: Secret("old"), at: grace.adding(seconds: -1)))
        #expect(!ClientService.matches(client, secret: Secret("old"), at: grace))
        #expect(!ClientService.matches(client, secret: Secret("other"), at: Self.now))
        #expect(!ClientService.matches(nil, secret: Secret("new"), at: Self.now))
        client.type = .public
        #expect(!ClientService.matches(client, secret: Secret("new"), at: Self.now))
        client.type = .confidential
        client.status = .disabled
        #expect(!ClientService.matches(client, secret: Secret("new"), at: Self.now))
    }
}

