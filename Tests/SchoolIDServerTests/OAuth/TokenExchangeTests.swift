import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import SchoolIDVerifier
import Testing

/// `POST /oauth/token` with the token-exchange grant through the real server (RFC 8693
/// §2; issue 9 "acting for a child").
@Suite struct TokenExchangeTests {
    @Test("a guardian exchanges for each child: sub the child, act the guardian, one student, no refresh token")
    func guardianEachChild() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try await world.exchangeClient("diary-one")
            let guardian = try await world.base.account(.adult)
            let first = try await world.base.account(.student), second = try await world.base.account(.student)
            let links = [try await world.base.link(guardian, to: first), try await world.base.link(guardian, to: second)]
            let session = try await world.base.session(of: guardian)
            let subject = try await world.subjectToken(for: guardian, session: session, clientID: "diary-one", secret: secret)
            let verifier = world.verifier(clientID: "diary-one")
            for (child, link) in zip([first, second], links) {
                let response = try await world.token(TokenEndpointWorld.exchangeForm(subject, student: child.id.rawValue),
                                                     basic: ("diary-one", secret))
                try #require(response.status == 200, "\(response.text)")
                #expect(response.string("issued_token_type") == TokenEndpointWorld.accessTokenType)
                #expect(response.string("token_type") == "Bearer" && response.string("refresh_token") == nil)
                #expect(response.string("id_token") == nil && response.string("scope") == "attendance diary")
                #expect(response.header("Cache-Control") == "no-store")
                let delegated = try await verifier.verifyAccessToken(try #require(response.string("access_token")))
                #expect(delegated.subject == child.id.rawValue && delegated.clientID == "diary-one")
                #expect(delegated.audience == ["diary-one-api"] && delegated.sessionID == session.handle)
                let actor = try #require(delegated.actor)
                #expect(actor.subject == guardian.id.rawValue && actor.relation == .guardian && actor.grant == link.rawValue)
                #expect(delegated.students?.map(\.id) == [child.id.rawValue])
                #expect(delegated.students?.first?.services == ["attendance", "diary"])
                #expect(delegated.staff == nil && delegated.isDelegated)
            }
            #expect(try await world.auditActions().prefix(2) == ["oauth.token_exchanged", "oauth.token_exchanged"])
        }
    }

    @Test("a trusted person gets the granted child with only the granted services, and nobody else")
    func trustedPerson() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try await world.exchangeClient("diary-one")
            let guardian = try await world.base.account(.adult), trusted = try await world.base.account(.adult)
            let child = try await world.base.account(.student), sibling = try await world.base.account(.student)
            _ = try await world.base.link(guardian, to: child)
            _ = try await world.base.link(guardian, to: sibling)
            let invitation = try await world.base.grant([.diary], for: child, by: guardian, to: trusted)
            let session = try await world.base.session(of: trusted)
            let subject = try await world.subjectToken(for: trusted, session: session, clientID: "diary-one", secret: secret)
            let response = try await world.token(TokenEndpointWorld.exchangeForm(subject, student: child.id.rawValue),
                                                 basic: ("diary-one", secret))
            try #require(response.status == 200, "\(response.text)")
            #expect(response.string("scope") == "diary")
            let delegated = try await world.verifier(clientID: "diary-one")
                .verifyAccessToken(try #require(response.string("access_token")))
            #expect(delegated.actor?.relation == .trusted && delegated.actor?.grant == invitation.rawValue)
            #expect(delegated.students?.first?.services == ["diary"] && delegated.scopes == ["diary"])
            let beyond = try await world.token(TokenEndpointWorld.exchangeForm(subject, student: child.id.rawValue,
                                                                               scope: "diary attendance"),
                                               basic: ("diary-one", secret))
            #expect(beyond.status == 400 && beyond.string("error") == "invalid_scope")
            let other = try await world.token(TokenEndpointWorld.exchangeForm(subject, student: sibling.id.rawValue),
                                              basic: ("diary-one", secret))
            #expect(other.status == 400 && other.string("error") == "invalid_grant")
        }
    }

    @Test("scope narrows the delegated token; beyond the granted or consented services it is invalid_scope",
          arguments: [("attendance", "attendance"), ("diary attendance diary", "diary attendance"),
                      ("nutrition", nil), ("openid", nil), ("diary offline_access", nil)])
    func scopeNarrowing(requested: String, granted: String?) async throws {
        try await TokenEndpointWorld.run { world in
            let (secret, child, subject) = try await world.linkedGuardian()
            let response = try await world.token(TokenEndpointWorld.exchangeForm(subject, student: child.id.rawValue,
                                                                                 scope: requested),
                                                 basic: ("diary-one", secret))
            if let granted {
                try #require(response.status == 200, "\(response.text)")
                #expect(response.string("scope") == granted)
                let delegated = try await world.verifier(clientID: "diary-one")
                    .verifyAccessToken(try #require(response.string("access_token")))
                #expect(delegated.students?.first?.services == granted.split(separator: " ").map(String.init).sorted())
            } else {
                #expect(response.status == 400 && response.string("error") == "invalid_scope", "\(response.text)")
            }
        }
    }

    @Test("a subject token whose scope holds none of the student's services is invalid_scope")
    func subjectWithoutServices() async throws {
        try await TokenEndpointWorld.run { world in
            let (secret, child, subject) = try await world.linkedGuardian(scope: "openid")
            let response = try await world.token(TokenEndpointWorld.exchangeForm(subject, student: child.id.rawValue),
                                                 basic: ("diary-one", secret))
            #expect(response.status == 400 && response.string("error") == "invalid_scope", "\(response.text)")
        }
    }

    @Test("subject tokens that are not this client's person token are invalid_grant: another client's, delegated, client_credentials, forged")
    func refusedSubjectTokens() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try await world.exchangeClient("diary-one")
            let otherSecret = try await world.exchangeClient("diary-two")
            let guardian = try await world.base.account(.adult), child = try await world.base.account(.student)
            _ = try await world.base.link(guardian, to: child)
            let session = try await world.base.session(of: guardian)
            let subject = try await world.subjectToken(for: guardian, session: session, clientID: "diary-one", secret: secret)
            let foreign = try await world.token(TokenEndpointWorld.exchangeForm(subject, student: child.id.rawValue),
                                                basic: ("diary-two", otherSecret))
            #expect(foreign.status == 400 && foreign.string("error") == "invalid_grant", "\(foreign.text)")
            let delegated = try await world.token(TokenEndpointWorld.exchangeForm(subject, student: child.id.rawValue),
                                                  basic: ("diary-one", secret))
            let chained = try await world.token(
                TokenEndpointWorld.exchangeForm(try #require(delegated.string("access_token")), student: child.id.rawValue),
                basic: ("diary-one", secret))
            #expect(chained.status == 400 && chained.string("error") == "invalid_grant", "\(chained.text)")
            let clientToken = try await world.token([("grant_type", "client_credentials")], basic: ("diary-one", secret))
            let ofClient = try await world.token(
                TokenEndpointWorld.exchangeForm(try #require(clientToken.string("access_token")), student: child.id.rawValue),
                basic: ("diary-one", secret))
            #expect(ofClient.status == 400 && ofClient.string("error") == "invalid_grant", "\(ofClient.text)")
            let tampered = String(subject.dropLast(4)) + "AAAA"
            let forged = try await world.token(TokenEndpointWorld.exchangeForm(tampered, student: child.id.rawValue),
                                               basic: ("diary-one", secret))
            #expect(forged.status == 400 && forged.string("error") == "invalid_grant", "\(forged.text)")
        }
    }

    @Test("a public client and a confidential client without the grant are unauthorized_client")
    func clientsWithoutTheGrant() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try await world.exchangeClient("diary-one")
            try await world.client("diary-app", type: "public")
            let plain = try #require(try await world.client("diary-two"))
            let guardian = try await world.base.account(.adult), child = try await world.base.account(.student)
            _ = try await world.base.link(guardian, to: child)
            let session = try await world.base.session(of: guardian)
            let subject = try await world.subjectToken(for: guardian, session: session, clientID: "diary-one", secret: secret)
            let form = TokenEndpointWorld.exchangeForm(subject, student: child.id.rawValue)
            let publicClient = try await world.token(form + [("client_id", "diary-app")])
            #expect(publicClient.status == 400 && publicClient.string("error") == "unauthorized_client")
            let lacking = try await world.token(form, basic: ("diary-two", plain))
            #expect(lacking.status == 400 && lacking.string("error") == "unauthorized_client")
        }
    }

    @Test("a student the person is not linked to, the person's own id or a malformed id is refused")
    func studentNotLinked() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try await world.exchangeClient("diary-one")
            let guardian = try await world.base.account(.adult), stranger = try await world.base.account(.student)
            let session = try await world.base.session(of: guardian)
            let subject = try await world.subjectToken(for: guardian, session: session, clientID: "diary-one", secret: secret)
            for student in [stranger.id.rawValue, guardian.id.rawValue] {
                let response = try await world.token(TokenEndpointWorld.exchangeForm(subject, student: student),
                                                     basic: ("diary-one", secret))
                #expect(response.status == 400 && response.string("error") == "invalid_grant")
                #expect(response.string("error_description") == "not allowed to act for this student")
            }
            let student = try await world.base.account(.student)
            let studentSession = try await world.base.session(of: student)
            let own = try await world.subjectToken(for: student, session: studentSession, clientID: "diary-one",
                                                   secret: secret)
            let itself = try await world.token(TokenEndpointWorld.exchangeForm(own, student: student.id.rawValue),
                                               basic: ("diary-one", secret))
            #expect(itself.string("error") == "invalid_grant")
            let malformed = try await world.token(TokenEndpointWorld.exchangeForm(subject, student: "child"),
                                                  basic: ("diary-one", secret))
            #expect(malformed.string("error") == "invalid_request")
        }
    }

    @Test("a missing or wrong subject_token_type, a requested_token_type other than access_token, or no student is invalid_request",
          arguments: [(String?.none, String?.none, true), ("urn:ietf:params:oauth:token-type:id_token", nil, true),
                      (TokenEndpointWorld.accessTokenType, "urn:ietf:params:oauth:token-type:refresh_token", true),
                      (TokenEndpointWorld.accessTokenType, nil, false)])
    func invalidRequest(subjectTokenType: String?, requestedTokenType: String?, withStudent: Bool) async throws {
        try await TokenEndpointWorld.run { world in
            let (secret, child, subject) = try await world.linkedGuardian()
            let form = TokenEndpointWorld.exchangeForm(subject, student: child.id.rawValue, subjectTokenType: subjectTokenType,
                                                       requestedTokenType: requestedTokenType)
            let response = try await world.token(withStudent ? form : form.filter { $0.0 != "student" },
                                                 basic: ("diary-one", secret))
            #expect(response.status == 400 && response.string("error") == "invalid_request", "\(response.text)")
        }
    }

    @Test("the delegated token never outlives the subject token; an expired subject token is refused")
    func lifetime() async throws {
        try await TokenEndpointWorld.run { world in
            let (secret, child, subject) = try await world.linkedGuardian()
            let form = TokenEndpointWorld.exchangeForm(subject, student: child.id.rawValue, requestedTokenType: TokenEndpointWorld.accessTokenType)
            world.server.clock.advance(seconds: 200)
            let response = try await world.token(form, basic: ("diary-one", secret))
            try #require(response.status == 200, "\(response.text)")
            #expect(response.json["expires_in"] as? Int == 100)
            let verifier = world.verifier(clientID: "diary-one")
            let original = try await verifier.verifyAccessToken(subject)
            let delegated = try await verifier.verifyAccessToken(try #require(response.string("access_token")))
            #expect(delegated.expiresAt == original.expiresAt && delegated.issuedAt == world.base.now)
            world.server.clock.advance(seconds: 100)
            let expired = try await world.token(form, basic: ("diary-one", secret))
            #expect(expired.status == 400 && expired.string("error") == "invalid_grant")
        }
    }

    @Test("a subject token stops working as introspection would: after an unlinking, a session end or a disabled account")
    func revokedFoundations() async throws {
        try await TokenEndpointWorld.run { world in
            let secret = try await world.exchangeClient("diary-one")
            let guardian = try await world.base.account(.adult), child = try await world.base.account(.student)
            let other = try await world.base.account(.student)
            let link = try await world.base.link(guardian, to: child)
            _ = try await world.base.link(guardian, to: other)
            let session = try await world.base.session(of: guardian)
            let subject = try await world.subjectToken(for: guardian, session: session, clientID: "diary-one", secret: secret)
            let form = TokenEndpointWorld.exchangeForm(subject, student: child.id.rawValue)
            #expect(try await world.token(form, basic: ("diary-one", secret)).status == 200)
            let environment = world.environment, now = world.base.now
            try await environment.storage.write { tx in
                _ = try tx.guardianLinks.transition(link, from: .active, to: .ended, at: now, by: guardian.id)
            }
            // The token lists a child whose link ended: it is inactive as a whole, also for the other child.
            for student in [child, other] {
                let refused = try await world.token(TokenEndpointWorld.exchangeForm(subject, student: student.id.rawValue),
                                                    basic: ("diary-one", secret))
                #expect(refused.status == 400 && refused.string("error") == "invalid_grant")
            }

            let fresh = try await world.subjectToken(for: guardian, session: session, clientID: "diary-one", secret: secret)
            let freshForm = TokenEndpointWorld.exchangeForm(fresh, student: other.id.rawValue)
            #expect(try await world.token(freshForm, basic: ("diary-one", secret)).status == 200)
            try await environment.storage.write { tx in _ = try tx.sessions.revoke(tokenHash: session.tokenHash, at: now) }
            let ended = try await world.token(freshForm, basic: ("diary-one", secret))
            #expect(ended.status == 400 && ended.string("error") == "invalid_grant")

            let freshSession = try await world.base.session(of: guardian)
            let last = try await world.subjectToken(for: guardian, session: freshSession, clientID: "diary-one", secret: secret)
            let lastForm = TokenEndpointWorld.exchangeForm(last, student: other.id.rawValue)
            #expect(try await world.token(lastForm, basic: ("diary-one", secret)).status == 200)
            try await environment.storage.write { tx in _ = try tx.accounts.update(guardian.id) { $0.status = .disabled } }
            let disabled = try await world.token(lastForm, basic: ("diary-one", secret))
            #expect(disabled.status == 400 && disabled.string("error") == "invalid_grant")
        }
    }
}
