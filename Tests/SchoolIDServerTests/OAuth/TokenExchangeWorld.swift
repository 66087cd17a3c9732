import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// Token exchange on top of ``TokenEndpointWorld``: clients allowed the grant, a
/// person's access token obtained through the real code grant, and the exchange form.
extension TokenEndpointWorld {
    static let exchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange"
    static let accessTokenType = "urn:ietf:params:oauth:token-type:access_token"
    static let exchangeScopes = ["openid", "offline_access", "diary", "attendance", "nutrition"]

    /// A confidential client allowed every grant, token exchange included; its secret.
    func exchangeClient(_ id: String) async throws -> String {
        try #require(try await client(id, grants: ["authorization_code", "refresh_token", "client_credentials",
                                                   Self.exchangeGrant],
                                      scopes: Self.exchangeScopes))
    }

    /// `diary-one` registered for the exchange, a guardian linked to one child and logged
    /// in, and the guardian's access token from the code grant there (with `scope`).
    func linkedGuardian(scope: String = "openid diary attendance") async throws
        -> (secret: String, child: Account, subject: String)
    {
        let secret = try await exchangeClient("diary-one")
        let guardian = try await base.account(.adult), child = try await base.account(.student)
        _ = try await base.link(guardian, to: child)
        let session = try await base.session(of: guardian)
        return (secret, child,
                try await subjectToken(for: guardian, session: session, clientID: "diary-one", secret: secret, scope: scope))
    }

    /// A person's access token from the code grant at `clientID`.
    func subjectToken(for account: Account, session: Session, clientID: String, secret: String,
                      scope: String = "openid diary attendance") async throws -> String
    {
        let code = try await code(for: account, session: session, clientID: clientID, scope: scope)
        let response = try await token(Self.codeForm(code), basic: (clientID, secret))
        try #require(response.status == 200, "\(response.text)")
        return try #require(response.string("access_token"))
    }

    /// The exchange request's form (RFC 8693 §2.1).
    static func exchangeForm(_ subjectToken: String, student: String, scope: String? = nil,
                             subjectTokenType: String? = accessTokenType, requestedTokenType: String? = nil)
        -> [(String, String)]
    {
        var form = [("grant_type", exchangeGrant), ("subject_token", subjectToken), ("student", student)]
        if let subjectTokenType { form.append(("subject_token_type", subjectTokenType)) }
        if let requestedTokenType { form.append(("requested_token_type", requestedTokenType)) }
        if let scope { form.append(("scope", scope)) }
        return form
    }
}
