internal import CSchoolIDOpenSSL

/// Conversions between unsigned big-endian bytes and `BIGNUM`.
enum BigNumber {
    /// A new `BIGNUM` from unsigned big-endian `bytes`; the caller frees it (`BN_clear_free`).
    static func make(_ bytes: [UInt8]) throws -> OpaquePointer {
        let value = bytes.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), nil) }
        guard let value else { throw CryptoError.openSSL("BN_bin2bn") }
        return value
    }

    /// The unsigned big-endian bytes of `value`: minimal (no leading zero; zero is `[]`),
    /// or left-padded to `width`, or `nil` when it does not fit in `width`.
    static func bytes(of value: OpaquePointer, padTo width: Int? = nil) -> [UInt8]? {
        let count = Int(csid_openssl_bn_num_bytes(value))
        if let width {
            guard count <= width else { return nil }
            var out = [UInt8](repeating: 0, count: width)
            guard BN_bn2binpad(value, &out, Int32(width)) == Int32(width) else { return nil }
            return out
        }
        var out = [UInt8](repeating: 0, count: count)
        _ = BN_bn2bin(value, &out)
        return out
    }
}
