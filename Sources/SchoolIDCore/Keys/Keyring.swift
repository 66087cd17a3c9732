import Synchronization

/// The live keyring: the current ``KeyringSnapshot``, swapped whole on ``reload()``.
///
/// Readers take one snapshot per request; `serve` calls `reload()` on SIGHUP and when
/// `keys/` changes. A reload that fails keeps the previous snapshot and throws.
public final class Keyring: Sendable {
    /// Where the keyring lives.
    public let directory: KeyringDirectory
    private let current: Mutex<KeyringSnapshot>

    /// Loads the keyring at `path`.
    /// - Throws: ``KeyringError`` naming the file when the keyring is incomplete or insecure.
    public init(path: String) throws {
        directory = KeyringDirectory(path: path)
        current = Mutex(try directory.load())
    }

    /// The snapshot in force.
    public var snapshot: KeyringSnapshot { current.withLock { $0 } }

    /// Re-reads the directory and swaps the snapshot atomically.
    /// - Throws: the load error; the previous snapshot stays in force.
    public func reload() throws {
        let fresh = try directory.load()
        current.withLock { $0 = fresh }
    }
}
