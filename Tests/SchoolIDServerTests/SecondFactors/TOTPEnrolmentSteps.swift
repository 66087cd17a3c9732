import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// Enrolling TOTP over the API the way an authenticator app would, with codes
/// computed from the returned secret at the server's (manual) time.
enum TOTPEnrolmentSteps {
    /// The raw secret from a `POST /v1/me/second-factors/totp` answer (grouped base32).
    static func secret(_ begun: APIResponse) throws -> [UInt8] {
        let grouped = try #require(begun.string("secret"))
        return try #require(Base32.decode(grouped.replacingOccurrences(of: " ", with: "")))
    }

    /// The current code for `secret` at the server's clock.
    static func code(_ secret: [UInt8], _ server: TestServer) -> String {
        TOTP.standard.code(secret: secret, at: server.clock.now())
    }

    /// Begins and confirms TOTP with `client` (a session or an enrolment ticket).
    /// - Returns: the confirm answer and the secret.
    static func enrol(_ client: APIClient, on server: TestServer) async throws -> (APIResponse, [UInt8]) {
        let begun = try await client.post(Routes.myTOTP)
        try #require(begun.status == 201, "\(begun.text)")
        let secret = try secret(begun)
        let confirmed = try await client.post(Routes.myTOTPConfirm, json: ["code": code(secret, server)])
        try #require(confirmed.status == 200, "\(confirmed.text)")
        return (confirmed, secret)
    }

    /// Completes a `second_factor_enrolment_required` login answer by enrolling TOTP
    /// with its ticket; a client carrying the new session.
    static func enrolAtLogin(_ anonymous: APIClient, _ response: APIResponse, on server: TestServer) async throws
        -> APIClient
    {
        let ticket = try #require(response.string("enrolment_ticket"))
        let (confirmed, _) = try await enrol(anonymous.with(bearer: ticket), on: server)
        return anonymous.with(bearer: try #require(confirmed.string("session_token")))
    }
}
