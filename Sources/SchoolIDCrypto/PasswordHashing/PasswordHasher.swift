public import SchoolIDBase

/// Hashes passwords with scrypt into PHC strings and verifies scrypt and PBKDF2 strings.
///
/// The algorithm and its parameters travel in the stored string, so a policy change is
/// picked up on the next successful login through ``needsRehash(_:)`` (the pattern of
/// ORY Kratos's hasher comparator). Hashing costs tens of milliseconds of CPU at the
/// shipped parameters: callers run it on a bounded blocking pool, never on the
/// cooperative executor.
public struct PasswordHasher: Sendable {
    /// The parameters new hashes use.
    public let parameters: ScryptParameters
    private let random: any RandomSource

    /// Creates a hasher.
    /// - Parameters:
    ///   - parameters: scrypt cost, salt and key length for new hashes.
    ///   - random: where salts come from.
    public init(parameters: ScryptParameters, random: any RandomSource = OpenSSLRandomSource()) {
        self.parameters = parameters
        self.random = random
    }

    /// Hashes `password` with a fresh salt.
    /// - Returns: `$scrypt$ln=…,r=…,p=…$<salt>$<hash>` with unpadded standard base64.
    /// - Throws: ``CryptoError/invalidParameters`` when the parameters are out of range or
    ///   the salt is shorter than 8 bytes or the key shorter than 16.
    public func hash(_ password: [UInt8]) throws -> String {
        guard parameters.saltLength >= 8, parameters.saltLength <= PasswordHash.maximumFieldBytes,
              parameters.keyLength >= 16
        else { throw CryptoError.invalidParameters.with("scrypt salt must be ≥ 8 bytes and key ≥ 16 bytes") }
        let salt = random.bytes(count: parameters.saltLength)
        let key = try Scrypt.deriveKey(password: password, salt: salt, logN: parameters.logN, r: parameters.r,
                                       p: parameters.p, length: parameters.keyLength)
        let algorithm = PasswordHash.Algorithm.scrypt(logN: parameters.logN, r: parameters.r, p: parameters.p)
        return PasswordHash(algorithm: algorithm, salt: salt, hash: key).encoded
    }

    /// Whether `password` matches `encoded`, compared in constant time.
    /// - Parameters:
    ///   - password: the candidate password bytes.
    ///   - encoded: a scrypt PHC string, or a PBKDF2-SHA-256/512 string in PHC or passlib form.
    /// - Returns: `true` only on a match.
    /// - Throws: ``CryptoError/malformedHash`` when `encoded` cannot be parsed or its
    ///   parameters are unusable; ``CryptoError/unsupportedAlgorithm`` for another algorithm.
    public func verify(_ password: [UInt8], against encoded: String) throws -> Bool {
        let stored = try PasswordHash(parsing: encoded)
        let candidate: [UInt8]
        do {
            switch stored.algorithm {
            case .scrypt(let logN, let r, let p):
                candidate = try Scrypt.deriveKey(password: password, salt: stored.salt, logN: logN, r: r, p: p,
                                                 length: stored.hash.count)
            case .pbkdf2(let digest, let iterations):
                candidate = try PBKDF2.deriveKey(password: password, salt: stored.salt, iterations: iterations,
                                                 digest: digest, length: stored.hash.count)
            }
        } catch let error as CryptoError where error == .invalidParameters {
            throw CryptoError.malformedHash.with(error.detail)
        }
        return ConstantTime.equals(candidate, stored.hash)
    }

    /// Whether `encoded` should be replaced by a fresh ``hash(_:)`` after a successful login:
    /// `true` for another algorithm, other scrypt parameters, other salt or key length, or an
    /// unparseable string.
    public func needsRehash(_ encoded: String) -> Bool {
        guard let stored = try? PasswordHash(parsing: encoded),
              case .scrypt(let logN, let r, let p) = stored.algorithm
        else { return true }
        return logN != parameters.logN || r != parameters.r || p != parameters.p
            || stored.salt.count != parameters.saltLength || stored.hash.count != parameters.keyLength
    }
}
