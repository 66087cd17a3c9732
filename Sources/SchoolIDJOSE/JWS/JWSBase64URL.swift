/// Byte-level unpadded base64url (RFC 4648 §5, RFC 7515 §2) for the JWS hot path.
///
/// Same strict rules as `SchoolIDBase.Base64URL` (no padding, URL-safe alphabet only, no
/// length of 1 mod 4, zero trailing bits, so each byte string has exactly one encoding),
/// but over contiguous bytes without `String` round trips or generic iteration, which made
/// base64url a visible share of full-JWT signing.
enum JWSBase64URL {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let reverse: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    /// Appends the base64url encoding of `bytes` to `out`.
    static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        out.reserveCapacity(out.count + (bytes.count * 4 + 2) / 3)
        alphabet.withUnsafeBufferPointer { table in
            bytes.withUnsafeBufferPointer { input in
                var index = 0
                while index + 3 <= input.count {
                    let word = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                    out.append(table[Int(word >> 18 & 63)])
                    out.append(table[Int(word >> 12 & 63)])
                    out.append(table[Int(word >> 6 & 63)])
                    out.append(table[Int(word & 63)])
                    index += 3
                }
                let remaining = input.count - index
                guard remaining > 0 else { return }
                let second = remaining == 2 ? UInt32(input[index + 1]) : 0
                let word = UInt32(input[index]) << 16 | second << 8
                out.append(table[Int(word >> 18 & 63)])
                out.append(table[Int(word >> 12 & 63)])
                if remaining == 2 { out.append(table[Int(word >> 6 & 63)]) }
            }
        }
    }

    /// Decodes `text` strictly.
    /// - Returns: the bytes, or `nil` when `text` is not canonical unpadded base64url.
    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        if text.count % 4 == 1 { return nil }
        return reverse.withUnsafeBufferPointer { table -> [UInt8]? in
            var out = [UInt8]()
            out.reserveCapacity(text.count * 3 / 4)
            var accumulator: UInt32 = 0
            var bits = 0
            for byte in text {
                let value = table[Int(byte)]
                if value < 0 { return nil }
                accumulator = accumulator << 6 | UInt32(value)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                }
            }
            if bits > 0 && accumulator & ((1 << UInt32(bits)) - 1) != 0 { return nil }
            return out
        }
    }
}
