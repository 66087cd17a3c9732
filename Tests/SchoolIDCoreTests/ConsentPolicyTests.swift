import Foundation
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct ConsentPolicyTests {
    @Test("the shipped consent is version 1 with Russian and English texts marked for legal review, the marker not shown")
    func shipped() throws {
        let directory = Fixtures.packageRoot.appendingPathComponent("policies")
        let policy = try PolicySet.load(directory: directory).consent
        #expect(policy.currentTextVersion == 1)
        #expect(policy.text(.russian).hasPrefix("Согласие на обработку персональных данных"))
        #expect(policy.text(.english).hasPrefix("Consent to the processing of personal data"))
        #expect(!policy.text(.russian).contains("needs legal review") && !policy.operatorName(.english).isEmpty)
        for language in MessageLanguage.allCases {
            let raw = try String(contentsOf: directory.appendingPathComponent(
                ConsentPolicy.textPath(version: 1, language: language)), encoding: .utf8)
            #expect(raw.hasPrefix("<!-- needs legal review"))
        }
        #expect(TestPolicies.set.consent == policy)
    }

    @Test("bumping current_text_version needs both texts of the new version")
    func bumpNeedsTexts() throws {
        let profile = try PolicyFixtureDirectory(replacing: ConsentPolicy.fileName, with: Self.json(version: "2"))
        defer { profile.remove() }
        let missing = #expect(throws: PolicyError.self) { try PolicySet.load(directory: profile.url) }
        #expect(missing?.description == "consent/v2.ru.md: cannot read the consent text of the current version")
        try Data("Текст 2".utf8).write(to: profile.url.appendingPathComponent("consent/v2.ru.md"))
        try Data("<!-- needs legal review -->\n\n".utf8).write(to: profile.url.appendingPathComponent("consent/v2.en.md"))
        let empty = #expect(throws: PolicyError.self) { try PolicySet.load(directory: profile.url) }
        #expect(empty?.description == "consent/v2.en.md: must not be empty")
        try Data("Text 2".utf8).write(to: profile.url.appendingPathComponent("consent/v2.en.md"))
        let loaded = try PolicySet.load(directory: profile.url).consent
        #expect(loaded.currentTextVersion == 2 && loaded.text(.russian) == "Текст 2" && loaded.text(.english) == "Text 2")
    }

    static func json(version: String = "1", names: String = #"{"ru": "Школа", "en": "School"}"#, extra: String = "") -> String {
        #"{"version": 1, "current_text_version": \#(version), "operator": \#(names)\#(extra)}"#
    }

    @Test("an invalid member is named with its JSON pointer and rule", arguments: [
        (json(version: "0"), "/current_text_version: must be between 1 and 10000"),
        (json(names: #"{"ru": "Школа"}"#), "/operator/en: is required"),
        (json(names: #"{"ru": "Школа", "en": ""}"#), "/operator/en: must not be empty"),
        (json(extra: #", "text": "inline""#), "/text: unknown member"),
    ])
    func rejects(_ text: String, _ expected: String) throws {
        let profile = try PolicyFixtureDirectory(replacing: ConsentPolicy.fileName, with: text)
        defer { profile.remove() }
        let error = #expect(throws: PolicyError.self) { try PolicySet.load(directory: profile.url) }
        #expect(error?.description == "consent.json: " + expected)
    }
}
