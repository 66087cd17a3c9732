import Foundation
import SchoolIDBase

/// Diary services' acknowledgement requests (issue 10): a client holding the
/// `ack:request` scope asks a student's guardians to acknowledge a document, and the
/// client and the guardians read the requests back. Signing comes with the ledger.
///
/// Rules every path keeps:
/// - a client asks only about a student enrolled (now) in a school it serves
///   (``OAuthClient/schoolIDs``); any other student, existing or not, is
///   `student_not_served`, so the answer tells nothing about accounts elsewhere;
/// - a request is idempotent on (client, document id, digest): asking again returns the
///   stored request (``Requested/created`` `false`) and notifies no one again; the same
///   key about another student is `acknowledgement_conflict`;
/// - each active guardian of the student is told through the outbox, in the unit that
///   stores the request, with the title cut to 40 characters; `ack.requested` is audited;
/// - a client sees only its own requests, a person only those they may sign
///   (``AcknowledgementStanding``: a guardian of the child, or a trusted person with
///   `diary` when policy lets trusted persons sign); anything else is
///   `acknowledgement_not_found`. Signing is ``AcknowledgementSigningService``.
public struct AcknowledgementService: Sendable {
    /// A request with its title opened.
    public struct View: Hashable, Sendable {
        public let acknowledgement: Acknowledgement
        /// The title, or `nil` when the student's owner key is gone (the account was erased).
        public let title: String?
    }

    /// The outcome of ``request(by:student:document:title:digest:deadline:context:)``.
    public struct Requested: Sendable {
        public let view: View
        /// `true` when this call stored it, `false` when it was already stored.
        public let created: Bool
    }

    let environment: ServiceEnvironment

    /// - Parameter environment: storage, clock, keys and policies.
    public init(environment: ServiceEnvironment) {
        self.environment = environment
    }

    /// The client an access token speaks for, when it may request acknowledgements: a
    /// `client_credentials` token (RFC 6749 §4.4; `sub` is the client id, no person, no
    /// actor, no students) carrying the `ack:request` scope.
    /// - Throws: `DomainError(.permissionDenied)` for a person's or a delegated token,
    ///   or one without the scope.
    public static func requester(of token: IssuedAccessToken) throws(DomainError) -> OAuthClient.ID {
        guard token.subject == token.clientID, token.actor == nil, token.students.isEmpty,
              let clientID = OAuthClient.ID(rawValue: token.clientID)
        else { throw DomainError(.permissionDenied, detail: "only a client_credentials token requests acknowledgements") }
        guard token.scopes.contains(OAuthClient.Scope.acknowledgementRequest.rawValue) else {
            throw DomainError(.permissionDenied, detail: "the token lacks the ack:request scope")
        }
        return clientID
    }

    /// Checks and normalises a request's fields.
    /// - Throws: `DomainError(.acknowledgementInvalid)` naming the field.
    /// - Returns: the title with surrounding white space removed.
    static func validate(document: String, title: String, digest: String, deadline: UnixTime?,
                         now: UnixTime) throws(DomainError) -> String
    {
        guard Acknowledgement.isDocumentID(document) else {
            throw DomainError(.acknowledgementInvalid, detail: "document: 1…128 visible ASCII characters")
        }
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Acknowledgement.maximumTitleLength).contains(trimmed.count),
              !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { throw DomainError(.acknowledgementInvalid, detail: "title: 1…200 characters, no control characters") }
        guard Acknowledgement.isDigest(digest) else {
            throw DomainError(.acknowledgementInvalid, detail: "digest: SHA-256 as 64 lowercase hex digits")
        }
        if let deadline, deadline <= now {
            throw DomainError(.acknowledgementInvalid, detail: "deadline: must be in the future")
        }
        return trimmed
    }

    /// Asks the guardians of `student` to acknowledge a document, or returns the
    /// client's stored request for the same document id and digest.
    /// - Parameters:
    ///   - client: the requesting client (see ``requester(of:)``).
    ///   - document: the client's document id.
    ///   - digest: SHA-256 of the document's bytes, lowercase hex.
    ///   - deadline: an optional last moment to sign, in the future.
    /// - Throws: `DomainError` `.acknowledgementInvalid`, `.permissionDenied` (a disabled
    ///   client), `.studentNotServed`, `.acknowledgementConflict`; a store or sealing error.
    public func request(by client: OAuthClient.ID, student: Account.ID, document: String, title: String,
                        digest: String, deadline: UnixTime?, context: RequestContext) async throws -> Requested
    {
        let environment = environment
        let now = environment.clock.now()
        let title = try Self.validate(document: document, title: title, digest: digest, deadline: deadline, now: now)
        let id = Acknowledgement.ID.random(using: environment.random)
        return try await environment.storage.write { tx in
            guard let registered = try tx.clients.client(client), registered.isActive else {
                throw DomainError(.permissionDenied, detail: "the client is not active")
            }
            let schoolID = try Self.servedSchool(of: student, for: registered, in: tx.reading)
            let ownerKey = try environment.ownerKeys.key(for: student.rawValue, in: tx.ownerKeys)
            if let stored = try tx.acknowledgements.acknowledgement(client: client, documentID: document, digest: digest) {
                guard stored.studentID == student else {
                    throw DomainError(.acknowledgementConflict, detail: "document \(document) is about another student")
                }
                return Requested(view: View(acknowledgement: stored, title: try? stored.title(under: ownerKey)),
                                 created: false)
            }
            let acknowledgement = Acknowledgement(
                id: id, clientID: client, studentID: student, documentID: document, digest: digest,
                sealedTitle: try Acknowledgement.sealTitle(title, for: id, under: ownerKey), deadline: deadline,
                createdAt: now)
            try tx.acknowledgements.insert(acknowledgement)
            _ = try tx.audit.append(AuditEvent(at: now, action: .ackRequested, actorID: nil, targetID: student,
                                               schoolID: schoolID, clientAddress: context.clientAddress,
                                               requestID: context.requestID,
                                               detail: "\(id) by client \(client) for document \(document)"))
            let template = MessageTemplate.acknowledgementRequestedNotice(title: Acknowledgement.truncatedTitle(title))
            for link in try tx.guardianLinks.links(ofStudent: student) where link.state == .active {
                guard let guardian = try tx.accounts.account(link.guardianID), guardian.status == .active else { continue }
                try Courier.notify(guardian, template, reach: .one, environment: environment, now: now, in: tx)
            }
            return Requested(view: View(acknowledgement: acknowledgement, title: title), created: true)
        }
    }

    /// The school of the student's current enrolment that `client` serves.
    /// - Throws: `DomainError(.studentNotServed)` for an unknown account, a non-student,
    ///   or a student enrolled only elsewhere.
    static func servedSchool(of student: Account.ID, for client: OAuthClient,
                             in tx: any ReadTransaction) throws -> School.ID
    {
        guard let account = try tx.accounts.account(student), account.category == .student,
              let enrolment = try tx.accounts.enrolments(of: student)
                  .first(where: { $0.endedAt == nil && client.schoolIDs.contains($0.schoolID) })
        else { throw DomainError(.studentNotServed) }
        return enrolment.schoolID
    }

    /// The client's own requests about `student`, oldest first (empty when it has none).
    /// - Throws: a store error.
    public func acknowledgements(ofStudent student: Account.ID, client: OAuthClient.ID) async throws -> [View] {
        try await views(of: student, where: { $0.clientID == client })
    }

    /// The requests about a child the person may sign for, oldest first.
    /// - Throws: `DomainError(.accountNotFound)` unless the person may read the child's
    ///   requests; a store error.
    public func acknowledgements(ofStudent student: Account.ID, guardian: Actor) async throws -> [View] {
        let (policy, now) = (environment.policies.acknowledgements, environment.clock.now())
        return try await views(of: student, admit: { tx in
            guard try AcknowledgementStanding.mayRead(student: student, guardian, now: now, policy: policy, in: tx) else {
                throw DomainError(.accountNotFound)
            }
        })
    }

    /// One of the client's own requests.
    /// - Throws: `DomainError(.acknowledgementNotFound)`; a store error.
    public func acknowledgement(_ id: Acknowledgement.ID, client: OAuthClient.ID) async throws -> View {
        try await view(id) { acknowledgement, _ in acknowledgement.clientID == client }
    }

    /// A request the person may sign for (see ``AcknowledgementStanding/mayRead(student:_:now:policy:in:)``).
    /// - Throws: `DomainError(.acknowledgementNotFound)`; a store error.
    public func acknowledgement(_ id: Acknowledgement.ID, guardian: Actor) async throws -> View {
        let (policy, now) = (environment.policies.acknowledgements, environment.clock.now())
        return try await view(id) { acknowledgement, tx in
            try AcknowledgementStanding.mayRead(student: acknowledgement.studentID, guardian, now: now, policy: policy,
                                                in: tx)
        }
    }

    /// The requests about `student` that `visible` keeps, in one read after `admit`
    /// (which throws to refuse the caller outright) passed.
    private func views(of student: Account.ID, admit: @escaping @Sendable (any ReadTransaction) throws -> Void = { _ in },
                       where visible: @escaping @Sendable (Acknowledgement) -> Bool = { _ in true }) async throws -> [View]
    {
        let ownerKeys = environment.ownerKeys
        return try await environment.storage.read { tx in
            try admit(tx)
            let stored = try tx.acknowledgements.acknowledgements(ofStudent: student).filter(visible)
            guard !stored.isEmpty else { return [] }
            let key = try? ownerKeys.key(for: student.rawValue, in: tx.ownerKeys)
            return stored.map { acknowledgement in
                View(acknowledgement: acknowledgement, title: key.flatMap { try? acknowledgement.title(under: $0) })
            }
        }
    }

    private func view(_ id: Acknowledgement.ID,
                      where visible: @escaping @Sendable (Acknowledgement, any ReadTransaction) throws -> Bool)
        async throws -> View
    {
        let ownerKeys = environment.ownerKeys
        return try await environment.storage.read { tx in
            guard let stored = try tx.acknowledgements.acknowledgement(id), try visible(stored, tx) else {
                throw DomainError(.acknowledgementNotFound)
            }
            let key = try? ownerKeys.key(for: stored.studentID.rawValue, in: tx.ownerKeys)
            return View(acknowledgement: stored, title: key.flatMap { key in try? stored.title(under: key) })
        }
    }
}
