import Foundation
@testable import SchoolIDBase
import SchoolIDTesting
import Testing

@Suite struct QRCodeTests {
    struct ReedSolomonVector: Codable, Sendable, CustomTestStringConvertible {
        let name: String
        let data: [UInt8]
        let errorCorrection: [UInt8]
        var testDescription: String { name }
    }
    struct ReedSolomonFile: Codable {
        let vectors: [ReedSolomonVector]
        enum CodingKeys: String, CodingKey { case vectors = "# 7.5.2  Generating the error correction codewords" }
    }
    struct FormatVector: Codable, Sendable { let level: String; let mask: Int; let bits: String }
    struct FormatFile: Codable {
        let vectors: [FormatVector]
        enum CodingKeys: String, CodingKey { case vectors = "# Annex C  Format information" }
    }
    struct VersionVector: Codable, Sendable { let version: Int; let bits: String }
    struct VersionFile: Codable {
        let vectors: [VersionVector]
        enum CodingKeys: String, CodingKey { case vectors = "# Annex D  Version information" }
    }

    static let reedSolomon = (try? Fixtures.decode(ReedSolomonFile.self, from: "qrcode/reed-solomon.json").vectors) ?? []
    static let formats = (try? Fixtures.decode(FormatFile.self, from: "qrcode/format-information.json").vectors) ?? []
    static let versions = (try? Fixtures.decode(VersionFile.self, from: "qrcode/version-information.json").vectors) ?? []
    static let levels: [String: QRCode.Correction] = ["L": .low, "M": .medium, "Q": .quartile, "H": .high]

    @Test("the vector files were found") func vectorsLoaded() {
        #expect(Self.reedSolomon.count == 2 && Self.formats.count == 32 && Self.versions.count == 34)
    }

    @Test("ISO/IEC 18004 §7.5.2 Reed–Solomon codewords of the 1-M worked examples", arguments: reedSolomon)
    func reedSolomonVector(_ vector: ReedSolomonVector) {
        #expect(QRCode.ReedSolomon.remainder(vector.data, degree: vector.errorCorrection.count) == vector.errorCorrection)
    }

    @Test("ISO/IEC 18004 §7.4 byte-mode data codewords: mode, count, bytes, terminator and alternating pads")
    func dataCodewords() {
        // 0100 00000010 01000001 01000010 0000 → 0x40 0x24 0x14 0x20, then 236 17 … to 16 codewords (1-M).
        let codewords = QRCode.dataCodewords(Array("AB".utf8), version: 1, correction: .medium)
        #expect(codewords == [0x40, 0x24, 0x14, 0x20, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17])
    }

    @Test("ISO/IEC 18004 Annex C format information for every level and mask", arguments: formats)
    func formatInformation(_ vector: FormatVector) throws {
        let level = try #require(Self.levels[vector.level])
        let bits = QRCode.formatInformation(correction: level, mask: vector.mask)
        #expect(String(bits, radix: 2).leftPadded(to: 15) == vector.bits)
    }

    @Test("ISO/IEC 18004 Annex D version information for versions 7 to 40", arguments: versions)
    func versionInformation(_ vector: VersionVector) {
        #expect(String(QRCode.versionInformation(version: vector.version), radix: 2).leftPadded(to: 18) == vector.bits)
    }

    @Test("ISO/IEC 18004 Annex E alignment pattern centres", arguments: [
        (1, []), (2, [6, 18]), (7, [6, 22, 38]), (14, [6, 26, 46, 66]), (32, [6, 34, 60, 86, 112, 138]),
        (36, [6, 24, 50, 76, 102, 128, 154]), (40, [6, 30, 58, 86, 114, 142, 170]),
    ])
    func alignmentPositions(_ version: Int, _ centres: [Int]) {
        #expect(QRCode.alignmentPositions(version: version) == centres)
    }

    @Test("ISO/IEC 18004 Table 7 byte capacities choose the smallest version", arguments: [
        (17, QRCode.Correction.low, 1), (18, .low, 2), (14, .medium, 1), (15, .medium, 2), (11, .quartile, 1),
        (7, .high, 1), (8, .high, 2), (122, .medium, 7), (2953, .low, 40), (2331, .medium, 40),
        (1663, .quartile, 40), (1273, .high, 40),
    ])
    func capacity(_ count: Int, _ correction: QRCode.Correction, _ version: Int) throws {
        let code = try QRCode(encoding: [UInt8](repeating: 0x61, count: count), correction: correction)
        #expect(code.version == version && code.size == 4 * version + 17)
    }

    @Test("refuses data beyond version 40's capacity at each level", arguments: [
        (2954, QRCode.Correction.low), (2332, .medium), (1664, .quartile), (1274, .high),
    ])
    func tooLong(_ count: Int, _ correction: QRCode.Correction) {
        #expect(throws: QRCode.Error.tooLong) {
            try QRCode(encoding: [UInt8](repeating: 0x61, count: count), correction: correction)
        }
    }

    @Test("finder patterns sit in three corners, the timing patterns alternate and (8, 4V+9) is dark",
          arguments: [1, 7, 40])
    func structure(_ version: Int) throws {
        let count = QRCode.byteCapacity(version: version, correction: .medium)
        let code = try QRCode(encoding: [UInt8](repeating: 0x5A, count: count))
        #expect(code.version == version)
        let size = code.size
        for (left, top) in [(0, 0), (size - 7, 0), (0, size - 7)] {
            for dy in 0..<7 {
                for dx in 0..<7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    #expect(code[left + dx, top + dy] == (ring != 2), "finder at (\(left), \(top))")
                }
            }
        }
        // Separators: the light line between each finder and the rest of the symbol.
        for index in 0..<8 {
            #expect(!code[7, index] && !code[index, 7] && !code[size - 8, index] && !code[index, size - 8])
        }
        for index in 8..<(size - 8) {
            #expect(code[index, 6] == (index % 2 == 0) && code[6, index] == (index % 2 == 0))
        }
        #expect(code[8, 4 * version + 9])
    }

    @Test("ISO/IEC 18004 §7.8.3 penalty rules 1 and 3 score runs and finder-like patterns in a line")
    func penaltyRules() {
        let finder: [Bool] = [true, false, true, true, true, false, true]
        #expect(QRCode.runPenalty([Bool](repeating: true, count: 7)) == 5)
        #expect(QRCode.runPenalty(finder + [Bool](repeating: false, count: 5)) == 3)
        // Alone in a line, light (quiet zone) lies on both sides: counted once per side.
        #expect(QRCode.finderLikePenalty(finder) == 80)
        #expect(QRCode.finderLikePenalty([true, true] + finder + [true, true]) == 0)
    }

    @Test("the SVG is one path of runs with an escaped accessible name and no style attribute")
    func svg() throws {
        let code = try QRCode(encoding: Array("otpauth://totp/x".utf8))
        let svg = code.svg(moduleSize: 3, quietZone: 4, label: "QR \"key\" <&>")
        let side = code.size + 8
        #expect(svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>"))
        #expect(svg.contains("viewBox=\"0 0 \(side) \(side)\" width=\"\(side * 3)\" height=\"\(side * 3)\""))
        #expect(svg.contains("role=\"img\"") && svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("aria-label=\"QR &quot;key&quot; &lt;&amp;&gt;\""))
        #expect(!svg.contains("style"))
        #expect(svg.components(separatedBy: "<path").count == 2)
        // The top-left finder's first row is one run of 7 modules inside the quiet zone.
        #expect(svg.contains("d=\"M4 4h7v1h-7z"))
    }

    @Test("the PGM is a binary P5 image with the quiet zone light")
    func pgm() throws {
        let code = try QRCode(encoding: Array("x".utf8))
        let image = code.pgm(moduleSize: 2, quietZone: 4)
        let side = (code.size + 8) * 2
        let header = Array("P5\n\(side) \(side)\n255\n".utf8)
        #expect(Array(image.prefix(header.count)) == header)
        #expect(image.count == header.count + side * side)
        #expect(image[header.count] == 255 && image[header.count + 8 * side + 8] == 0)
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
