import SchoolIDJOSE

/// Why ``Verifier``, ``ReceiptVerifier`` or ``LedgerMonitor`` rejected a token, receipt or
/// checkpoint, or could not obtain what it needed to check it.
///
/// An evolvable public error (STYLE §3.2): a struct whose ``code`` is itself a struct of
/// static members, so that SchoolID can add reasons without breaking the services that
/// link this library. Two errors are equal when their codes are equal, so callers and
/// tests compare against the static members: `#expect(throws: VerificationError.expired)`.
///
/// ``description`` is safe to log: it never holds token bytes, key material or claim values.
public struct VerificationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The reason, comparable and switchable through its static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// Not a JWS compact serialization, or a header or claim of the wrong JSON shape.
        public static let malformed = Code("malformed")
        /// `alg` is off the configured allow-list (`none`, `HS256`, …), RFC 8725 §3.1.
        public static let unsupportedAlgorithm = Code("unsupported_algorithm")
        /// `alg` names an allowed algorithm that is not the one of the key `kid` selects.
        public static let algorithmMismatch = Code("algorithm_mismatch")
        /// No `kid`, or a `kid` absent from the issuer's JWKS even after one refetch.
        public static let unknownKey = Code("unknown_key")
        /// The signature does not verify with the selected key.
        public static let badSignature = Code("bad_signature")
        /// `typ` is not the one this kind of token carries (RFC 8725 §3.11, RFC 9068 §4).
        public static let wrongType = Code("wrong_type")
        /// `iss` is not the configured issuer (RFC 7519 §4.1.1).
        public static let wrongIssuer = Code("wrong_issuer")
        /// `aud` does not contain the configured audience (RFC 7519 §4.1.3).
        public static let wrongAudience = Code("wrong_audience")
        /// `exp` has passed, leeway included (RFC 7519 §4.1.4).
        public static let expired = Code("expired")
        /// `nbf` lies in the future, leeway included (RFC 7519 §4.1.5).
        public static let notYetValid = Code("not_yet_valid")
        /// `iat` lies in the future, leeway included (RFC 7519 §4.1.6).
        public static let issuedInFuture = Code("issued_in_future")
        /// A claim the token kind requires is absent (RFC 9068 §2.2, OIDC Core §2).
        public static let missingClaim = Code("missing_claim")
        /// A claim is present but its value breaks the token format (a `relation` off the
        /// list, an `act` whose relation is not `guardian`/`trusted`, …).
        public static let invalidClaim = Code("invalid_claim")
        /// The ID token's `nonce` differs from the one the relying party sent (OIDC Core §3.1.3.7).
        public static let nonceMismatch = Code("nonce_mismatch")
        /// The discovery document could not be fetched or is wrong (its `issuer` differs
        /// from the configured one, OIDC Discovery §4.3; no `jwks_uri`).
        public static let discoveryFailed = Code("discovery_failed")
        /// The JWKS could not be fetched or parsed.
        public static let jwksUnavailable = Code("jwks_unavailable")
        /// A URL is neither `https` nor `http` to a loopback host, so it is never fetched.
        public static let insecureURL = Code("insecure_url")
        /// A receipt's `iat` lies outside the active period `[active_from, retired_at)` of
        /// the ack key that signed it, or that key was never activated.
        public static let keyNotActive = Code("key_not_active")
        /// The document's SHA-256 differs from the receipt's `digest`.
        public static let documentMismatch = Code("document_mismatch")
        /// The inclusion proof does not place the receipt in the checkpoint's tree: its
        /// `leaf_index` is not the receipt's `ledger_index`, its `tree_size` is not the
        /// checkpoint's, or the audit path does not lead to the root (RFC 9162 §2.1.3.2).
        public static let notIncluded = Code("not_included")
        /// A checkpoint of the held tree size with another root, or a bigger one whose
        /// consistency proof from the held checkpoint fails (RFC 9162 §2.1.4.2): history
        /// was rewritten.
        public static let checkpointInconsistent = Code("checkpoint_inconsistent")
        /// A checkpoint of a smaller tree than the one held: the ledger never shrinks.
        public static let checkpointRollback = Code("checkpoint_rollback")
        /// The issuer's checkpoint or consistency proof could not be fetched or parsed.
        public static let ledgerUnavailable = Code("ledger_unavailable")

        public var description: String { name }
    }

    /// The reason.
    public let code: Code
    /// Safe, human-readable detail for operators; never part of equality.
    public let detail: String?

    /// Creates an error.
    /// - Parameters:
    ///   - code: the reason.
    ///   - detail: safe text (no token bytes, keys or claim values).
    public init(_ code: Code, detail: String? = nil) {
        self.code = code
        self.detail = detail
    }

    public static func == (lhs: VerificationError, rhs: VerificationError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String { detail.map { "\(code): \($0)" } ?? code.description }

    /// See ``Code/malformed``.
    public static let malformed = VerificationError(Code.malformed)
    /// See ``Code/unsupportedAlgorithm``.
    public static let unsupportedAlgorithm = VerificationError(Code.unsupportedAlgorithm)
    /// See ``Code/algorithmMismatch``.
    public static let algorithmMismatch = VerificationError(Code.algorithmMismatch)
    /// See ``Code/unknownKey``.
    public static let unknownKey = VerificationError(Code.unknownKey)
    /// See ``Code/badSignature``.
    public static let badSignature = VerificationError(Code.badSignature)
    /// See ``Code/wrongType``.
    public static let wrongType = VerificationError(Code.wrongType)
    /// See ``Code/wrongIssuer``.
    public static let wrongIssuer = VerificationError(Code.wrongIssuer)
    /// See ``Code/wrongAudience``.
    public static let wrongAudience = VerificationError(Code.wrongAudience)
    /// See ``Code/expired``.
    public static let expired = VerificationError(Code.expired)
    /// See ``Code/notYetValid``.
    public static let notYetValid = VerificationError(Code.notYetValid)
    /// See ``Code/issuedInFuture``.
    public static let issuedInFuture = VerificationError(Code.issuedInFuture)
    /// See ``Code/missingClaim``.
    public static let missingClaim = VerificationError(Code.missingClaim)
    /// See ``Code/invalidClaim``.
    public static let invalidClaim = VerificationError(Code.invalidClaim)
    /// See ``Code/nonceMismatch``.
    public static let nonceMismatch = VerificationError(Code.nonceMismatch)
    /// See ``Code/discoveryFailed``.
    public static let discoveryFailed = VerificationError(Code.discoveryFailed)
    /// See ``Code/jwksUnavailable``.
    public static let jwksUnavailable = VerificationError(Code.jwksUnavailable)
    /// See ``Code/insecureURL``.
    public static let insecureURL = VerificationError(Code.insecureURL)
    /// See ``Code/keyNotActive``.
    public static let keyNotActive = VerificationError(Code.keyNotActive)
    /// See ``Code/documentMismatch``.
    public static let documentMismatch = VerificationError(Code.documentMismatch)
    /// See ``Code/notIncluded``.
    public static let notIncluded = VerificationError(Code.notIncluded)
    /// See ``Code/checkpointInconsistent``.
    public static let checkpointInconsistent = VerificationError(Code.checkpointInconsistent)
    /// See ``Code/checkpointRollback``.
    public static let checkpointRollback = VerificationError(Code.checkpointRollback)
    /// See ``Code/ledgerUnavailable``.
    public static let ledgerUnavailable = VerificationError(Code.ledgerUnavailable)
}

extension VerificationError {
    /// The verifier's reason for a JOSE-layer rejection.
    init(jose error: JOSEError) {
        switch error {
        case .unsupportedAlgorithm: self = .unsupportedAlgorithm
        case .algorithmMismatch: self = .algorithmMismatch
        case .unknownKeyID: self = .unknownKey
        case .invalidSignature: self = .badSignature
        case .wrongType: self = .wrongType
        case .wrongIssuer: self = .wrongIssuer
        case .wrongAudience: self = .wrongAudience
        case .expired: self = .expired
        case .notYetValid: self = .notYetValid
        case .issuedInFuture: self = .issuedInFuture
        case .missingClaim: self = .missingClaim
        default: self = VerificationError(.malformed, detail: error.description)
        }
    }
}
