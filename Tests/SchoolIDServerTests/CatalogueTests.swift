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
}
