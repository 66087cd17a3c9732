/// The capacity tables of ISO/IEC 18004:2015: Table 9 (error correction characteristics)
/// as two rows per level, and the module counts of §6.3 from which Table 1 follows.
extension QRCode {
    /// Table 9: error correction codewords in each block, by level (L, M, Q, H) and
    /// version (index 0 unused). Every block of a symbol has the same number.
    static let correctionCodewordsPerBlock: [[Int]] = [
        [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
         28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
         26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
         28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
         30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    /// Table 9: the number of error correction blocks, by level (L, M, Q, H) and version
    /// (index 0 unused). Where the codewords do not divide evenly, the later blocks hold
    /// one data codeword more than the earlier ones.
    static let blockCounts: [[Int]] = [
        [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
         8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
         17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
         23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
         25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    /// The modules left for codewords after the function patterns (Table 1, "data
    /// modules except format and version information"): the whole symbol less three
    /// finder patterns with separators, the format information, the timing patterns, the
    /// alignment patterns (Annex E; those overlapping timing are counted once) and, from
    /// version 7, the two version information blocks. Up to 7 remainder bits are included.
    static func rawDataModuleCount(version: Int) -> Int {
        var count = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignment = version / 7 + 2
            count -= (25 * alignment - 10) * alignment - 55
            if version >= 7 { count -= 36 }
        }
        return count
    }

    /// Table 7: the data codewords of a version at a level (all codewords less the error
    /// correction codewords of every block).
    static func dataCodewordCount(version: Int, correction: Correction) -> Int {
        let row = correction.tableRow
        return rawDataModuleCount(version: version) / 8
            - correctionCodewordsPerBlock[row][version] * blockCounts[row][version]
    }

    /// Table 7: how many bytes a symbol of `version` holds in byte mode at `correction`.
    /// - Precondition: `version` is in 1…40.
    public static func byteCapacity(version: Int, correction: Correction) -> Int {
        precondition((1...40).contains(version), "QR Code versions are 1…40")
        let bits = dataCodewordCount(version: version, correction: correction) * 8 - 4 - countIndicatorBits(version: version)
        return min(bits / 8, (1 << countIndicatorBits(version: version)) - 1)
    }

    /// Annex E, Table E.1: the row and column coordinates of alignment pattern centres.
    ///
    /// The first is always 6 and the last `size − 7`; the ones between are evenly spaced
    /// by an even step counted back from the last (version 32 is the one exception to the
    /// rounding, with a step of 26).
    static func alignmentPositions(version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        let last = version * 4 + 10
        return [6] + (0..<count - 1).map { last - step * $0 }.reversed()
    }
}
