/// A parsed password hash string.
///
/// Accepted forms:
/// - `$scrypt$ln=<logN>,r=<r>,p=<p>$<B64 salt>$<B64 hash>` (PHC string format; passlib writes the same)
/// - `$pbkdf2-sha256$i=<iterations>[,l=<length>]$<B64 salt>$<B64 hash>` and `$pbkdf2-sha512$…` (PHC)
/// - `$pbkdf2-sha256$<iterations>$<ab64 salt>$<ab64 hash>` and `$pbkdf2-sha512$…` (passlib)
struct PasswordHash: Equatable {
    enum Algorithm: Equatable {
        case scrypt(logN: Int, r: Int, p: Int)
        case pbkdf2(PBKDF2.Digest, iterations: Int)
    }

    let algorithm: Algorithm
    let salt: [UInt8]
    let hash: [UInt8]

    /// Longest accepted salt or hash, in bytes.
    static let maximumFieldBytes = 1024

    /// Parses `encoded`.
    /// - Throws: ``CryptoError/malformedHash`` when it is not one of the accepted forms;
    ///   ``CryptoError/unsupportedAlgorithm`` for a well-formed string of another algorithm.
    init(parsing encoded: String) throws {
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count >= 3, fields[0].isEmpty, Self.isIdentifier(fields[1]) else { throw CryptoError.malformedHash }
        guard ["scrypt", "pbkdf2-sha256", "pbkdf2-sha512"].contains(fields[1]) else {
            throw CryptoError.unsupportedAlgorithm.with("password hash algorithm \(fields[1])")
        }
        guard fields.count == 5 else { throw CryptoError.malformedHash }
        switch fields[1] {
        case "scrypt":
            let values = try Self.parameters(fields[2], names: ["ln", "r", "p"], optional: [])
            algorithm = .scrypt(logN: values["ln"]!, r: values["r"]!, p: values["p"]!)
            (salt, hash) = try Self.saltAndHash(fields[3], fields[4], .standard)
        case "pbkdf2-sha256", "pbkdf2-sha512":
            let digest: PBKDF2.Digest = fields[1] == "pbkdf2-sha256" ? .sha256 : .sha512
            if let iterations = Self.decimal(fields[2]) {  // passlib
                algorithm = .pbkdf2(digest, iterations: iterations)
                (salt, hash) = try Self.saltAndHash(fields[3], fields[4], .passlib)
            } else {
                let values = try Self.parameters(fields[2], names: ["i"], optional: ["l"])
                algorithm = .pbkdf2(digest, iterations: values["i"]!)
                (salt, hash) = try Self.saltAndHash(fields[3], fields[4], .standard)
                if let length = values["l"], length != hash.count { throw CryptoError.malformedHash }
            }
        default:
            throw CryptoError.malformedHash
        }
    }

    init(algorithm: Algorithm, salt: [UInt8], hash: [UInt8]) {
        self.algorithm = algorithm
        self.salt = salt
        self.hash = hash
    }

    /// The PHC string form.
    var encoded: String {
        switch algorithm {
        case .scrypt(let logN, let r, let p):
            "$scrypt$ln=\(logN),r=\(r),p=\(p)$\(PHCBase64.encode(salt))$\(PHCBase64.encode(hash))"
        case .pbkdf2(let digest, let iterations):
            "$pbkdf2-\(digest.rawValue)$i=\(iterations),l=\(hash.count)$\(PHCBase64.encode(salt))$\(PHCBase64.encode(hash))"
        }
    }

    /// A PHC algorithm identifier: `[a-z0-9-]{1,32}`.
    private static func isIdentifier(_ text: Substring) -> Bool {
        (1...32).contains(text.utf8.count)
            && text.utf8.allSatisfy { $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// `name=value` pairs, comma-separated, each name once; `names` are required, in that order,
    /// followed by any of `optional`.
    private static func parameters(_ text: Substring, names: [String], optional: [String]) throws -> [String: Int] {
        var values: [String: Int] = [:]
        let pairs = text.split(separator: ",", omittingEmptySubsequences: false)
        guard pairs.count >= names.count, pairs.count <= names.count + optional.count else { throw CryptoError.malformedHash }
        for (index, pair) in pairs.enumerated() {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let value = decimal(parts[1]) else { throw CryptoError.malformedHash }
            let name = String(parts[0])
            let allowed = index < names.count ? name == names[index] : optional.contains(name)
            guard allowed, values[name] == nil else { throw CryptoError.malformedHash }
            values[name] = value
        }
        return values
    }

    /// A positive decimal without sign, leading zeros or more than nine digits.
    private static func decimal(_ text: Substring) -> Int? {
        guard (1...9).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              text.utf8.first != 0x30, let value = Int(text)
        else { return nil }
        return value
    }

    private static func saltAndHash(_ salt: Substring, _ hash: Substring,
                                    _ variant: PHCBase64.Variant) throws -> ([UInt8], [UInt8]) {
        guard let saltBytes = PHCBase64.decode(salt, variant), let hashBytes = PHCBase64.decode(hash, variant),
              (1...maximumFieldBytes).contains(saltBytes.count), (1...maximumFieldBytes).contains(hashBytes.count)
        else { throw CryptoError.malformedHash }
        return (saltBytes, hashBytes)
    }
}
