import SchoolIDJOSE
/// `tokens.json`: token lifetimes, signing algorithms and key rotation timing.
///
/// Access tokens live 5 minutes, which bounds revocation latency for diary services
/// that verify offline (DESIGN "Tokens and protocols"). Authorization codes live at
/// most 10 minutes (ASVS 5.0 V10.4.3; RFC 6749 §4.1.2). Refresh tokens have an idle and
/// an absolute lifetime (ASVS 5.0 V10.4.8).
public struct TokenPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "tokens.json"

    /// Default signing algorithm per purpose.
    public struct DefaultAlgorithms: Hashable, Sendable {
        /// Access tokens (RFC 9068).
        public let accessToken: JWSAlgorithm
        /// ID tokens (OIDC Core).
        public let idToken: JWSAlgorithm
        /// Acknowledgement receipts (keys `ack/*`: ES256 or EdDSA only).
        public let acknowledgement: JWSAlgorithm
    }

    /// The default of ``maxStudentsPerToken`` when the file leaves it out.
    public static let defaultMaxStudentsPerToken = 10
    /// The longest access-token lifetime the file may set: 15 minutes (issue 9), since
    /// it is also the revocation latency of every offline verifier.
    public static let maximumAccessTokenSeconds: Int64 = 900

    /// Access token lifetime, seconds (60–900).
    public let accessTokenSeconds: Int64
    /// The most students one access token's `students` claim lists (1–50, default 10);
    /// a person who may see more gets the first ones by id, and a diary service asks for
    /// a per-child token (token exchange) for the others. Keeps every token under 4 KB.
    public let maxStudentsPerToken: Int
    /// ID token lifetime, seconds.
    public let idTokenSeconds: Int64
    /// A refresh token unused this long expires, seconds.
    public let refreshTokenIdleSeconds: Int64
    /// A refresh token family expires this long after the login, whatever its use, seconds.
    public let refreshTokenAbsoluteSeconds: Int64
    /// Authorization code lifetime, seconds.
    public let authorizationCodeSeconds: Int64
    /// Algorithms a client may be configured with.
    public let allowedAlgorithms: [JWSAlgorithm]
    /// Defaults per purpose.
    public let defaultAlgorithms: DefaultAlgorithms
    /// JWKS `Cache-Control: max-age`, seconds; `keys rotate` refuses while the next
    /// key is younger than this, so every verifier has seen it before it signs.
    public let jwksMaxAgeSeconds: Int64
    /// How long a retired token key stays in the JWKS, seconds; at least the longest
    /// token lifetime, so no verifier meets an unknown `kid`.
    public let retiredTokenKeyRetentionSeconds: Int64
    /// How long a client's previous secret keeps working after `rotate-secret`, seconds
    /// (0–7 days), so a diary service can deploy the new one without downtime.
    public let clientSecretGraceSeconds: Int64

    /// Whether a client may be configured with `algorithm`.
    public func allows(_ algorithm: JWSAlgorithm) -> Bool { allowedAlgorithms.contains(algorithm) }
}

extension TokenPolicy {
    /// Decodes and validates `tokens.json`.
    /// - Throws: `PolicyError` naming the member and the rule.
    init(_ value: JSONValue) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        accessTokenSeconds = try root.integer("access_token_seconds", in: 60...Self.maximumAccessTokenSeconds)
        maxStudentsPerToken = root.has("max_students_per_token")
            ? try root.int("max_students_per_token", in: 1...50) : Self.defaultMaxStudentsPerToken
        idTokenSeconds = try root.integer("id_token_seconds", in: 60...3_600)
        refreshTokenIdleSeconds = try root.integer("refresh_token_idle_seconds", in: 3_600...31_536_000)
        refreshTokenAbsoluteSeconds = try root.integer("refresh_token_absolute_seconds", in: 3_600...31_536_000)
        if refreshTokenAbsoluteSeconds < refreshTokenIdleSeconds {
            throw root.error("refresh_token_absolute_seconds", "must not be less than refresh_token_idle_seconds")
        }
        authorizationCodeSeconds = try root.integer("authorization_code_seconds", in: 10...600)
        let algorithms = try root.object("algorithms")
        allowedAlgorithms = try Self.readAllowed(algorithms)
        let defaults = try algorithms.object("default")
        let all = JWSAlgorithm.allCases
        defaultAlgorithms = DefaultAlgorithms(
            accessToken: try defaults.choice("access_token", JWSAlgorithm.self, among: all),
            idToken: try defaults.choice("id_token", JWSAlgorithm.self, among: all),
            acknowledgement: try defaults.choice("acknowledgement", JWSAlgorithm.self, among: [.ES256, .EdDSA]))
        for (key, algorithm) in [("access_token", defaultAlgorithms.accessToken), ("id_token", defaultAlgorithms.idToken)]
        where !allowedAlgorithms.contains(algorithm) {
            throw defaults.error(key, "must be one of the allowed algorithms")
        }
        try defaults.finish()
        try algorithms.finish()
        jwksMaxAgeSeconds = try root.integer("jwks_max_age_seconds", in: 60...86_400)
        retiredTokenKeyRetentionSeconds = try root.integer("retired_token_key_retention_seconds", in: 60...31_536_000)
        if retiredTokenKeyRetentionSeconds < max(accessTokenSeconds, idTokenSeconds) {
            throw root.error("retired_token_key_retention_seconds", "must be at least the longest token lifetime")
        }
        clientSecretGraceSeconds = try root.integer("client_secret_grace_seconds", in: 0...604_800)
        try root.finish()
    }

    private static func readAllowed(_ reader: PolicyReader) throws(PolicyError) -> [JWSAlgorithm] {
        var result: [JWSAlgorithm] = []
        for (pointer, name) in try reader.strings("allowed") {
            guard let algorithm = JWSAlgorithm(rawValue: name) else {
                throw PolicyError(file: reader.file, pointer: pointer, rule: "must be one of \"ES256\", \"EdDSA\", \"RS256\"")
            }
            guard !result.contains(algorithm) else {
                throw PolicyError(file: reader.file, pointer: pointer, rule: "repeats \(name)")
            }
            result.append(algorithm)
        }
        guard result.contains(.RS256) else {
            throw reader.error("allowed", "must include RS256 (OIDC Discovery §3 requires it for ID tokens)")
        }
        return result
    }
}
