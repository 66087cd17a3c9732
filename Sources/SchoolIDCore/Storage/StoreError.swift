/// What a store reports in domain terms (dex's storage sentinels), whatever the backend.
public enum StoreError: Error, Hashable, Sendable {
    /// The requested item does not exist.
    case notFound
    /// An item with the same identity already exists.
    case alreadyExists
    /// A compare-and-swap or single-use condition failed: someone changed it first.
    case conflict
}
