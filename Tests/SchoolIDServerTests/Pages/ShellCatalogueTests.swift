@testable import SchoolIDServer
import Testing

/// Every page text exists in both languages (issue 11: "a test fails on a key missing in
/// either language"); the switches make a missing case a compile error, this catches an
/// empty or untranslated one.
@Suite struct ShellCatalogueTests {
    /// A case of some catalogue: its name and both texts.
    struct Entry: Sendable {
        let name: String
        let russian: String
        let english: String
    }

    static func entries<C: PageCatalogue>(_ type: C.Type) -> [Entry] {
        type.allCases.map { Entry(name: "\(type).\($0)", russian: $0.russian, english: $0.english) }
    }

    /// Every catalogue type; a new one is added here.
    static let all: [Entry] = entries(PageText.self) + entries(AuthorizePageText.self) + entries(LogoutPageText.self)
        + entries(StepUpPageText.self) + entries(RecoveryPageText.self) + entries(AcknowledgementPageText.self)
        + entries(RegistrationPageText.self) + entries(ExportPageText.self) + entries(FamilyPageText.self)
        + entries(SecurityPageText.self) + entries(ConsentPageText.self) + entries(SecondFactorPageText.self)
        + entries(FactorPageText.self) + entries(DeletionPageText.self) + entries(AdminPageText.self)
        + entries(AccountPageText.self)

    /// Cases whose two texts are the same on purpose (a name, a code, a unit).
    static let deliberatelyEqual: Set<String> = [
        "PageText.policyCharactersSingular",
    ]

    @Test("every catalogue case has a non-empty Russian and English text")
    func nonEmpty() {
        for entry in Self.all {
            #expect(!entry.russian.trimmingCharacters(in: .whitespaces).isEmpty, "\(entry.name) Russian is empty")
            #expect(!entry.english.trimmingCharacters(in: .whitespaces).isEmpty, "\(entry.name) English is empty")
        }
    }

    @Test("every catalogue case is translated: Russian differs from English unless listed as deliberately equal")
    func translated() {
        for entry in Self.all where !Self.deliberatelyEqual.contains(entry.name) {
            #expect(entry.russian != entry.english, "\(entry.name) is the same in both languages")
        }
        let names = Set(Self.all.map(\.name))
        #expect(Self.deliberatelyEqual.isSubset(of: names))
    }

    @Test("the English texts contain no Cyrillic letters")
    func englishIsEnglish() {
        for entry in Self.all {
            #expect(!entry.english.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(entry.name)")
        }
    }
}
