import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto

/// `--passphrase-file F` or `--kek-file F`: what seals or opens a keyring bundle.
enum WrappingKeyOptions {
    static let minimumPassphraseLength = 15

    static let helpText = """
      --passphrase-file F  a file whose first line is the passphrase (at least 15 characters)
      --kek-file F         a file holding a 32-byte key-encryption key (raw, or base64url text)
    """

    /// Takes the options; exactly one must be given.
    static func take(from arguments: inout Arguments) throws -> KeyringBundle.Credential {
        let passphraseFile = try arguments.option("--passphrase-file")
        let kekFile = try arguments.option("--kek-file")
        switch (passphraseFile, kekFile) {
        case (let path?, nil):
            let text = try read(path).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).first ?? []
            guard String(decoding: text, as: UTF8.self).count >= minimumPassphraseLength else {
                throw CommandFailure("the passphrase in \(path) is shorter than \(minimumPassphraseLength) characters")
            }
            return .passphrase(Secret(Array(text)))
        case (nil, let path?):
            let bytes = try read(path)
            let trimmed = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let key = bytes.count == 32 ? bytes : Base64URL.decode(trimmed), key.count == 32 else {
                throw CommandFailure("\(path) must hold 32 bytes, raw or as base64url text")
            }
            return .kek(try SymmetricKey(bytes: key))
        case (nil, nil):
            throw UsageError("pass --passphrase-file or --kek-file")
        case (_?, _?):
            throw UsageError("pass only one of --passphrase-file and --kek-file")
        }
    }

    private static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
        return Array(data)
    }
}
