/// The base64 variants of password hash strings, both unpadded and strict.
///
/// PHC strings use the standard alphabet without `=` (PHC string format, "B64");
/// passlib's "ab64" uses `.` in place of `+`.
enum PHCBase64 {
    enum Variant {
        case standard
        case passlib

        var alphabet: [UInt8] {
            switch self {
            case .standard: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
            case .passlib: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789./".utf8)
            }
        }
    }

    /// Encodes without padding.
    static func encode(_ bytes: [UInt8], _ variant: Variant = .standard) -> String {
        let alphabet = variant.alphabet
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let word = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0...chunk.count { out.append(alphabet[Int(word >> (18 - 6 * UInt32(position)) & 63)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes unpadded text; `nil` for padding, foreign characters, a length of 1 mod 4
    /// or non-zero trailing bits.
    static func decode(_ text: Substring, _ variant: Variant = .standard) -> [UInt8]? {
        var reverse = [Int8](repeating: -1, count: 256)
        for (index, byte) in variant.alphabet.enumerated() { reverse[Int(byte)] = Int8(index) }
        let input = Array(text.utf8)
        guard input.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in input {
            let value = reverse[Int(byte)]
            guard value >= 0 else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        guard bits == 0 || accumulator & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return out
    }
}
