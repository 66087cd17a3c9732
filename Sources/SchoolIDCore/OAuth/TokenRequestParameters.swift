import SchoolIDBase

/// A token request's form parameters (RFC 6749 §3.2), checked once: no name may repeat
/// ("Request and response parameters MUST NOT be included more than once"), and an
/// empty value counts as absent (§3.1).
struct TokenRequestParameters: Sendable {
    private let values: [String: String]

    /// - Throws: ``OAuthError`` `invalid_request` for a repeated parameter.
    init(_ pairs: [(String, String)]) throws(OAuthError) {
        var values: [String: String] = [:]
        for (name, value) in pairs {
            guard values.updateValue(value, forKey: name) == nil else {
                throw OAuthError(.invalidRequest, "parameter \(name.prefix(40)) is repeated")
            }
        }
        self.values = values.filter { !$0.value.isEmpty }
    }

    /// The parameter's value, or `nil` when absent or empty.
    subscript(_ name: String) -> String? { values[name] }

    /// A required parameter.
    /// - Throws: ``OAuthError`` `invalid_request` naming it.
    func required(_ name: String) throws(OAuthError) -> String {
        guard let value = values[name] else { throw OAuthError(.invalidRequest, "\(name) is missing") }
        return value
    }

    /// How the client authenticated (RFC 6749 §2.3.1): HTTP Basic, or `client_id` and
    /// `client_secret` in the body, or `client_id` alone for a public client (§3.2.1).
    /// - Throws: ``OAuthError`` `invalid_request` when Basic and a body secret are both
    ///   used or the two `client_id`s differ ("MUST NOT use more than one
    ///   authentication method in each request"); `invalid_client` with none at all.
    func credentials(basic: ClientCredentials?) throws(OAuthError) -> ClientCredentials {
        let bodyID = values["client_id"], bodySecret = values["client_secret"]
        if let basic {
            guard bodySecret == nil else {
                throw OAuthError(.invalidRequest, "use one client authentication method, not Basic and client_secret")
            }
            guard bodyID == nil || bodyID == basic.clientID else {
                throw OAuthError(.invalidRequest, "client_id differs from the Basic credentials")
            }
            return basic
        }
        guard let bodyID else { throw OAuthError(.invalidClient, "no client authentication") }
        if let bodySecret { return ClientCredentials(method: .clientSecretPost, clientID: bodyID, secret: Secret(bodySecret)) }
        return ClientCredentials(method: .none, clientID: bodyID, secret: nil)
    }
}
