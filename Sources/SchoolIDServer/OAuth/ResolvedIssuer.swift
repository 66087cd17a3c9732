import Synchronization

/// The issuer as routes read it per request: the configured `issuer`, or the URL
/// `serve` listens on once the socket is bound (``ServerApplication/issuer``). Shared
/// by reference so that routes built before binding see the bound port.
final class ResolvedIssuer: Sendable {
    private let configured: String?
    private let fallback: String
    private let bound = Mutex<String?>(nil)

    /// - Parameters:
    ///   - configured: the validated `issuer` setting, if any.
    ///   - fallback: the issuer derived from the configured port, until binding.
    init(configured: String?, fallback: String) {
        self.configured = configured
        self.fallback = fallback
    }

    /// The issuer to name now.
    var current: String { configured ?? bound.withLock { $0 } ?? fallback }

    /// Records the issuer derived from the bound port.
    func bind(_ issuer: String) {
        bound.withLock { $0 = issuer }
    }
}
