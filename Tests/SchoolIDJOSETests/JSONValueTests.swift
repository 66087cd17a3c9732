import Foundation
import SchoolIDJOSE
import Testing

@Suite struct JSONValueTests {
    @Test("keeps booleans, exact integers, fractions, strings, arrays and objects apart")
    func decodesEachKind() throws {
        let json = #"{"b":true,"i":9007199254740993,"d":1.5,"s":"x","a":[1,"y",null],"o":{"k":false}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        #expect(value == .object([
            "b": .bool(true), "i": .integer(9_007_199_254_740_993), "d": .number(1.5), "s": .string("x"),
            "a": .array([.integer(1), .string("y"), .null]), "o": .object(["k": .bool(false)]),
        ]))
        let again = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(again == value)
    }

    @Test("does not read 1 or 0 as a boolean")
    func numbersAreNotBooleans() throws {
        let value = try JSONDecoder().decode([JSONValue].self, from: Data("[1,0]".utf8))
        #expect(value == [.integer(1), .integer(0)])
    }

    @Test("converts typed values to and from JSON")
    func typedRoundTrip() throws {
        struct Link: Codable, Equatable { let student: String; let services: [String] }
        let link = Link(student: "s-1", services: ["diary", "attendance"])
        let value = try JSONValue(encoding: link)
        #expect(value == .object(["student": .string("s-1"), "services": .array([.string("diary"), .string("attendance")])]))
        #expect(try value.decode(Link.self) == link)
        #expect(throws: JOSEError.malformed) { try JSONValue.string("x").decode(Link.self) }
    }
}

@Suite struct DuplicateMemberTests {
    @Test("rejects duplicate member names anywhere in a JOSE JSON object", arguments: [
        #"{"alg":"none","alg":"ES256"}"#, #"{"a":1,"\u0061":2}"#, #"{"x":{"k":1,"k":2}}"#, #"{"x":[{"k":1,"k":2}]}"#,
    ])
    func duplicates(_ json: String) {
        #expect(throws: JOSEError.malformed) { try JWTClaims(jsonBytes: Array(json.utf8)) }
    }

    @Test("accepts equal names in different objects and names that appear as values")
    func distinctObjects() throws {
        let claims = try JWTClaims(jsonBytes: Array(#"{"a":{"k":"a"},"b":[{"k":1},{"k":"k"}],"k":"\"k\""}"#.utf8))
        #expect(claims.extra.count == 3)
    }
}
