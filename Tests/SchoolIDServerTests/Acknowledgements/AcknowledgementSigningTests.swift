import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// A guardian signs an acknowledgement through the real server (issue 10): the SMS code
/// bound to it or the password, the receipt, and every refusal with its own code.
@Suite struct AcknowledgementSigningTests {
    @Test("a guardian signs with the SMS code bound to the note: the SMS names the action and title, the receipt the link")
    func signWithSMSCode() async throws {
        try await AcknowledgementWorld.run { world in
            let id = try await world.pending()
            let (challenge, code, sms) = try await world.code(id, signer: world.mother)
            #expect(sms.contains("подписать") && sms.contains("Замечание: опоздание на урок математики…"), "\(sms)")
            let signed = try await world.sign(id, signer: world.mother, challenge: challenge, code: code)
            #expect(signed.status == 201, "\(signed.text)")
            #expect(signed.string("state") == "signed" && signed.json["ledger_index"] as? Int == 0)
            let (header, claims) = try AcknowledgementWorld.parts(try #require(signed.string("receipt")))
            #expect(header["typ"] as? String == "ack+jwt")
            #expect(claims["ack"] as? String == id && claims["aud"] as? String == "diary-one")
            #expect(claims["signer_role"] as? String == "guardian" && claims["method"] as? String == "sms-otp")
            #expect(claims["digest"] as? String == AcknowledgementWorld.digest && claims["ledger_index"] as? Int == 0)
            let link = try #require(claims["link"] as? [String: Any])
            #expect(link["relation"] as? String == "mother" && link["origin"] as? String == "credentials")
            #expect(claims["exp"] == nil)
            #expect(try await world.auditActions(about: world.child).contains("ack.signed"))

            let token = try await world.clientToken("diary-reader")
            #expect(try await APIClient(world.server, bearer: token).get("/v1/acknowledgements/\(id)").status == 404)
            let shown = try await world.mother.get("/v1/acknowledgements/\(id)")
            #expect(shown.string("receipt") == signed.string("receipt"))
            let proof = try #require(shown.json["proof"] as? [String: Any], "\(shown.text)")
            #expect(proof["leaf_index"] as? Int == 0 && proof["tree_size"] as? Int == 1)
            #expect((proof["checkpoint"] as? String)?.split(separator: ".").count == 3)
            let report = try await world.ledger.check()
            #expect(report.entries == 1 && report.problems.isEmpty, "\(report.problems)")

            let replay = try await world.sign(id, signer: world.mother, challenge: challenge, code: code)
            #expect(replay.status == 409 && replay.errorCode == "acknowledgement_already_signed", "\(replay.text)")
        }
    }

    @Test("the password method signs once the password is re-entered; a wrong one is a counted failure that signs nothing")
    func signWithPassword() async throws {
        try await AcknowledgementWorld.run { world in
            let id = try await world.pending()
            let wrong = try await world.sign(id, signer: world.father, password: "not-the-password-at-all")
            #expect(wrong.status == 401 && wrong.errorCode == "invalid_credentials", "\(wrong.text)")
            let signed = try await world.sign(id, signer: world.father)
            #expect(signed.status == 201, "\(signed.text)")
            let claims = try AcknowledgementWorld.parts(try #require(signed.string("receipt"))).claims
            #expect(claims["method"] as? String == "password")
            #expect((claims["link"] as? [String: Any])?["relation"] as? String == "father")
        }
    }

    @Test("wrong, expired and other-acknowledgement codes are refused each with its own code")
    func codeRefusals() async throws {
        try await AcknowledgementWorld.run { world in
            let first = try await world.pending()
            let second = try await world.pending(client: "diary-two", document: "note-2")
            let (challenge, code, _) = try await world.code(first, signer: world.mother)
            let wrong = try await world.sign(first, signer: world.mother, challenge: challenge,
                                             code: code == "000000" ? "111111" : "000000")
            #expect(wrong.errorCode == "code_invalid", "\(wrong.text)")
            let other = try await world.sign(second, signer: world.mother, challenge: challenge, code: code)
            #expect(other.status == 400 && other.errorCode == "acknowledgement_code_mismatch", "\(other.text)")
            let foreign = try await world.sign(first, signer: world.father, challenge: challenge, code: code)
            #expect(foreign.errorCode == "code_invalid", "another signer's challenge: \(foreign.text)")
            world.server.clock.advance(seconds: world.environment.policies.otp.ttlSeconds)
            let expired = try await world.sign(first, signer: world.mother, challenge: challenge, code: code)
            #expect(expired.status == 410 && expired.errorCode == "code_expired", "\(expired.text)")
            let state = try await world.mother.get("/v1/acknowledgements/\(first)")
            #expect(state.string("state") == "pending")
        }
    }

    @Test("a student, an unlinked guardian and a trusted person (policy default) are refused each with its own code")
    func signerRefusals() async throws {
        try await AcknowledgementWorld.run { world in
            let id = try await world.pending()
            let student = try await world.studentSession()
            let byStudent = try await world.sign(id, signer: student, password: "maple-river-lamp")
            #expect(byStudent.status == 403 && byStudent.errorCode == "permission_denied", "\(byStudent.text)")
            let byStranger = try await world.sign(id, signer: world.stranger)
            #expect(byStranger.status == 404 && byStranger.errorCode == "acknowledgement_not_found", "\(byStranger.text)")
            let trusted = try await world.trustedPerson()
            let byTrusted = try await world.sign(id, signer: trusted)
            #expect(byTrusted.status == 403 && byTrusted.errorCode == "trusted_signing_disabled", "\(byTrusted.text)")
            #expect(try await trusted.get("/v1/acknowledgements/\(id)").errorCode == "acknowledgement_not_found")

            let environment = world.environment
            let (father, child) = (try #require(try await world.father.get("/v1/me").string("account_id")), world.child)
            try await environment.storage.write { tx in
                let link = try #require(try tx.guardianLinks.links(ofStudent: child).first { $0.guardianID.rawValue == father })
                _ = try tx.guardianLinks.transition(link.id, from: .active, to: .ended, at: environment.clock.now(),
                                                    by: nil)
            }
            let byUnlinked = try await world.sign(id, signer: world.father)
            #expect(byUnlinked.status == 404 && byUnlinked.errorCode == "acknowledgement_not_found", "\(byUnlinked.text)")
        }
    }

    @Test("with trusted_persons_may_sign a trusted person with the diary signs; the receipt names the grant")
    func trustedPersonSigns() async throws {
        try await AcknowledgementWorld.run(trustedMaySign: true) { world in
            let id = try await world.pending()
            let withoutDiary = try await world.trustedPerson(services: [.attendance])
            #expect(try await world.sign(id, signer: withoutDiary).errorCode == "acknowledgement_not_found")
        }
        try await AcknowledgementWorld.run(trustedMaySign: true) { world in
            let id = try await world.pending()
            let trusted = try await world.trustedPerson()
            let signed = try await world.sign(id, signer: trusted)
            #expect(signed.status == 201, "\(signed.text)")
            let claims = try AcknowledgementWorld.parts(try #require(signed.string("receipt"))).claims
            #expect(claims["signer_role"] as? String == "trusted")
            let link = try #require(claims["link"] as? [String: Any])
            #expect(link["relation"] as? String == "trusted" && link["origin"] as? String == "invitation")
        }
    }

    @Test("past the client's deadline signing is refused with acknowledgement_deadline_passed")
    func deadline() async throws {
        try await AcknowledgementWorld.run { world in
            let id = try await world.pending(deadline: world.server.clock.now().seconds + 300)
            world.server.clock.advance(seconds: 300)
            let late = try await world.sign(id, signer: world.mother)
            #expect(late.status == 410 && late.errorCode == "acknowledgement_deadline_passed", "\(late.status) \(late.text)")
        }
    }

    @Test("of ten parallel signings exactly one issues a receipt; the others are acknowledgement_already_signed")
    func parallelSigningsIssueOne() async throws {
        try await AcknowledgementWorld.run { world in
            let id = try await world.pending()
            let answers = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for index in 0..<10 {
                    group.addTask {
                        let response = try await world.sign(id, signer: index.isMultiple(of: 2) ? world.mother : world.father)
                        return (response.status, response.errorCode)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.filter { $0.0 == 201 }.count == 1, "\(answers)")
            #expect(answers.filter { $0.1 == "acknowledgement_already_signed" }.count == 9, "\(answers)")
            let events = try await world.auditActions(about: world.child)
            #expect(events.filter { $0 == "ack.signed" }.count == 1)
            let report = try await world.ledger.check()
            #expect(report.entries == 1 && report.problems.isEmpty, "\(report.problems)")
        }
    }

    @Test("the signer withdraws with the password: a withdrawal entry is appended and the receipt stays")
    func withdraw() async throws {
        try await AcknowledgementWorld.run { world in
            let id = try await world.pending()
            let early = try await world.mother.post("/v1/acknowledgements/\(id)/withdraw",
                                                    json: ["password": GuardianFixture.adultPassword])
            #expect(early.status == 409 && early.errorCode == "acknowledgement_not_signed", "\(early.text)")
            try #require(try await world.sign(id, signer: world.mother).status == 201)
            let byFather = try await world.father.post("/v1/acknowledgements/\(id)/withdraw",
                                                       json: ["password": GuardianFixture.adultPassword])
            #expect(byFather.status == 403 && byFather.errorCode == "permission_denied", "\(byFather.text)")
            let withdrawn = try await world.mother.post("/v1/acknowledgements/\(id)/withdraw",
                                                        json: ["password": GuardianFixture.adultPassword])
            #expect(withdrawn.status == 200 && withdrawn.string("state") == "withdrawn", "\(withdrawn.text)")
            let (header, claims) = try AcknowledgementWorld.parts(try #require(withdrawn.string("withdrawal")))
            #expect(header["typ"] as? String == "ack-withdrawal+jwt")
            #expect(claims["withdraws"] as? Int == 0 && claims["ledger_index"] as? Int == 1)
            #expect(withdrawn.json["ledger_index"] as? Int == 0 && withdrawn.json["withdrawal_index"] as? Int == 1)
            #expect(try await world.auditActions(about: world.child).contains("ack.withdrawn"))
            let shown = try await world.mother.get("/v1/acknowledgements/\(id)")
            #expect(shown.string("withdrawal") == withdrawn.string("withdrawal") && shown.string("receipt") != nil)
            let report = try await world.ledger.check()
            #expect(report.entries == 2 && report.problems.isEmpty, "\(report.problems)")
            let again = try await world.mother.post("/v1/acknowledgements/\(id)/withdraw",
                                                    json: ["password": GuardianFixture.adultPassword])
            #expect(again.errorCode == "acknowledgement_not_signed")
        }
    }
}
