import Foundation
import SchoolIDCore
import SchoolIDTesting
import Testing

/// Every file under `Tests/Fixtures/policies/invalid/` replaces one file of the test
/// profile; loading must fail with exactly the error `cases.json` records.
@Suite struct InvalidPolicyTests {
    struct Case: Codable, Sendable, CustomTestStringConvertible {
        let name: String
        let replaces: String
        let fixture: String
        let error: String
        var testDescription: String { name }
    }

    struct File: Codable { let cases: [Case] }

    static let cases: [Case] = (try? Fixtures.decode(File.self, from: "policies/invalid/cases.json").cases) ?? []

    @Test("the invalid-case table was found") func casesLoaded() { #expect(Self.cases.count >= 50) }

    @Test("an invalid policy file fails with the file, the JSON pointer and the rule", arguments: cases)
    func rejects(_ testCase: Case) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: Fixtures.url("policies").path) where name != "invalid" {
            try manager.copyItem(atPath: Fixtures.url("policies/\(name)").path, toPath: directory.file(name))
        }
        try manager.removeItem(atPath: directory.file(testCase.replaces))
        try manager.copyItem(atPath: Fixtures.url("policies/\(testCase.fixture)").path, toPath: directory.file(testCase.replaces))
        let error = #expect(throws: PolicyError.self) {
            try PolicySet.load(directory: URL(fileURLWithPath: directory.path))
        }
        #expect(error?.description == testCase.error)
    }
}
