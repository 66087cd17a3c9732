import Foundation
import SchoolIDBase
import SchoolIDVerifier

/// `schoolid verify token`: checks an access token the way a diary service does, with
/// `SchoolIDVerifier` (discovery, JWKS, signature, `typ`, `iss`, `aud`, times).
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "verify an access token as a diary service would"
    static let help = """
    usage: schoolid verify token TOKEN --issuer URL --audience A [--jwks-uri URL] [--leeway SECONDS]

    Verifies an RFC 9068 access token offline with SchoolIDVerifier: the keys come from
    --jwks-uri, or from the jwks_uri of URL/.well-known/openid-configuration (whose issuer
    must equal URL exactly). URLs must be https, or http to a loopback host.

    Exit 0 and the verified claims as JSON on stdout; exit 1 and the reason
    (expired, wrong_audience, unknown_key, …) on stderr.

    options:
      --issuer URL       the exact iss to accept
      --audience A       the aud the token must contain
      --jwks-uri URL     fetch the keys here instead of through discovery
      --leeway SECONDS   clock skew tolerated for exp/nbf/iat (default 60)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (token)")
        guard subcommand == "token" else { throw UsageError("unknown verify subcommand '\(subcommand)'") }
        let issuer = try arguments.option(required: "--issuer")
        let audience = try arguments.option(required: "--audience")
        let jwksURI = try arguments.option("--jwks-uri").map { text throws(UsageError) in
            guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
                throw UsageError("--jwks-uri \(text) is not an absolute URL")
            }
            return url
        }
        let leeway: Int64 = try arguments.option("--leeway").map { (text: String) throws(UsageError) -> Int64 in
            guard let seconds = Int64(text), (0...600 as ClosedRange<Int64>).contains(seconds) else {
                throw UsageError("--leeway takes whole seconds from 0 to 600")
            }
            return seconds
        } ?? 60
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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(verified), as: UTF8.self))
    }
}
