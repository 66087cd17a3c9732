internal import CSchoolIDOpenSSL

extension P256 {
    /// The uncompressed point d·G (SEC 1 §2.3.3) for a private scalar d.
    ///
    /// EC_GROUP/EC_POINT are the non-deprecated curve arithmetic of OpenSSL 3; they are
    /// needed because `EVP_PKEY_fromdata` does not derive the public key from d.
    /// - Throws: ``CryptoError/invalidKey`` unless 0 < d < n.
    static func publicPoint(for scalar: [UInt8]) throws -> [UInt8] {
        guard let group = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1) else {
            throw CryptoError.openSSL("EC_GROUP_new_by_curve_name")
        }
        defer { EC_GROUP_free(group) }
        let d = try BigNumber.make(scalar)
        defer { BN_clear_free(d) }
        guard let order = EC_GROUP_get0_order(group) else { throw CryptoError.openSSL("EC_GROUP_get0_order") }
        guard BN_is_zero(d) == 0, BN_cmp(d, order) < 0 else {
            throw CryptoError.invalidKey.with("P-256 private scalar out of range")
        }
        guard let point = EC_POINT_new(group) else { throw CryptoError.openSSL("EC_POINT_new") }
        defer { EC_POINT_free(point) }
        guard EC_POINT_mul(group, point, d, nil, nil, nil) == 1 else { throw CryptoError.openSSL("EC_POINT_mul") }
        var encoded = [UInt8](repeating: 0, count: 1 + 2 * coordinateByteCount)
        let written = EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, &encoded, encoded.count, nil)
        guard written == encoded.count else { throw CryptoError.openSSL("EC_POINT_point2oct") }
        return encoded
    }
}
