import Foundation
import SchoolIDCore
import SchoolIDTesting
import Testing

@Suite struct IdentifierTests {
    @Test("account and school IDs are a prefix plus 128 random bits in base64url") func shape() {
        let random = SeededRandomSource(seed: 7)
        let account = Account.ID.random(using: random)
        let school = School.ID.random(using: random)
        #expect(account.rawValue.hasPrefix("acc_") && account.rawValue.count == 26)
        #expect(school.rawValue.hasPrefix("sch_") && school.rawValue.count == 26)
        #expect(Account.ID(rawValue: account.rawValue) == account)
        #expect(Account.ID.random(using: random) != account)
    }

    @Test("parsing rejects the wrong prefix, bad base64url and the wrong length", arguments: [
        "sch_AAAAAAAAAAAAAAAAAAAAAA", "acc_AAAAAAAAAAAAAAAAAAAAA", "acc_AAAAAAAAAAAAAAAAAAAAA+", "acc", "",
    ])
    func rejects(_ text: String) {
        #expect(throws: DomainError.self) { try Account.ID(parsing: text) }
    }

    @Test("IDs round-trip through JSON as strings and refuse malformed ones") func codable() throws {
        let id = Account.ID.random(using: SeededRandomSource(seed: 1))
        let data = try JSONEncoder().encode([id])
        #expect(try JSONDecoder().decode([Account.ID].self, from: data) == [id])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Account.ID].self, from: Data(#"["acc_x"]"#.utf8)) }
    }
}
