import Foundation
import SchoolIDBase
import SchoolIDCrypto
import SchoolIDJOSE
import SchoolIDTesting
import Testing

/// `schoolid verify receipt` against a loopback issuer serving `/v1/ledger/keys`.
///
/// The executable verifies with the system clock, so the key became active an hour before
/// the system time and the receipt is signed at it.
@Suite struct VerifyReceiptCommandTests {
    @Test("exit 0 with the claims as JSON for a receipt and its document, exit 1 with the reason otherwise")
    func verifyReceipt() async throws {
        let key = try SigningKey.generate(.ES256)
        let now = SystemWallClock.operatingSystemTime()
        let document = Array("Родительское собрание в пятницу в 18:00.".utf8)
        let (issuer, stop) = try VerifyCommandTests.startIssuer(jwks: JWKS(keys: [key.publicJWK])) { _ in
            let entry: JSONValue = .object(["jwk": try JSONValue(encoding: key.publicJWK),
                                            "active_from": .integer(now.seconds - 3600), "retired_at": .null])
            return ["/v1/ledger/keys": Array(try JSONEncoder().encode(JSONValue.object(["keys": .array([entry])])))]
        }
        defer { stop() }
        let cli = try CLI()
        defer { cli.directory.remove() }
        let claims: [String: JSONValue] = [
            "iss": .string(issuer), "aud": .string("diary"), "jti": .string("jti_cli_receipt"), "iat": .integer(now.seconds),
            "ack": .string("ack_1"), "student": .string("acc_s"), "document": .string("notice-5"), "title": .string("Собрание"),
            "digest": .string(Hex.encode(SHA256.hash(document))), "signer": .string("acc_g"),
            "signer_role": .string("guardian"), "method": .string("sms-otp"), "ledger_index": .integer(0),
            "link": .object(["id": .string("gl_1"), "relation": .string("mother"), "origin": .string("link_code")]),
        ]
        let receipt = try JWS.sign(payload: Array(JSONEncoder().encode(JSONValue.object(claims))), type: "ack+jwt", key: key)
        let receiptFile = cli.directory.file("receipt.jws"), documentFile = cli.directory.file("notice.txt")
        let otherFile = cli.directory.file("other.txt")
        try Data((receipt + "\n").utf8).write(to: URL(fileURLWithPath: receiptFile))
        try Data(document).write(to: URL(fileURLWithPath: documentFile))
        try Data(document.dropLast()).write(to: URL(fileURLWithPath: otherFile))

        let accepted = try await cli.run("verify", "receipt", receiptFile, "--document", documentFile,
                                         "--issuer", issuer, "--audience", "diary")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let printed = try #require(try JSONSerialization.jsonObject(with: Data(accepted.stdout.utf8)) as? [String: Any])
        #expect(printed["document"] as? String == "notice-5" && printed["kid"] as? String == key.keyID)

        let mismatch = try await cli.run("verify", "receipt", receiptFile, "--document", otherFile,
                                         "--issuer", issuer, "--audience", "diary")
        #expect(mismatch.status == 1 && mismatch.stderr.contains("document_mismatch"), "\(mismatch.stderr)")
        #expect(mismatch.stdout.isEmpty)

        let wrongAudience = try await cli.run("verify", "receipt", receiptFile, "--issuer", issuer, "--audience", "attendance")
        #expect(wrongAudience.status == 1 && wrongAudience.stderr.contains("wrong_audience"), "\(wrongAudience.stderr)")

        let viaJWKS = try await cli.run("verify", "receipt", receiptFile, "--issuer", issuer, "--audience", "diary",
                                        "--keys-uri", issuer + "/jwks")
        #expect(viaJWKS.status == 1 && viaJWKS.stderr.contains("jwks_unavailable"), "\(viaJWKS.stderr)")
    }
}
