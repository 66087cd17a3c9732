import Foundation
import SchoolIDBase
import SchoolIDJOSE

/// Everything `schoolid serve` is told: built from defaults, then a JSON config file,
/// then `SCHOOLID_*` environment variables, then command-line flags (each overriding
/// the one before). Decoded strictly: an unknown key or variable value is an error.
public struct ServeConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var data = "./data"
    public var keys = "./keys"
    public var policies = "./policies"
    /// Public base URL behind a proxy, validated and without a trailing `/`
    /// (``validatedIssuer(_:source:)``); `nil` means the URL `serve` listens on
    /// (``ServerApplication/issuer``).
    public var issuer: String?
    public var trustedProxies: [IPAddressRange] = []
    /// When set, `/metrics` answers non-loopback clients presenting this bearer token.
    public var metricsToken: Secret<String>?
    /// Threads of the password-hashing pool.
    public var hashingThreads = ProcessInfo.processInfo.activeProcessorCount + 1
    public var drainSeconds = 10
    /// Epoll reactor threads (one is plenty for most schools).
    public var reactors = 1
    /// PEM certificate chain (leaf first) for HTTPS; set together with ``tlsPrivateKey``.
    public var tlsCertificate: String?
    /// PEM private key of the leaf; must not be readable by group or others.
    public var tlsPrivateKey: String?
    /// The SMS gateway endpoint (JSON POST, see `HTTPSMSChannel`); `nil`: SMS stay pending.
    /// `https`, or plain `http` to a loopback host only (the bearer token travels with it).
    public var smsGatewayURL: URL?
    /// The gateway's bearer token; required with ``smsGatewayURL``.
    public var smsGatewayToken: Secret<String>?
    /// The JSON body posted to the SMS gateway (see `SMSBodyTemplate`).
    public var smsGatewayBodyTemplate = SMSBodyTemplate.standard
    /// Email over SMTP (see `ServeConfiguration+SMTP.swift`); `nil` host: email stays pending.
    public var smtp = SMTPOptions()
    /// Development only: every message goes to `data/outbox.log` and the console instead
    /// of a gateway (see `FileChannel`); needs a loopback ``host`` (``checkDemo()``).
    public var demo = false
    /// Where the access log goes as one file per UTC day, destroyed after
    /// `access_logs_days` (`AccessLogDirectory`); `nil`: standard error with the rest.
    public var accessLogDirectory: String?
    /// Tests only: the SQLite VFS the database is opened through (`SchoolIDTesting.FaultInjectingVFS`
    /// registers one that fails writes on demand); `nil`, the default VFS. Not a setting of `serve`.
    package var sqliteVFS: String?

    /// The defaults.
    public init() {}

    /// The settings each source may carry, with their environment variable names.
    static let keys: [(json: String, env: String)] = [
        ("host", "SCHOOLID_HOST"), ("port", "SCHOOLID_PORT"), ("data", "SCHOOLID_DATA"), ("keys", "SCHOOLID_KEYS"),
        ("policies", "SCHOOLID_POLICIES"), ("issuer", "SCHOOLID_ISSUER"), ("trusted_proxies", "SCHOOLID_TRUSTED_PROXIES"),
        ("metrics_token", "SCHOOLID_METRICS_TOKEN"), ("hashing_threads", "SCHOOLID_HASHING_THREADS"),
        ("drain_seconds", "SCHOOLID_DRAIN_SECONDS"), ("reactors", "SCHOOLID_REACTORS"),
        ("tls_certificate", "SCHOOLID_TLS_CERTIFICATE"), ("tls_private_key", "SCHOOLID_TLS_PRIVATE_KEY"),
        ("sms_gateway_url", "SCHOOLID_SMS_GATEWAY_URL"), ("sms_gateway_token", "SCHOOLID_SMS_GATEWAY_TOKEN"),
        ("sms_gateway_body_template", "SCHOOLID_SMS_GATEWAY_BODY_TEMPLATE"),
        ("smtp_host", "SCHOOLID_SMTP_HOST"), ("smtp_port", "SCHOOLID_SMTP_PORT"),
        ("smtp_security", "SCHOOLID_SMTP_SECURITY"), ("smtp_username", "SCHOOLID_SMTP_USERNAME"),
        ("smtp_password", "SCHOOLID_SMTP_PASSWORD"), ("smtp_from", "SCHOOLID_SMTP_FROM"),
        ("smtp_ca_file", "SCHOOLID_SMTP_CA_FILE"),
        ("demo", "SCHOOLID_DEMO"), ("access_log_dir", "SCHOOLID_ACCESS_LOG_DIR"),
    ]

    /// A configuration error naming its source: `config.json: /port: …` or `SCHOOLID_PORT: …`.
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Applies a JSON config file (`{"port": 8443, "trusted_proxies": ["10.0.0.0/8"]}`).
    /// - Throws: ``Invalid`` for unreadable files, unknown keys and wrong types.
    public mutating func apply(file path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw Invalid(description: "\(path): cannot be read") }
        guard case .object(let members) = try? JSONValue(parsing: Array(data)) else {
            throw Invalid(description: "\(path): is not a strict JSON object")
        }
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            guard Self.keys.contains(where: { $0.json == key }) else { throw Invalid(description: "\(path): /\(key): unknown setting") }
            let text: String
            switch value {
            case .string(let string): text = string
            case .integer(let number): text = String(number)
            case .bool(let flag) where key == "demo": text = String(flag)
            case .array(let items):
                let strings = items.compactMap(\.stringValue)
                guard strings.count == items.count else { throw Invalid(description: "\(path): /\(key): must be a list of strings") }
                text = strings.joined(separator: ",")
            default: throw Invalid(description: "\(path): /\(key): must be a string or a number")
            }
            try set(key, text, source: "\(path): /\(key)")
        }
    }

    /// Applies `SCHOOLID_*` variables from `environment`.
    /// - Throws: ``Invalid`` naming the variable.
    public mutating func apply(environment: [String: String]) throws {
        for (json, env) in Self.keys {
            if let value = environment[env] { try set(json, value, source: env) }
        }
    }

    /// Sets one setting from text (`trusted_proxies` is comma-separated CIDR).
    /// - Throws: ``Invalid`` naming `source`.
    public mutating func set(_ key: String, _ text: String, source: String) throws {
        func number(_ range: ClosedRange<Int>) throws -> Int {
            guard let value = Int(text), range.contains(value) else {
                throw Invalid(description: "\(source): must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        switch key {
        case "host": host = text
        case "port": port = try number(0...65_535)
        case "data": data = text
        case "keys": keys = text
        case "policies": policies = text
        case "issuer": issuer = try Self.validatedIssuer(text, source: source)
        case "trusted_proxies":
            trustedProxies = try text.split(separator: ",").map { item in
                let cidr = item.trimmingCharacters(in: .whitespaces)
                guard let range = IPAddressRange(cidr) else { throw Invalid(description: "\(source): '\(cidr)' is not an address or CIDR range") }
                return range
            }
        case "metrics_token":
            guard text.count >= 16 else { throw Invalid(description: "\(source): a metrics token needs at least 16 characters") }
            metricsToken = Secret(text)
        case "hashing_threads": hashingThreads = try number(1...256)
        case "drain_seconds": drainSeconds = try number(0...600)
        case "reactors": reactors = try number(1...64)
        case "tls_certificate": tlsCertificate = text
        case "tls_private_key": tlsPrivateKey = text
        case "access_log_dir":
            guard !text.isEmpty else { throw Invalid(description: "\(source): must name a directory") }
            accessLogDirectory = text
        case "sms_gateway_url": smsGatewayURL = try Self.gatewayURL(text, source: source)
        case "sms_gateway_token":
            guard !text.isEmpty, !text.contains(where: { $0.isWhitespace || $0.isNewline }) else {
                throw Invalid(description: "\(source): must be a token without spaces")
            }
            smsGatewayToken = Secret(text)
        case "sms_gateway_body_template":
            do {
                smsGatewayBodyTemplate = try SMSBodyTemplate(text)
            } catch {
                throw Invalid(description: "\(source): \(error)")
            }
        case let key where key.hasPrefix("smtp_"): try smtp.set(key, text, source: source)
        case "demo":
            switch text.lowercased() {
            case "1", "true": demo = true
            case "0", "false", "": demo = false
            default: throw Invalid(description: "\(source): must be 1 or 0 (true or false)")
            }
        default: throw Invalid(description: "\(source): unknown setting")
        }
    }

    /// The SMS gateway's URL and token, or `nil` when no gateway is configured.
    /// - Throws: ``Invalid`` when only one of the two is set.
    public func smsGateway() throws -> (url: URL, token: Secret<String>)? {
        switch (smsGatewayURL, smsGatewayToken) {
        case (nil, nil): return nil
        case (let url?, let token?): return (url, token)
        case (nil, _?): throw Invalid(description: "sms_gateway_token: set sms_gateway_url too")
        case (_?, nil): throw Invalid(description: "sms_gateway_url: set sms_gateway_token too")
        }
    }

    /// Parses a gateway URL: absolute `https`, or `http` to a loopback host (tests, a
    /// local relay); never credentials in the URL.
    static func gatewayURL(_ text: String, source: String) throws -> URL {
        guard let components = URLComponents(string: text), let url = components.url,
              let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty,
              components.user == nil, components.password == nil else {
            throw Invalid(description: "\(source): '\(text)' is not an absolute http(s) URL")
        }
        let loopback = ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host.lowercased())
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw Invalid(description: "\(source): must be https (plain http only to a loopback host)")
        }
        return url
    }

    /// The SQLite database file inside the data directory.
    public var databaseFile: String { data + "/schoolid.sqlite" }
}
