import Foundation

extension ServeConfiguration {
    /// Validates and normalises an issuer URL (OpenID Connect Discovery §3, RFC 8414 §2):
    /// `https`, or plain `http` to a loopback address literal only (development and
    /// tests; ``isLoopback(_:)``: `localhost` could resolve elsewhere); no
    /// query, no fragment, no credentials; a trailing `/` is removed, so that
    /// `{issuer}/.well-known/openid-configuration` and every endpoint under the issuer
    /// are spelled one way and a verifier's exact `iss` comparison holds.
    /// - Parameters:
    ///   - text: the configured value.
    ///   - source: the setting's source, for the error.
    /// - Throws: ``Invalid`` naming `source` and the rule.
    /// - Returns: the issuer as tokens and discovery carry it.
    public static func validatedIssuer(_ text: String, source: String) throws -> String {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else { throw Invalid(description: "\(source): '\(text)' is not an absolute http(s) URL") }
        guard components.user == nil, components.password == nil else {
            throw Invalid(description: "\(source): an issuer carries no user name or password")
        }
        guard components.query == nil, components.fragment == nil else {
            throw Invalid(description: "\(source): an issuer has no query or fragment (OpenID Connect Discovery §3)")
        }
        guard scheme == "https" || (scheme == "http" && isLoopback(host)) else {
            throw Invalid(description: "\(source): must be https (plain http only to a loopback host)")
        }
        var issuer = text
        while issuer.hasSuffix("/") { issuer.removeLast() }
        return issuer
    }

    /// The issuer when none is configured: the URL `serve` listens on, with the bound
    /// `port` (known only after binding, for port 0). A wildcard address (`0.0.0.0`,
    /// `::`) is not an address anyone can reach, so it becomes the loopback of its
    /// family; set `issuer` for any other audience.
    /// - Parameters:
    ///   - port: the bound port.
    ///   - secure: whether `serve` speaks TLS.
    public func listeningIssuer(port: Int, secure: Bool) -> String {
        var host = host
        if host == "0.0.0.0" { host = "127.0.0.1" }
        if host == "::" { host = "::1" }
        if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
        return "\(secure ? "https" : "http")://\(host):\(port)"
    }
}
