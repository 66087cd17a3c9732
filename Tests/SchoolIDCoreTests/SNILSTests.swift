import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto
import SchoolIDTesting
import Testing

/// `Tests/Fixtures/snils/vectors.json`, under the Pension Fund algorithm's heading.
struct SNILSVectors: Decodable {
    struct Valid: Decodable, Sendable, CustomTestStringConvertible {
        let input: String
        let digits: String
        let formatted: String
        let sum: Int
        let branch: String
        var testDescription: String { "\(input) (\(branch))" }
    }

    struct Invalid: Decodable, Sendable, CustomTestStringConvertible {
        let input: String
        let reason: String
        var testDescription: String { "\(input) (\(reason))" }
    }

    struct Algorithm: Decodable {
        let valid: [Valid]
        let invalid: [Invalid]
    }

    let algorithm: Algorithm
    enum CodingKeys: String, CodingKey { case algorithm = "Алгоритм формирования контрольного числа Страхового номера" }

    static let file = try! Fixtures.decode(SNILSVectors.self, from: "snils/vectors.json").algorithm
}

@Suite struct SNILSTests {
    @Test("PFR check-number algorithm: accepts numbers whose check number matches, in every branch",
          arguments: SNILSVectors.file.valid)
    func valid(_ vector: SNILSVectors.Valid) throws {
        let snils = try SNILS(parsing: vector.input)
        #expect(snils.digits == vector.digits)
        #expect(snils.formatted == vector.formatted)
    }

    @Test("PFR check-number algorithm: rejects wrong check numbers and malformed input with snils_invalid",
          arguments: SNILSVectors.file.invalid)
    func invalid(_ vector: SNILSVectors.Invalid) {
        let error = #expect(throws: DomainError.self) { try SNILS(parsing: vector.input) }
        #expect(error?.code == .snilsInvalid)
        #expect(error?.detail == (vector.reason.hasPrefix("format") ? "a SNILS has 11 digits"
                                                                     : "the check number does not match"))
    }

    @Test("plain digits decode through RawRepresentable only when valid") func rawValue() {
        #expect(SNILS(rawValue: "12345678964")?.formatted == "123-456-789 64")
        #expect(SNILS(rawValue: "12345678965") == nil)
        #expect(SNILS(rawValue: "123-456-789 64") == nil)
    }

    @Test("the description masks all but the check number") func masking() throws {
        let snils = try SNILS(parsing: "11223344595")
        #expect(snils.description == "***-***-*** 95")
        #expect(!"\(snils)".contains("112"))
    }
}

@Suite struct AccountSNILSTests {
    private static let keys = StaticDataKeyProvider.random()
    private static let ownerKey = SealingKey(key: try! SymmetricKey(bytes: Array(repeating: 7, count: 32)), version: 1)
    private static let account = Account.ID(rawValue: "acc_AAAAAAAAAAAAAAAAAAAAAA")!

    @Test("the number is sealed under the owner key and opens again; the sealed bytes hold no digits") func sealing() throws {
        let snils = try SNILS(parsing: "123-456-789 64")
        let record = try AccountSNILS(snils: snils, accountID: Self.account, status: .declared, ownerKey: Self.ownerKey,
                                      indexKey: Self.keys.indexKey, createdAt: StoreSamples.t0, now: StoreSamples.t0)
        #expect(try record.snils(ownerKey: Self.ownerKey) == snils)
        #expect(!record.value.elementsEqual(Array("12345678964".utf8)))
        #expect(record.value.count > 11 && record.status == .declared && !record.isVerified)
    }

    @Test("a sealed number moved to another account does not open") func boundToAccount() throws {
        let record = try AccountSNILS(snils: SNILS(parsing: "12345678964"), accountID: Self.account, status: .verified,
                                      ownerKey: Self.ownerKey, indexKey: Self.keys.indexKey, createdAt: StoreSamples.t0,
                                      now: StoreSamples.t0)
        let moved = with(record) { $0.accountID = Account.ID(rawValue: "acc_BBBBBBBBBBBBBBBBBBBBBA")! }
        #expect(throws: SealingError.authenticationFailed) { try moved.snils(ownerKey: Self.ownerKey) }
    }

    @Test("the blind index ignores separators, differs between numbers and keys, and from a contact's index")
    func blindIndex() throws {
        let key = Self.keys.indexKey
        let plain = try SNILS(parsing: "12345678964").blindIndex(key: key)
        #expect(try SNILS(parsing: "123-456-789 64").blindIndex(key: key) == plain)
        #expect(try SNILS(parsing: "112-233-445 95").blindIndex(key: key) != plain)
        #expect(try SNILS(parsing: "12345678964").blindIndex(key: StaticDataKeyProvider.random().indexKey) != plain)
        #expect(BlindIndex("12345678964", table: "contacts", column: "value", key: key) != plain)
        #expect(plain.bytes.count == 32)
    }

    private func with<T>(_ value: T, _ change: (inout T) -> Void) -> T {
        var value = value
        change(&value)
        return value
    }
}
