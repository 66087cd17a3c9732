import Foundation
import SchoolIDBase
import SchoolIDTesting
import Testing

/// Round trips through a real decoder: each symbol is written as a PGM and read back with
/// `zbarimg` (Debian package `zbar-tools`, which `Tests/run-all` installs). A missing
/// decoder fails the tests instead of skipping them.
@Suite struct QRCodeDecoderTests {
    static let payloads: [String] = [
        "otpauth://totp/SchoolID:s57-teacher?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=SchoolID&algorithm=SHA1&digits=6&period=30",
        "Школа № 57: учитель Анна Петровна — ключ второго фактора",
        String(repeating: "SchoolID QR-code test payload 0123456789. ", count: 8).prefix(300).description,
    ]

    @Test("zbarimg reads back each payload")
    func roundTrip() async throws {
        let codes = try Self.payloads.map { try QRCode(encoding: Array($0.utf8)) }
        #expect(codes[2].version >= 7)
        #expect(try await Self.decode(codes) == Self.payloads)
    }

    /// The (version, level) cells the sweep decodes: every version at level M and
    /// every level at versions 1, 2, 7, 10, 27 and 40 (56 symbols, about 6 s of
    /// `zbarimg`); with `SCHOOLID_LONG=1` all 160 cells of Table 9.
    static var sweep: [(Int, QRCode.Correction)] {
        if ProcessInfo.processInfo.environment["SCHOOLID_LONG"] == "1" {
            return (1...40).flatMap { version in QRCode.Correction.allCases.map { (version, $0) } }
        }
        let levels = (1...40).map { ($0, QRCode.Correction.medium) }
        let versions = [1, 2, 7, 10, 27, 40].flatMap { version in
            QRCode.Correction.allCases.filter { $0 != .medium }.map { (version, $0) }
        }
        return levels + versions
    }

    /// Symbols filled to capacity so that the version is the one under test: proves
    /// Table 9's block structure and Annex E's alignment patterns as a reader sees
    /// them. One decoder run reads them all.
    @Test("zbarimg reads back full symbols across versions and levels")
    func everyVersion() async throws {
        var payloads: [String] = [], codes: [QRCode] = [], cells: [String] = []
        for (version, correction) in Self.sweep {
            let count = QRCode.byteCapacity(version: version, correction: correction)
            let payload = String((0..<count).map { Character(UnicodeScalar(UInt8(0x41 + ($0 * 7 + version) % 26))) })
            let code = try QRCode(encoding: Array(payload.utf8), correction: correction)
            #expect(code.version == version, "\(version) \(correction)")
            payloads.append(payload)
            codes.append(code)
            cells.append("version \(version) \(correction)")
        }
        let decoded = try await Self.decode(codes)
        #expect(decoded.count == codes.count)
        for (cell, (expected, got)) in zip(cells, zip(payloads, decoded)) {
            #expect(got == expected, "\(cell)")
        }
    }

    /// Writes each code as a PGM and returns what one `zbarimg --raw -q` run prints for
    /// them, one line per symbol in order (the payloads hold no line breaks).
    static func decode(_ codes: [QRCode]) async throws -> [String] {
        let decoder = try #require(zbarimg(), "zbarimg is missing: install the Debian package zbar-tools (Tests/run-all does)")
        // The decoder runs for seconds: wait on a thread of its own, not the cooperative pool's.
        let (status, text) = try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try run(decoder, codes) }) }.start()
        }
        #expect(status == 0, "zbarimg exit status \(status)")
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Writes the PGMs and runs the decoder once over all of them; its status and output.
    private static func run(_ decoder: String, _ codes: [QRCode]) throws -> (Int32, String) {
        let directory = try TemporaryDirectory(prefix: "schoolid-qr")
        defer { directory.remove() }
        var images: [String] = []
        for (index, code) in codes.enumerated() {
            let image = directory.file(String(format: "symbol-%03d.pgm", index))
            try Data(code.pgm(moduleSize: 2, quietZone: 4)).write(to: URL(fileURLWithPath: image))
            images.append(image)
        }
        let output = directory.file("decoded.txt")
        let pid = try ProcessLaunch.exclusive {
            try ChildProcess.spawn([decoder, "--raw", "-q"] + images, stdout: .file(output))
        }
        let status = ChildProcess.wait(pid)
        return (status, try String(contentsOfFile: output, encoding: .utf8))
    }

    /// The path of `zbarimg` on `PATH`, if installed.
    static func zbarimg() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/zbarimg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
