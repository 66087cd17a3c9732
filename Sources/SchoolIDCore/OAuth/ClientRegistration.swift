import Foundation
import SchoolIDBase
import SchoolIDJOSE

/// What an operator asks for when registering a client (`schoolid client add`,
/// `POST /v1/clients`), as typed: ``ClientService`` validates it into an ``OAuthClient``.
///
/// Defaults: type `confidential`; grants `authorization_code` and `refresh_token`; scope
/// `openid`; audience the id; access-token algorithm the policy default
/// (`tokens.json`); ID-token algorithm RS256 (OIDC Registration §2's default for
/// `id_token_signed_response_alg`).
public struct ClientRegistration: Hashable, Sendable {
    public var id: String
    public var name: String
    public var type: String?
    public var redirectURIs: [String]
    public var postLogoutRedirectURIs: [String]
    public var grants: [String]
    public var scopes: [String]
    public var audience: String?
    public var schoolIDs: [School.ID]
    public var firstParty: Bool
    public var accessTokenAlgorithm: String?
    public var idTokenAlgorithm: String?

    public init(id: String, name: String, type: String? = nil, redirectURIs: [String] = [],
                postLogoutRedirectURIs: [String] = [], grants: [String] = [], scopes: [String] = [],
                audience: String? = nil, schoolIDs: [School.ID] = [], firstParty: Bool = false,
                accessTokenAlgorithm: String? = nil, idTokenAlgorithm: String? = nil)
    {
        self.id = id
        self.name = name
        self.type = type
        self.redirectURIs = redirectURIs
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.grants = grants
        self.scopes = scopes
        self.audience = audience
        self.schoolIDs = schoolIDs
        self.firstParty = firstParty
        self.accessTokenAlgorithm = accessTokenAlgorithm
        self.idTokenAlgorithm = idTokenAlgorithm
    }

    /// The longest client name or audience.
    public static let maximumTextLength = 200
    /// The most redirect URIs of one kind a client may register.
    public static let maximumRedirectURIs = 20

    /// Checks every rule and builds the client (without a secret; the service adds it).
    /// - Parameters:
    ///   - policy: `tokens.json`, for the algorithms a client may use.
    ///   - now: the registration time.
    /// - Throws: `DomainError(.clientInvalid)` whose detail names the rule broken.
    /// - Returns: an active client.
    public func validated(policy: TokenPolicy, at now: UnixTime) throws(DomainError) -> OAuthClient {
        let id = try OAuthClient.ID(parsing: id)
        let type = try Self.choice(type ?? OAuthClient.ClientType.confidential.rawValue, OAuthClient.ClientType.self,
                                   field: "type")
        let grants = try Self.unique(grants.isEmpty ? ["authorization_code", "refresh_token"] : grants,
                                     OAuthClient.Grant.self, field: "grant")
        let scopes = try Self.unique(scopes.isEmpty ? ["openid"] : scopes, OAuthClient.Scope.self, field: "scope")
        try Self.check(grants: grants, type: type)
        let redirects = try ClientURIRule.validated(redirectURIs, field: "redirect_uri")
        let logoutRedirects = try ClientURIRule.validated(postLogoutRedirectURIs, field: "post_logout_redirect_uri")
        if grants.contains(.authorizationCode), redirects.isEmpty {
            throw DomainError(.clientInvalid, detail: "authorization_code needs at least one redirect_uri")
        }
        if !grants.contains(.authorizationCode), !redirects.isEmpty || !logoutRedirects.isEmpty {
            throw DomainError(.clientInvalid, detail: "redirect URIs are only for the authorization_code grant")
        }
        let access = try Self.algorithm(accessTokenAlgorithm, default: policy.defaultAlgorithms.accessToken,
                                        policy: policy, field: "access_token_algorithm")
        let idToken = try Self.algorithm(idTokenAlgorithm, default: policy.defaultAlgorithms.idToken, policy: policy,
                                         field: "id_token_algorithm")
        guard Set(schoolIDs).count == schoolIDs.count else {
            throw DomainError(.clientInvalid, detail: "school repeated")
        }
        return OAuthClient(
            id: id, name: try Self.text(name, field: "name"), type: type, redirectURIs: redirects,
            postLogoutRedirectURIs: logoutRedirects, grants: grants, scopes: scopes,
            audience: try Self.audience(audience ?? id.rawValue), schoolIDs: schoolIDs, firstParty: firstParty,
            accessTokenAlgorithm: access, idTokenAlgorithm: idToken, secret: nil, createdAt: now)
    }

    private static func check(grants: [OAuthClient.Grant], type: OAuthClient.ClientType) throws(DomainError) {
        if type == .public, let grant = grants.first(where: { !OAuthClient.Grant.publicClientGrants.contains($0) }) {
            throw DomainError(.clientInvalid, detail: "a public client may not use \(grant.rawValue)")
        }
        if grants.contains(.refreshToken), !grants.contains(.authorizationCode) {
            throw DomainError(.clientInvalid, detail: "refresh_token needs authorization_code")
        }
    }

    private static func choice<T: RawRepresentable>(_ text: String, _ type: T.Type, field: String) throws(DomainError)
        -> T where T.RawValue == String
    {
        guard let value = T(rawValue: text) else { throw DomainError(.clientInvalid, detail: "unknown \(field)") }
        return value
    }

    private static func unique<T: RawRepresentable & Hashable>(_ texts: [String], _ type: T.Type, field: String)
        throws(DomainError) -> [T] where T.RawValue == String
    {
        var values: [T] = []
        for text in texts {
            let value = try choice(text, T.self, field: field)
            guard !values.contains(value) else { throw DomainError(.clientInvalid, detail: "\(field) repeated") }
            values.append(value)
        }
        return values
    }

    private static func algorithm(_ text: String?, default fallback: JWSAlgorithm, policy: TokenPolicy, field: String)
        throws(DomainError) -> JWSAlgorithm
    {
        let algorithm = try text.map { (text: String) throws(DomainError) in
            try choice(text, JWSAlgorithm.self, field: field)
        } ?? fallback
        guard policy.allows(algorithm) else {
            throw DomainError(.clientInvalid, detail: "\(field) \(algorithm.rawValue) is not allowed by tokens.json")
        }
        return algorithm
    }

    private static func text(_ value: String, field: String) throws(DomainError) -> String {
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...maximumTextLength).contains(text.count),
              !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw DomainError(.clientInvalid, detail: "\(field) must be 1-\(maximumTextLength) printable characters") }
        return text
    }

    /// RFC 7519 §4.1.3: a StringOrURI; kept to printable ASCII without spaces so that it
    /// compares byte for byte in every verifier.
    private static func audience(_ value: String) throws(DomainError) -> String {
        guard (1...maximumTextLength).contains(value.utf8.count), value.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else { throw DomainError(.clientInvalid, detail: "audience must be 1-200 printable ASCII characters") }
        return value
    }
}
