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

    @Test("zbarimg reads back each payload", arguments: payloads)
    func roundTrip(_ payload: String) throws {
        let code = try QRCode(encoding: Array(payload.utf8))
        if payload.utf8.count == 300 { #expect(code.version >= 7) }
        #expect(try Self.decode(code) == payload)
    }

    /// Every version at every level, each filled to its capacity so that the version is
    /// the one under test: proves Table 9's block structure and Annex E's alignment
    /// patterns as a reader sees them.
    @Test("zbarimg reads back a full symbol of every version at every level", arguments: 1...40)
    func everyVersion(_ version: Int) throws {
        for correction in QRCode.Correction.allCases {
            let count = QRCode.byteCapacity(version: version, correction: correction)
            let payload = String((0..<count).map { Character(UnicodeScalar(UInt8(0x41 + ($0 * 7 + version) % 26))) })
            let code = try QRCode(encoding: Array(payload.utf8), correction: correction)
            #expect(code.version == version)
            #expect(try Self.decode(code) == payload, "version \(version) \(correction)")
        }
    }

    /// Writes `code` as a PGM and returns what `zbarimg --raw -q` prints (without the
    /// final newline).
    static func decode(_ code: QRCode) throws -> String {
        let decoder = try #require(zbarimg(), "zbarimg is missing: install the Debian package zbar-tools (Tests/run-all does)")
        let directory = try TemporaryDirectory(prefix: "schoolid-qr")
        defer { directory.remove() }
        let image = directory.file("symbol.pgm"), output = directory.file("decoded.txt")
        try Data(code.pgm(moduleSize: 2, quietZone: 4)).write(to: URL(fileURLWithPath: image))
        let pid = try ChildProcess.spawn([decoder, "--raw", "-q", image], stdout: .file(output))
        let status = ChildProcess.wait(pid)
        #expect(status == 0, "zbarimg exit status \(status)")
        var text = try String(contentsOfFile: output, encoding: .utf8)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// The path of `zbarimg` on `PATH`, if installed.
    static func zbarimg() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/zbarimg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
