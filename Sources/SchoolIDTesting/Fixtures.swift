import Foundation

/// Finds files under `Tests/Fixtures/` through this source file's path, as swift-crypto
/// does: no resource bundles, so the same paths work in `swift test` and in the IDE.
public enum Fixtures {
    /// The absolute path of `Tests/Fixtures`.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SchoolIDTesting
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Tests/Fixtures", isDirectory: true)

    /// The package root (where `Package.swift`, `policies/` and `keys/` live).
    public static let packageRoot: URL = root.deletingLastPathComponent().deletingLastPathComponent()

    /// The URL of a fixture, e.g. `url("rfc4231/hmac-sha256.json")`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// The bytes of a fixture file.
    /// - Throws: when the file cannot be read.
    public static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    /// Decodes a JSON fixture into `T`.
    /// - Throws: when the file cannot be read or decoded.
    public static func decode<T: Decodable>(_ type: T.Type, from relativePath: String) throws -> T {
        try JSONDecoder().decode(T.self, from: data(relativePath))
    }
}
