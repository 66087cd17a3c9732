import Foundation
import SchoolIDBase
import SchoolIDVerifier

/// `schoolid verify token|receipt`: checks an access token or an acknowledgement receipt
/// the way a diary service does, with `SchoolIDVerifier`.
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "verify an access token or an acknowledgement receipt as a diary service would"
    static let help = """
    usage: schoolid verify token TOKEN --issuer URL --audience A [--jwks-uri URL] [--leeway SECONDS]
           schoolid verify receipt FILE [--document PATH] --issuer URL --audience CLIENT [--keys-uri URL]

    token: verifies an RFC 9068 access token offline with SchoolIDVerifier: the keys come
    from --jwks-uri, or from the jwks_uri of URL/.well-known/openid-configuration (whose
    issuer must equal URL exactly).

    receipt: verifies the acknowledgement receipt (an ack+jwt JWS) in FILE against the ack
    keys of URL/v1/ledger/keys (or --keys-uri): signature by an ack key, typ, iss, aud and
    iat inside the key's active period; with --document, also that the file at PATH is
    the acknowledged document (its SHA-256 equals the receipt's digest).

    URLs must be https, or http to a loopback host. Exit 0 and the verified claims as JSON
    on stdout; exit 1 and the reason (expired, wrong_audience, unknown_key,
    key_not_active, document_mismatch, …) on stderr.

    options:
      --issuer URL       the exact iss to accept
      --audience A       the aud the token or receipt must carry (the client id)
      --jwks-uri URL     token: fetch the keys here instead of through discovery
      --keys-uri URL     receipt: fetch the ack keys here instead of URL/v1/ledger/keys
      --document PATH    receipt: the document the receipt must acknowledge
      --leeway SECONDS   clock skew tolerated for exp/nbf/iat (default 60)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (token, receipt)")
        switch subcommand {
        case "token": try await verifyToken(arguments)
        case "receipt": try await verifyReceipt(arguments)
        default: throw UsageError("unknown verify subcommand '\(subcommand)'")
        }
    }

    private static func verifyToken(_ arguments: consuming Arguments) async throws {
        let issuer = try arguments.option(required: "--issuer")
        let audience = try arguments.option(required: "--audience")
        let jwksURI = try url(arguments.option("--jwks-uri"), option: "--jwks-uri")
        let leeway = try leeway(arguments.option("--leeway"))
        // After the options, so that an option's value is never taken for the token.
        let token = try arguments.required("TOKEN")
        try arguments.finish()

        let verifier = Verifier(configuration: VerifierConfiguration(
            issuer: issuer, audience: audience, jwksURI: jwksURI, leeway: leeway))
        let verified: VerifiedAccessToken
        do {
            verified = try await verifier.verifyAccessToken(token)
        } catch let error as VerificationError {
            throw CommandFailure("invalid token: \(error)")
        }
        try printJSON(verified)
    }

    private static func verifyReceipt(_ arguments: consuming Arguments) async throws {
        let issuer = try arguments.option(required: "--issuer")
        let audience = try arguments.option(required: "--audience")
        let keysURI = try url(arguments.option("--keys-uri"), option: "--keys-uri")
        let documentPath = try arguments.option("--document")
        let leeway = try leeway(arguments.option("--leeway"))
        let file = try arguments.required("FILE")
        try arguments.finish()

        guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure("cannot read \(file)") }
        let compact = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var document: [UInt8]?
        if let documentPath {
            guard let bytes = FileManager.default.contents(atPath: documentPath) else {
                throw CommandFailure("cannot read \(documentPath)")
            }
            document = Array(bytes)
        }
        let verifier = ReceiptVerifier(configuration: ReceiptVerifierConfiguration(
            issuer: issuer, audience: audience, keysURI: keysURI, leeway: leeway))
        let receipt: VerifiedReceipt
        do {
            receipt = try await verifier.verifyReceipt(compact)
        } catch let error as VerificationError {
            throw CommandFailure("invalid receipt: \(error)")
        }
        if let document, !receipt.matches(document: document) {
            throw CommandFailure("invalid receipt: \(VerificationError.documentMismatch)")
        }
        try printJSON(receipt)
    }

    private static func url(_ text: String?, option: String) throws(UsageError) -> URL? {
        guard let text else { return nil }
        guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
            throw UsageError("\(option) \(text) is not an absolute URL")
        }
        return url
    }

    private static func leeway(_ text: String?) throws(UsageError) -> Int64 {
        guard let text else { return 60 }
        guard let seconds = Int64(text), (0...600 as ClosedRange<Int64>).contains(seconds) else {
            throw UsageError("--leeway takes whole seconds from 0 to 600")
        }
        return seconds
    }

    private static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
