/// Error correction (ISO/IEC 18004:2015 §7.5) and the final codeword sequence (§7.6).
extension QRCode {
    /// Reed–Solomon over GF(2⁸) with the field polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D)
    /// and α = 2 (§7.5.2; Annex A lists the generator polynomials this computes).
    enum ReedSolomon {
        /// The product of two field elements (shift and reduce by 0x11D).
        static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
            var product = 0
            for bit in stride(from: 7, through: 0, by: -1) {
                product = (product << 1) ^ ((product >> 7) * 0x11D)
                product ^= (Int(y) >> bit & 1) * Int(x)
            }
            return UInt8(product)
        }

        /// The generator polynomial of `degree` (Annex A): ∏ (x − αⁱ) for i in 0..<degree,
        /// coefficients from the highest power down, without the leading 1.
        static func generator(degree: Int) -> [UInt8] {
            var coefficients = [UInt8](repeating: 0, count: degree)
            coefficients[degree - 1] = 1
            var root: UInt8 = 1
            for _ in 0..<degree {
                for index in 0..<degree {
                    coefficients[index] = multiply(coefficients[index], root)
                    if index + 1 < degree { coefficients[index] ^= coefficients[index + 1] }
                }
                root = multiply(root, 2)
            }
            return coefficients
        }

        /// The error correction codewords of `data` (§7.5.2): the remainder of
        /// data(x) · x^degree divided by the generator polynomial.
        static func remainder(_ data: [UInt8], degree: Int) -> [UInt8] {
            let divisor = generator(degree: degree)
            var result = [UInt8](repeating: 0, count: degree)
            for byte in data {
                let factor = byte ^ result[0]
                result.removeFirst()
                result.append(0)
                for index in 0..<degree { result[index] ^= multiply(divisor[index], factor) }
            }
            return result
        }
    }

    /// Splits the data codewords into the blocks of Table 9, computes each block's error
    /// correction codewords and interleaves them (§7.6): the first data codeword of each
    /// block, then the second of each, …, the extra codeword of the longer blocks, then
    /// the error correction codewords in the same way.
    static func interleavedCodewords(_ data: [UInt8], version: Int, correction: Correction) -> [UInt8] {
        let row = correction.tableRow
        let blockCount = blockCounts[row][version]
        let correctionLength = correctionCodewordsPerBlock[row][version]
        let total = rawDataModuleCount(version: version) / 8
        let shortBlocks = blockCount - total % blockCount
        let shortDataLength = total / blockCount - correctionLength
        var blocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blockCount {
            let length = shortDataLength + (index < shortBlocks ? 0 : 1)
            blocks.append(Array(data[start..<start + length]))
            start += length
        }
        let corrections = blocks.map { ReedSolomon.remainder($0, degree: correctionLength) }
        var result: [UInt8] = []
        result.reserveCapacity(total)
        for column in 0...shortDataLength {
            for block in blocks where column < block.count { result.append(block[column]) }
        }
        for column in 0..<correctionLength {
            for block in corrections { result.append(block[column]) }
        }
        return result
    }
}
