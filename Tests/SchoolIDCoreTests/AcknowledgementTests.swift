import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDTesting
import Testing

/// The acknowledgement model's field rules and the guardians' notice (issue 10).
@Suite struct AcknowledgementTests {
    @Test("a digest is exactly 64 lowercase hex digits", arguments: [
        (String(repeating: "0a", count: 32), true), (String(repeating: "0A", count: 32), false),
        (String(repeating: "a", count: 63), false), (String(repeating: "a", count: 65), false),
        (String(repeating: "g", count: 64), false), ("", false),
    ])
    func digest(_ text: String, _ valid: Bool) {
        #expect(Acknowledgement.isDigest(text) == valid)
    }

    @Test("a document id is 1…128 bytes of visible ASCII", arguments: [
        ("note-1", true), ("a/b:c?d=1", true), (String(repeating: "x", count: 128), true),
        (String(repeating: "x", count: 129), false), ("", false), ("two words", false), ("запись", false),
    ])
    func documentID(_ text: String, _ valid: Bool) {
        #expect(Acknowledgement.isDocumentID(text) == valid)
    }

    @Test("a title is cut to 40 characters with an ellipsis; a short one is kept whole", arguments: [
        ("Короткий", "Короткий"), (String(repeating: "я", count: 40), String(repeating: "я", count: 40)),
        (String(repeating: "я", count: 41), String(repeating: "я", count: 39) + "…"),
    ])
    func truncation(_ title: String, _ expected: String) {
        #expect(Acknowledgement.truncatedTitle(title) == expected)
    }

    @Test("the notice names a note to sign and the title, in Russian and English")
    func notice() {
        let template = MessageTemplate.acknowledgementRequestedNotice(title: "Trip consent")
        #expect(template.sms(in: .russian) == "SchoolID: запись в дневнике на подпись: Trip consent")
        #expect(template.sms(in: .english) == "SchoolID: a note to sign in the diary: Trip consent")
        for language in MessageLanguage.allCases { #expect(template.email(in: language).body.contains("Trip consent")) }
        #expect(template.code == nil && template.description == "acknowledgementRequestedNotice")
    }

    @Test("a sealed title opens only for its own acknowledgement")
    func sealedTitle() throws {
        let random = SeededRandomSource(seed: 10)
        let key = try SealingKey(key: SymmetricKey(bytes: random.bytes(count: 32)), version: 1)
        let id = Acknowledgement.ID.random(using: random)
        var acknowledgement = Acknowledgement(
            id: id, clientID: OAuthClient.ID(rawValue: "diary-one")!, studentID: .random(using: random),
            documentID: "note-1", digest: String(repeating: "ab", count: 32),
            sealedTitle: try Acknowledgement.sealTitle("Опоздание", for: id, under: key), deadline: nil,
            createdAt: UnixTime(seconds: 1_800_000_000))
        #expect(try acknowledgement.title(under: key) == "Опоздание")
        acknowledgement.id = .random(using: random)
        #expect(throws: SealingError.authenticationFailed) { try acknowledgement.title(under: key) }
    }
}
