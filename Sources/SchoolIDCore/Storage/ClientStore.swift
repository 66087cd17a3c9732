/// Reads OAuth clients (table `oauth_clients`).
public protocol ClientReader {
    /// The client, or `nil`.
    /// - Throws: a backend error.
    func client(_ id: OAuthClient.ID) throws -> OAuthClient?
    /// Every client, by id.
    /// - Throws: a backend error.
    func clients() throws -> [OAuthClient]
}

/// Registers and changes OAuth clients.
public protocol ClientStore: ClientReader {
    /// Registers a client.
    /// - Throws: ``StoreError/alreadyExists`` when the id is taken; ``StoreError/notFound``
    ///   when a school it serves does not exist.
    func insert(_ client: OAuthClient) throws
    /// Changes a client in place (the id cannot change).
    /// - Throws: ``StoreError/notFound``, or what `change` throws (nothing is written).
    /// - Returns: the client as stored.
    @discardableResult
    func update(_ id: OAuthClient.ID, _ change: (inout OAuthClient) throws -> Void) throws -> OAuthClient
}
