import SchoolIDCore
import SchoolIDHTTP
@testable import SchoolIDServer
import Testing

@Suite struct CatalogueTests {
    @Test("every parser error has its own catalogue code with Russian and English text, and keeps its status",
          arguments: HTTPParseError.all)
    func parserErrors(_ error: HTTPParseError) throws {
        let code = try #require(ErrorCode(rawValue: error.code), "\(error.code) is missing from the catalogue")
        #expect(!code.message(in: .russian).isEmpty && !code.message(in: .english).isEmpty)
        #expect(ErrorResponse.apiError(for: error).status == error.status)
    }

    @Test("every page text of every page catalogue is non-empty in both languages, the English one ASCII apart from typographic marks")
    func pageTexts() {
        func check<Catalogue: PageCatalogue>(_: Catalogue.Type) {
            for key in Catalogue.allCases {
                #expect(!key.russian.isEmpty && !key.english.isEmpty, "\(key)")
                #expect(key.english.unicodeScalars.allSatisfy { ($0.isASCII && $0.value >= 0x20) || "–—’".unicodeScalars.contains($0) },
                        "\(key): \(key.english)")
            }
        }
        check(PageText.self)
        check(RegistrationPageText.self)
        check(RecoveryPageText.self)
        check(SecurityPageText.self)
        check(SecondFactorPageText.self)
        check(FactorPageText.self)
        check(StepUpPageText.self)
        check(FamilyPageText.self)
        check(ExportPageText.self)
        check(DeletionPageText.self)
        check(AuthorizePageText.self)
    }
}
