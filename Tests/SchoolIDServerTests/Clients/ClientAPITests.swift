import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// `/v1/clients…` through the real server: a platform admin registers, reads, rotates
/// and disables diary services; secrets are shown once and authenticate through
/// ``ClientService`` exactly while they should.
@Suite struct ClientAPITests {
    static var diary: [String: Any] { [
        "client_id": "diary-s57", "client_name": "Электронный дневник",
        "redirect_uris": ["https://diary.example/callback"],
        "grant_types": ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:token-exchange"],
        "scopes": ["openid", "diary", "attendance"], "access_token_signed_response_alg": "EdDSA",
    ] }

    static func authenticate(_ world: SchoolWorld, _ id: String, _ secret: String) async throws -> Bool {
        let service = ClientService(environment: world.server.application.environment)
        return try await service.authenticate(clientID: id, secret: Secret(secret)) != nil
    }

    @Test("a platform admin registers a confidential client whose secret is shown once and authenticates it")
    func register() async throws {
        try await SchoolWorld.run { world in
            var body = Self.diary
            body["school_ids"] = [world.schoolID]
            let created = try await world.platformAdmin.post("/v1/clients", json: body)
            try #require(created.status == 201, "\(created.text)")
            let secret = try #require(created.string("client_secret"))
            #expect(Base64URL.decode(secret)?.count == 32)
            #expect(created.string("type") == "confidential" && created.string("audience") == "diary-s57")
            #expect(created.string("id_token_signed_response_alg") == "RS256")
            #expect(created.string("access_token_signed_response_alg") == "EdDSA")
            #expect(created.json["school_ids"] as? [String] == [world.schoolID])
            let shown = try await world.platformAdmin.get("/v1/clients/diary-s57")
            #expect(shown.status == 200 && shown.string("client_secret") == nil && !shown.text.contains(secret))
            let listed = try await world.platformAdmin.get("/v1/clients")
            #expect(listed.objects("clients").compactMap { $0["client_id"] as? String } == ["diary-s57"])
            #expect(try await Self.authenticate(world, "diary-s57", secret))
            #expect(try await !Self.authenticate(world, "diary-s57", secret + "x"))
            #expect(try await !Self.authenticate(world, "nobody-here", secret))
            #expect(try await SchoolWorld.auditActions(world.platformAdmin).contains("client.created"))
        }
    }

    @Test("after rotate-secret the previous secret works until the grace period ends, the new one after it")
    func rotate() async throws {
        try await SchoolWorld.run { world in
            let created = try await world.platformAdmin.post("/v1/clients", json: Self.diary)
            let old = try #require(created.string("client_secret"))
            let rotated = try await world.platformAdmin.post("/v1/clients/diary-s57/rotate-secret")
            try #require(rotated.status == 200, "\(rotated.text)")
            let new = try #require(rotated.string("client_secret"))
            #expect(new != old)
            #expect(try await SchoolWorld.auditActions(world.platformAdmin).contains("client.secret_rotated"))
            let now = world.server.clock.now()
            #expect(rotated.json["previous_secret_expires_at"] as? Int64 == now.seconds + 86_400)
            world.server.clock.advance(seconds: 86_399)
            #expect(try await Self.authenticate(world, "diary-s57", old))
            world.server.clock.advance(seconds: 1)
            #expect(try await !Self.authenticate(world, "diary-s57", old))
            #expect(try await Self.authenticate(world, "diary-s57", new))
        }
    }

    @Test("a disabled client no longer authenticates, cannot rotate, and disabling again changes nothing")
    func disable() async throws {
        try await SchoolWorld.run { world in
            let created = try await world.platformAdmin.post("/v1/clients", json: Self.diary)
            let secret = try #require(created.string("client_secret"))
            let disabled = try await world.platformAdmin.post("/v1/clients/diary-s57/disable")
            #expect(disabled.status == 200 && disabled.string("status") == "disabled", "\(disabled.text)")
            #expect(try await !Self.authenticate(world, "diary-s57", secret))
            let rotate = try await world.platformAdmin.post("/v1/clients/diary-s57/rotate-secret")
            #expect(rotate.status == 400 && rotate.string("error") == "client_invalid")
            let again = try await world.platformAdmin.post("/v1/clients/diary-s57/disable")
            #expect(again.status == 200 && again.json["disabled_at"] as? Int64 == disabled.json["disabled_at"] as? Int64)
            let actions = try await SchoolWorld.auditActions(world.platformAdmin)
            #expect(actions.filter { $0 == "client.disabled" }.count == 1)
        }
    }

    @Test("bad registrations answer client_invalid, client_exists, school_not_found and client_not_found")
    func refusals() async throws {
        try await SchoolWorld.run { world in
            let admin = world.platformAdmin
            #expect(try await admin.post("/v1/clients", json: Self.diary).status == 201)
            let duplicate = try await admin.post("/v1/clients", json: Self.diary)
            #expect(duplicate.status == 409 && duplicate.string("error") == "client_exists")
            var insecure = Self.diary
            insecure["client_id"] = "insecure"
            insecure["redirect_uris"] = ["http://diary.example/callback"]
            let refused = try await admin.post("/v1/clients", json: insecure)
            #expect(refused.status == 400 && refused.string("error") == "client_invalid", "\(refused.text)")
            var orphan = Self.diary
            orphan["client_id"] = "orphan"
            orphan["school_ids"] = ["sch_AAAAAAAAAAAAAAAAAAAAAA"]
            #expect(try await admin.post("/v1/clients", json: orphan).string("error") == "school_not_found")
            let missing = try await admin.get("/v1/clients/nobody")
            #expect(missing.status == 404 && missing.string("error") == "client_not_found")
            #expect(try await admin.get("/v1/clients/BAD_ID").status == 404)
        }
    }

    @Test("school admins and teachers may not read or register clients")
    func forbidden() async throws {
        try await SchoolWorld.run { world in
            for client in [world.schoolAdmin, world.teacher] {
                #expect(try await client.get("/v1/clients").status == 403)
                let post = try await client.post("/v1/clients", json: Self.diary)
                #expect(post.status == 403 && post.string("error") == "permission_denied")
            }
        }
    }
}
