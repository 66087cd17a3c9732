/// A QR Code symbol (ISO/IEC 18004:2015) holding bytes in byte mode: what SchoolID shows
/// beside a TOTP secret so that an authenticator app can scan its `otpauth://` URI.
///
/// Not cryptography: the encoder is written here because SchoolID uses no packages.
/// It follows the encode procedure of §7.1: byte-mode data (§7.4.5) in the smallest
/// version 1…40 that holds it at the chosen level (Table 7), Reed–Solomon error
/// correction per block (§7.5, Table 9), interleaving (§7.6), placement (§7.7), the
/// mask with the lowest penalty (§7.8), format information (§7.9) and version
/// information (§7.10). The split files are `QRCode+Tables.swift` (Table 9, Annex E),
/// `QRCode+ReedSolomon.swift`, `QRCode+Placement.swift`, `QRCode+Mask.swift` and
/// `QRCode+Rendering.swift` (SVG and PGM).
public struct QRCode: Sendable {
    /// The error correction level (§6.5 / §7.5.1): roughly 7 % (L), 15 % (M), 25 % (Q)
    /// or 30 % (H) of the codewords can be restored.
    public enum Correction: Sendable, CaseIterable, Hashable {
        case low, medium, quartile, high

        /// The two bits this level contributes to the format information (§7.9.1, Table 12):
        /// L = 01, M = 00, Q = 11, H = 10.
        var formatBits: Int {
            switch self {
            case .low: 0b01
            case .medium: 0b00
            case .quartile: 0b11
            case .high: 0b10
            }
        }

        /// The row of this level in the tables of `QRCode+Tables.swift`.
        var tableRow: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .quartile: 2
            case .high: 3
            }
        }
    }

    /// Why bytes cannot be encoded.
    public enum Error: Swift.Error, Hashable, Sendable {
        /// The data does not fit in version 40 at the chosen level (Table 7: at most 2953
        /// bytes at L, 2331 at M, 1663 at Q, 1273 at H).
        case tooLong
    }

    /// The version, 1…40 (§6.3.1).
    public let version: Int
    /// The error correction level.
    public let correction: Correction
    /// The data mask pattern reference 0…7 chosen by the penalty rules (§7.8.2).
    public private(set) var mask: Int
    /// The number of modules on a side: 4 × version + 17 (§6.3.1).
    public let size: Int
    /// Row-major: `modules[y * size + x]`, `true` for dark.
    var modules: [Bool]
    /// Which modules are function patterns (not data), row-major like `modules`.
    var isFunction: [Bool]

    /// Whether the module in column `x`, row `y` is dark; (0, 0) is the top-left corner.
    /// - Precondition: `0 <= x, y < size`.
    public subscript(x: Int, y: Int) -> Bool {
        precondition(x >= 0 && x < size && y >= 0 && y < size, "module outside the symbol")
        return modules[y * size + x]
    }

    /// Encodes `bytes` in byte mode in the smallest version that holds them at `correction`.
    /// - Parameters:
    ///   - bytes: the data, for example the UTF-8 of a URI. Byte mode carries bytes as they
    ///     are; readers of UTF-8 URIs (authenticator apps, zbar) recognise the encoding.
    ///   - correction: the error correction level.
    /// - Throws: ``Error/tooLong`` when even version 40 cannot hold the data.
    public init(encoding bytes: [UInt8], correction: Correction = .medium) throws(QRCode.Error) {
        guard let version = Self.smallestVersion(for: bytes.count, correction: correction) else { throw .tooLong }
        let data = Self.dataCodewords(bytes, version: version, correction: correction)
        let codewords = Self.interleavedCodewords(data, version: version, correction: correction)
        self.version = version
        self.correction = correction
        size = version * 4 + 17
        modules = Array(repeating: false, count: size * size)
        isFunction = Array(repeating: false, count: size * size)
        mask = 0
        drawFunctionPatterns()
        place(codewords)
        let chosen = chooseMask()
        apply(mask: chosen)
        drawFormatInformation(mask: chosen)
        mask = chosen
    }

    /// The smallest version whose data capacity (Table 7) holds `count` bytes in byte mode.
    static func smallestVersion(for count: Int, correction: Correction) -> Int? {
        (1...40).first { version in
            let bits = 4 + countIndicatorBits(version: version) + 8 * count
            return count < 1 << countIndicatorBits(version: version)
                && bits <= dataCodewordCount(version: version, correction: correction) * 8
        }
    }

    /// The length of the byte-mode character count indicator (§7.4.1, Table 3): 8 bits in
    /// versions 1…9, 16 bits in versions 10…40.
    static func countIndicatorBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// The data codewords (§7.4): mode indicator 0100 (§7.4.2, Table 2), the character
    /// count, the bytes, a terminator of up to four 0 bits (§7.4.9), 0 bits to the next
    /// codeword boundary and the pad codewords 11101100 and 00010001 in turn (§7.4.10).
    static func dataCodewords(_ bytes: [UInt8], version: Int, correction: Correction) -> [UInt8] {
        let capacity = dataCodewordCount(version: version, correction: correction) * 8
        var bits = BitWriter()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: countIndicatorBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count * 8 < capacity {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }
}

/// Bits appended most significant first, read back as whole bytes.
struct BitWriter {
    private(set) var bits: [Bool] = []

    var count: Int { bits.count }

    /// Appends the low `count` bits of `value`, most significant first.
    mutating func append(_ value: Int, count: Int) {
        for shift in stride(from: count - 1, through: 0, by: -1) { bits.append(value >> shift & 1 == 1) }
    }

    /// The bits as bytes; the count must be a multiple of 8.
    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
    }
}
