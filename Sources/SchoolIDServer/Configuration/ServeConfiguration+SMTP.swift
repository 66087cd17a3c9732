import Foundation
import SchoolIDBase
import SchoolIDCore

/// The `smtp_*` settings as given, before ``ServeConfiguration/smtpSettings()`` checks
/// that they fit together.
public struct SMTPOptions: Sendable {
    /// The relay; `nil`: no email delivery (email messages stay pending).
    public var host: String?
    /// `nil`: the security mode's default (587, 465 or 25).
    public var port: Int?
    public var security = SMTPSecurity.startTLS
    public var username: String?
    public var password: Secret<String>?
    public var from: Email?
    /// Trust anchors (PEM) for the relay's certificate; `nil`: the system's.
    public var caFile: String?

    public init() {}

    /// Sets one `smtp_*` key from text.
    /// - Throws: ``ServeConfiguration/Invalid`` naming `source`.
    mutating func set(_ key: String, _ text: String, source: String) throws {
        typealias Invalid = ServeConfiguration.Invalid
        switch key {
        case "smtp_host":
            guard !text.isEmpty, !text.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "@" }) else {
                throw Invalid(description: "\(source): must be a host name or address")
            }
            host = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        case "smtp_port":
            guard let value = Int(text), (1...65_535).contains(value) else {
                throw Invalid(description: "\(source): must be a whole number from 1 to 65535")
            }
            port = value
        case "smtp_security":
            guard let value = SMTPSecurity(rawValue: text.lowercased()) else {
                throw Invalid(description: "\(source): must be starttls, tls or none")
            }
            security = value
        case "smtp_username":
            guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                throw Invalid(description: "\(source): must be a non-empty user name without control characters")
            }
            username = text
        case "smtp_password":
            guard !text.isEmpty, !text.unicodeScalars.contains(where: { $0.value == 0 }) else {
                throw Invalid(description: "\(source): must be a non-empty password without NUL")
            }
            password = Secret(text)
        case "smtp_from":
            guard let email = try? Email(parsing: text) else {
                throw Invalid(description: "\(source): is not an email address")
            }
            from = email
        case "smtp_ca_file": caFile = text
        default: throw Invalid(description: "\(source): unknown setting")
        }
    }
}

extension ServeConfiguration {
    /// The SMTP relay's settings, or `nil` when `smtp_host` is not set.
    ///
    /// Rules: `smtp_from` is required with `smtp_host`; `smtp_username` and
    /// `smtp_password` go together; `none` security only to a loopback address literal
    /// (the message and any credentials would cross the network in clear), and never with
    /// credentials (AUTH PLAIN only inside TLS).
    /// - Throws: ``Invalid`` naming the key.
    public func smtpSettings() throws -> SMTPSettings? {
        guard let host = smtp.host else {
            let stray = [("smtp_from", smtp.from != nil), ("smtp_username", smtp.username != nil),
                         ("smtp_password", smtp.password != nil), ("smtp_port", smtp.port != nil),
                         ("smtp_ca_file", smtp.caFile != nil)].first { $0.1 }
            if let stray { throw Invalid(description: "\(stray.0): set smtp_host too") }
            return nil
        }
        guard let from = smtp.from else { throw Invalid(description: "smtp_from: required with smtp_host") }
        var credentials: (username: String, password: Secret<String>)?
        switch (smtp.username, smtp.password) {
        case (nil, nil): credentials = nil
        case (let username?, let password?): credentials = (username, password)
        case (nil, _?): throw Invalid(description: "smtp_password: set smtp_username too")
        case (_?, nil): throw Invalid(description: "smtp_username: set smtp_password too")
        }
        if smtp.security == .none {
            guard Self.isLoopback(host) else {
                throw Invalid(description: "smtp_security: none (no TLS) only to a loopback relay (127.0.0.0/8 or ::1), not \(host)")
            }
            guard credentials == nil else {
                throw Invalid(description: "smtp_username: AUTH is sent only over TLS; use smtp_security starttls or tls")
            }
        }
        if let caFile = smtp.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw Invalid(description: "smtp_ca_file: \(caFile) cannot be read")
        }
        return SMTPSettings(host: host, port: smtp.port, security: smtp.security, credentials: credentials, from: from,
                            trustedCAFile: smtp.caFile)
    }
}
