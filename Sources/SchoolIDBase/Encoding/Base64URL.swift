/// Base64url without padding (RFC 4648 §5), as JOSE uses it (RFC 7515 §2).
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let reverse: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = Int8(index) }
        return table
    }()

    /// Encodes `bytes` without padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        append(Array(bytes), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes unpadded base64url strictly.
    ///
    /// Rejects padding, characters outside the URL-safe alphabet, a length of 1 mod 4,
    /// and non-zero trailing bits (so each byte string has exactly one encoding, which
    /// JWS signature comparison relies on).
    /// - Returns: the bytes, or `nil` when `text` is not canonical base64url.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var text = String(text)
        return text.withUTF8 { decode($0) }
    }

    /// Appends the unpadded base64url encoding of `bytes` to `out` (the allocation-free
    /// form the JWS hot path uses).
    public static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
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
    /// Decodes unpadded base64url from raw bytes with the same strict rules as
    /// ``decode(_:)-(StringProtocol)``.
    public static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
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

/// Lower-case hexadecimal.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Encodes `bytes` as lower-case hex.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex (either case; whitespace is not allowed).
    /// - Returns: the bytes, or `nil` for odd length or a non-hex character.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let input = Array(text.utf8)
        guard input.count % 2 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(input.count / 2)
        var index = 0
        while index < input.count {
            guard let high = nibble(input[index]), let low = nibble(input[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
