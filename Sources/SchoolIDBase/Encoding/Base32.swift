/// Base32 (RFC 4648 §6), as authenticator apps expect TOTP secrets (Key Uri Format).
///
/// Encoding is upper-case without the `=` padding; decoding is tolerant of what people
/// type or paste: lower case, spaces, hyphens and trailing padding are accepted.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
    private static let reverse: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() {
            table[Int(byte)] = Int8(index)
            // Lower-case letters decode like upper-case ones.
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { table[Int(byte | 0x20)] = Int8(index) }
        }
        return table
    }()

    /// Encodes `bytes` as upper-case base32 without padding (RFC 4648 §6).
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 8 + 4) / 5)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            accumulator = accumulator << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[Int(accumulator >> UInt32(bits) & 31)])
            }
            accumulator &= (1 << UInt32(bits)) - 1
        }
        if bits > 0 { out.append(alphabet[Int(accumulator << UInt32(5 - bits) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base32, ignoring case, spaces, hyphens and trailing `=` padding.
    ///
    /// RFC 4648 §6: a final quantum leaves 2, 4, 5 or 7 characters; other remainders
    /// (1, 3 or 6 characters) cannot come from any byte string and are refused.
    /// - Returns: the bytes, or `nil` for a character outside the alphabet, padding
    ///   before the end, or an impossible length.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var out = [UInt8]()
        var accumulator: UInt32 = 0
        var bits = 0
        var symbols = 0
        var padding = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") { continue }
            if byte == UInt8(ascii: "=") { padding = true; continue }
            let value = reverse[Int(byte)]
            if value < 0 || padding { return nil }
            accumulator = (accumulator << 5 | UInt32(value)) & 0xFFFF
            bits += 5
            symbols += 1
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        guard [0, 2, 4, 5, 7].contains(symbols % 8) else { return nil }
        return out
    }
}
