/// Reads acknowledgement requests (table `acknowledgements`, issue 10).
public protocol AcknowledgementReader {
    /// The acknowledgement with this id, or `nil`.
    /// - Throws: a backend error.
    func acknowledgement(_ id: Acknowledgement.ID) throws -> Acknowledgement?
    /// The client's request for this document version, or `nil` (the idempotency key).
    /// - Throws: a backend error.
    func acknowledgement(client: OAuthClient.ID, documentID: String, digest: String) throws -> Acknowledgement?
    /// Every request about the student (any client, any state), oldest first.
    /// - Throws: a backend error.
    func acknowledgements(ofStudent studentID: Account.ID) throws -> [Acknowledgement]
}

/// Stores acknowledgement requests.
public protocol AcknowledgementStore: AcknowledgementReader {
    /// Adds a request.
    /// - Throws: ``StoreError/alreadyExists`` for a taken id or (client, document id,
    ///   digest); ``StoreError/notFound`` when the student is not an account.
    func insert(_ acknowledgement: Acknowledgement) throws
}
