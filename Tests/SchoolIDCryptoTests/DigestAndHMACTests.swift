import SchoolIDBase
import SchoolIDCrypto
import Testing

@Suite struct DigestAndHMACTests {
    struct HMACVector: Decodable, Sendable, CustomTestStringConvertible {
        let key: String, data: String, mac: String, truncatedToBits: Int?
        var heading = ""
        enum CodingKeys: String, CodingKey {
            case key = "Key", data = "Data", mac = "HMAC-SHA-256", truncatedToBits
        }
        var testDescription: String { heading }
    }

    static let rfc4231: [HMACVector] = SectionedVectors<HMACVector>.load("rfc4231/hmac-sha256.json").map {
        var vector = $0.vector
        vector.heading = $0.heading
        return vector
    }

    @Test("RFC 4231 §4.2–§4.8 HMAC-SHA-256 test cases 1–7", arguments: rfc4231)
    func rfc4231Vector(_ vector: HMACVector) {
        let mac = HMAC.sha256(key: hex(vector.key), data: hex(vector.data))
        let expected = hex(vector.mac)
        if let bits = vector.truncatedToBits {
            #expect(Array(mac.prefix(bits / 8)) == expected)
        } else {
            #expect(mac == expected)
        }
    }

    @Test("the RFC 4231 fixture holds all seven test cases") func fixtureLoaded() {
        #expect(Self.rfc4231.count == 7)
        #expect(Self.rfc4231.filter { $0.truncatedToBits == 128 }.count == 1)
    }

    @Test("FIPS 180-2 Appendix B.1 / C.1: SHA-256 and SHA-512 of \"abc\"") func shaOfABC() {
        #expect(Hex.encode(SHA256.hash(Array("abc".utf8)))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.encode(SHA512.hash(Array("abc".utf8)))
            == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        #expect(Hex.encode(SHA256.hash([]))
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("RFC 2202 §3 test case 2: HMAC-SHA-1 (\"Jefe\")") func hmacSHA1() {
        let mac = HMAC.sha1(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))
        #expect(Hex.encode(mac) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
    }

    @Test("RFC 4231 §4.3 test case 2: HMAC-SHA-512") func hmacSHA512() {
        let mac = HMAC.sha512(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))
        #expect(Hex.encode(mac) == "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")
    }

    @Test("HMAC accepts an empty key and empty data (value from Python hmac)") func emptyKey() {
        #expect(Hex.encode(HMAC.sha256(key: [], data: []))
            == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test("constant-time equality is false on any difference or length mismatch") func constantTime() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(ConstantTime.equals([], []))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([], [0]))
    }

    @Test("OpenSSL random bytes have the requested length and differ between draws") func random() {
        let source = OpenSSLRandomSource()
        let first = source.bytes(count: 32)
        #expect(first.count == 32)
        #expect(first != source.bytes(count: 32))
        #expect(source.bytes(count: 0).isEmpty)
    }
}
