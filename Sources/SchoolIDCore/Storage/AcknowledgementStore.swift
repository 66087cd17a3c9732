import SchoolIDBase

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
    /// What an acknowledgement challenge was issued for, or `nil` for any other challenge.
    /// - Throws: a backend error.
    func binding(ofChallenge id: Challenge.ID) throws -> AcknowledgementChallenge?
}

/// Stores acknowledgement requests.
public protocol AcknowledgementStore: AcknowledgementReader {
    /// Adds a request.
    /// - Throws: ``StoreError/alreadyExists`` for a taken id or (client, document id,
    ///   digest); ``StoreError/notFound`` when the student is not an account.
    func insert(_ acknowledgement: Acknowledgement) throws
    /// Records the signature of a pending request: state `signed`, who, when, and the
    /// receipt's ledger index. Conditional on the state, so of parallel signings one wins.
    /// - Throws: a backend error.
    /// - Returns: `false` when the request is unknown or no longer pending.
    func markSigned(_ id: Acknowledgement.ID, by signer: Account.ID, at time: UnixTime, ledgerIndex: Int) throws -> Bool
    /// Records the withdrawal of a signed request (state `withdrawn`) and the ledger index
    /// of the withdrawal entry; the signature fields stay.
    /// - Throws: a backend error.
    /// - Returns: `false` when the request is unknown or not signed.
    func markWithdrawn(_ id: Acknowledgement.ID, at time: UnixTime, ledgerIndex: Int) throws -> Bool
    /// Binds an acknowledgement challenge to the request, its digest and its signer.
    /// - Throws: ``StoreError/notFound`` for an unknown challenge or request.
    func bind(_ binding: AcknowledgementChallenge) throws
}

/// What an SMS code for signing was issued for (table `acknowledgement_challenges`):
/// the code confirms exactly this request, at this digest, by this signer.
public struct AcknowledgementChallenge: Hashable, Sendable {
    public let challengeID: Challenge.ID
    public let acknowledgementID: Acknowledgement.ID
    /// The digest the signer was shown when the code was sent.
    public let digest: String
    public let signerID: Account.ID

    public init(challengeID: Challenge.ID, acknowledgementID: Acknowledgement.ID, digest: String, signerID: Account.ID) {
        self.challengeID = challengeID
        self.acknowledgementID = acknowledgementID
        self.digest = digest
        self.signerID = signerID
    }
}
