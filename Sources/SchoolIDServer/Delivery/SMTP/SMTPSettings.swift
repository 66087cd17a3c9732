import SchoolIDBase
import SchoolIDCore

/// How `SMTPChannel` protects the connection to its relay.
public enum SMTPSecurity: String, Sendable, Hashable, CaseIterable {
    /// RFC 3207: plain TCP, then `STARTTLS` before anything else; the server must offer it
    /// (a missing `STARTTLS` keyword is treated as a downgrade and nothing is sent).
    case startTLS = "starttls"
    /// RFC 8314 §3.3: TLS from the first byte (submissions port 465).
    case tls
    /// No encryption: only for a relay on the loopback interface (the configuration
    /// refuses any other host).
    case none

    /// The port used when none is configured: 587 (RFC 6409), 465 (RFC 8314 §7.3), 25.
    public var defaultPort: Int {
        switch self {
        case .startTLS: 587
        case .tls: 465
        case .none: 25
        }
    }
}

/// Everything `SMTPChannel` needs to reach its relay.
public struct SMTPSettings: Sendable {
    /// The relay's DNS name or address literal; TLS checks its certificate against it.
    public var host: String
    public var port: Int
    public var security: SMTPSecurity
    /// AUTH PLAIN (RFC 4616) credentials, sent only inside TLS.
    public var credentials: (username: String, password: Secret<String>)?
    /// The envelope sender and `From:` header.
    public var from: Email
    /// A PEM file of trust anchors for the relay's certificate; `nil`: the system's.
    public var trustedCAFile: String?
    /// The limit for connecting and for each read or write.
    public var timeout: Duration
    /// The name SchoolID gives itself in `EHLO` (RFC 5321 §4.1.1.1).
    public var clientName: String

    /// - Parameters:
    ///   - host: the relay.
    ///   - port: its port; `nil` for the security mode's default.
    ///   - security: `starttls`, `tls` or `none`.
    ///   - credentials: AUTH PLAIN login, or `nil` for none.
    ///   - from: the sender address.
    ///   - trustedCAFile: trust anchors, or `nil` for the system's.
    ///   - timeout: connect and per-operation limit (10 s by default).
    ///   - clientName: the `EHLO` name (`schoolid.invalid` by default: RFC 5321 §4.1.4 wants
    ///     a domain, and ours may not have one).
    public init(host: String, port: Int? = nil, security: SMTPSecurity = .startTLS,
                credentials: (username: String, password: Secret<String>)? = nil, from: Email,
                trustedCAFile: String? = nil, timeout: Duration = .seconds(10), clientName: String = "schoolid.invalid")
    {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.credentials = credentials
        self.from = from
        self.trustedCAFile = trustedCAFile
        self.timeout = timeout
        self.clientName = clientName
    }
}
