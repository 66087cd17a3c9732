public import SchoolIDBase

/// An access token whose signature, type, issuer, audience and times were checked, with
/// its claims typed (RFC 9068 §2.2 plus SchoolID's `students`, `staff` and `act`).
///
/// Encodes back to the wire claim names, so a tool can print what it verified.
public struct VerifiedAccessToken: Hashable, Sendable, Encodable {
    /// `sub`: the account ID (`acc_…`, public, the same for every client), or the client ID
    /// for a `client_credentials` token.
    public var subject: String
    /// `client_id` (RFC 9068 §2.2): the client the token was issued to.
    public var clientID: String
    /// `aud`: the audiences, the configured one among them.
    public var audience: [String]
    /// `scope`, split on spaces (RFC 9068 §2.2.3); empty when absent.
    public var scopes: [String]
    /// `iat`.
    public var issuedAt: UnixTime
    /// `exp`.
    public var expiresAt: UnixTime
    /// `jti`: the token's unique identifier (the key for revocation lists).
    public var jwtID: String
    /// `sid`: the public handle of the SchoolID session (`ses_…`); absent for clients.
    public var sessionID: String?
    /// `auth_time`: when the person last authenticated.
    public var authTime: UnixTime?
    /// `amr` (RFC 8176): how the person authenticated; empty for clients.
    public var amr: [String]
    /// `acr`: `"1"` (one factor) or `"2"` (two factors).
    public var acr: String?
    /// `students`: the students this token lets the client see, sorted by ID; `nil` when
    /// the claim is absent (clients, staff).
    public var students: [Student]?
    /// `staff`: the subject's staff memberships; `nil` when absent.
    public var staff: [StaffMembership]?
    /// `act` (RFC 8693 §4.1): present on a delegated token, whose subject is a student
    /// and whose actor is the guardian or trusted person acting for them.
    public var actor: Actor?

    /// Whether this is a delegated token (RFC 8693 token exchange): the subject is a
    /// student and ``actor`` (always present then) the person acting for them.
    public var isDelegated: Bool { actor != nil }

    /// Whether this is a `client_credentials` token: the subject is the client itself.
    public var isClientToken: Bool { subject == clientID && sessionID == nil }

    /// Whether `scope` holds `scope`.
    public func hasScope(_ scope: String) -> Bool { scopes.contains(scope) }

    enum CodingKeys: String, CodingKey {
        case subject = "sub", clientID = "client_id", audience = "aud", scopes = "scope", issuedAt = "iat"
        case expiresAt = "exp", jwtID = "jti", sessionID = "sid", authTime = "auth_time", amr, acr, students
        case staff, actor = "act"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subject, forKey: .subject)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(audience, forKey: .audience)
        try container.encode(scopes.joined(separator: " "), forKey: .scopes)
        try container.encode(issuedAt, forKey: .issuedAt)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(jwtID, forKey: .jwtID)
        try container.encodeIfPresent(sessionID, forKey: .sessionID)
        try container.encodeIfPresent(authTime, forKey: .authTime)
        if !amr.isEmpty { try container.encode(amr, forKey: .amr) }
        try container.encodeIfPresent(acr, forKey: .acr)
        try container.encodeIfPresent(students, forKey: .students)
        try container.encodeIfPresent(staff, forKey: .staff)
        try container.encodeIfPresent(actor, forKey: .actor)
    }
}

extension VerifiedAccessToken {
    /// How a person is related to a student in a token (`relation`).
    ///
    /// A struct rather than an enum so that SchoolID can add relations without breaking
    /// callers; a value off the list below is rejected when the token is verified.
    public struct Relation: ClaimVocabulary, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire value.
        public let rawValue: String
        /// The student themself.
        public static let `self` = Relation(rawValue: "self")
        /// A legal representative through a guardian link.
        public static let guardian = Relation(rawValue: "guardian")
        /// A trusted person through an invitation, limited to the granted services.
        public static let trusted = Relation(rawValue: "trusted")
        static let known: Set<String> = ["self", "guardian", "trusted"]

        init(rawValue: String) { self.rawValue = rawValue }
    }

    /// One element of `students`: a student the client may see, and what of theirs.
    public struct Student: Hashable, Sendable, Codable {
        /// The student's account ID (`acc_…`).
        public var id: String
        /// How the subject is related to the student.
        public var relation: Relation
        /// The services granted for this student (`diary`, `attendance`, …), sorted.
        public var services: [String]
        /// The grant the access rests on: the guardian link ID, the trusted invitation ID,
        /// or, for `self`, the account ID.
        public var grant: String
    }

    /// A staff role in a token (`role`), extensible like ``Relation``.
    public struct StaffRole: ClaimVocabulary, Hashable, Sendable, Codable, CustomStringConvertible {
        /// The wire value.
        public let rawValue: String
        /// A teacher of the listed classes.
        public static let teacher = StaffRole(rawValue: "teacher")
        /// An administrator of one school.
        public static let schoolAdmin = StaffRole(rawValue: "school_admin")
        /// A platform administrator (no school).
        public static let platformAdmin = StaffRole(rawValue: "platform_admin")
        static let known: Set<String> = ["teacher", "school_admin", "platform_admin"]

        init(rawValue: String) { self.rawValue = rawValue }
    }

    /// One element of `staff`: school and class IDs, never student lists.
    public struct StaffMembership: Hashable, Sendable, Codable {
        /// The school ID (`sch_…`); absent for a platform administrator.
        public var school: String?
        /// The role.
        public var role: StaffRole
        /// The IDs of the classes the role covers (`cls_…`).
        public var classes: [String]

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            school = try container.decodeIfPresent(String.self, forKey: .school)
            role = try container.decode(StaffRole.self, forKey: .role)
            classes = try container.decodeIfPresent([String].self, forKey: .classes) ?? []
        }
    }

    /// `act` (RFC 8693 §4.1): who acts for the student the token is about.
    public struct Actor: Hashable, Sendable, Codable {
        /// The acting person's account ID.
        public var subject: String
        /// Always ``Relation/guardian`` or ``Relation/trusted``.
        public var relation: Relation
        /// The guardian link or trusted invitation the delegation rests on.
        public var grant: String

        enum CodingKeys: String, CodingKey { case subject = "sub", relation, grant }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            subject = try container.decode(String.self, forKey: .subject)
            relation = try container.decode(Relation.self, forKey: .relation)
            grant = try container.decode(String.self, forKey: .grant)
            guard relation == .guardian || relation == .trusted else { throw VerificationError.invalidClaim }
        }
    }
}
