import SchoolIDBase
import SchoolIDJOSE

/// One element of an access token's `students` claim (SchoolID's own claim beside
/// RFC 9068 §2.2): a student the person may see, how, which services, and what the
/// access rests on.
public struct StudentClaim: Codable, Hashable, Sendable {
    /// The student's account id (`acc_…`).
    public var id: String
    /// `self`, `guardian` or `trusted`.
    public var relation: String
    /// The granted services' wire names, sorted by name (`attendance`, `diary`,
    /// `nutrition`), so any reader can reproduce the order.
    public var services: [String]
    /// The guardian link id, the trusted invitation id, or (for `self`) the account id.
    public var grant: String

    public init(id: String, relation: String, services: [String], grant: String) {
        self.id = id
        self.relation = relation
        self.services = services
        self.grant = grant
    }

    /// The claim of one access-decision grant.
    public init(_ grant: AccessGrant) {
        self.init(id: grant.studentID.rawValue, relation: grant.via.rawValue,
                  services: grant.services.map(\.rawValue).sorted(), grant: grant.grantID)
    }

    /// The JSON form (what `Codable` writes), built directly: tokens are minted at the
    /// grant rate, and a round trip through Foundation's `JSONEncoder` per claim cost more
    /// than the signature.
    var json: JSONValue {
        .object(["id": .string(id), "relation": .string(relation), "services": .array(services.map { .string($0) }),
                 "grant": .string(grant)])
    }
}

/// One element of an access token's `staff` claim: a staff membership with the classes
/// it covers by name. Never a student list (the roster is a separate permission).
public struct StaffClaim: Codable, Hashable, Sendable {
    /// The school id (`sch_…`); absent for a platform admin.
    public var school: String?
    /// `teacher`, `school_admin` or `platform_admin`.
    public var role: String
    /// For a teacher, the classes they teach in that school, sorted; empty for a school
    /// admin (the role covers every class of the school, and listing them would grow
    /// the token with the school) and a platform admin.
    public var classes: [String]

    public init(school: String?, role: String, classes: [String]) {
        self.school = school
        self.role = role
        self.classes = classes
    }

    /// The JSON form (what `Codable` writes: no `school` member when it is absent).
    var json: JSONValue {
        var members: [String: JSONValue] = ["role": .string(role), "classes": .array(classes.map { .string($0) })]
        if let school { members["school"] = .string(school) }
        return .object(members)
    }
}

/// The `act` claim of a token-exchange result (RFC 8693 §4.1): who acts for the
/// student, how and on what grant.
public struct ActorClaim: Codable, Hashable, Sendable {
    /// The acting person's account id.
    public var sub: String
    /// `guardian` or `trusted`.
    public var relation: String
    /// The guardian link id or trusted invitation id.
    public var grant: String

    public init(sub: String, relation: String, grant: String) {
        self.sub = sub
        self.relation = relation
        self.grant = grant
    }

    /// The JSON form (what `Codable` writes).
    var json: JSONValue { .object(["sub": .string(sub), "relation": .string(relation), "grant": .string(grant)]) }
}

/// A signed token and what the endpoints need to know about it.
public struct IssuedToken: Hashable, Sendable {
    /// The JWS compact serialization.
    public let compact: String
    /// `jti`: 128 random bits, base64url.
    public let jwtID: String
    /// `iat`.
    public let issuedAt: UnixTime
    /// `exp`.
    public let expiresAt: UnixTime

    /// Seconds from issue to expiry (the token response's `expires_in`, RFC 6749 §5.1).
    public var lifetimeSeconds: Int64 { expiresAt.seconds - issuedAt.seconds }
}

/// Why a token could not be issued: an operator's setup problem, never an attacker's
/// doing, so it names the missing piece.
public struct TokenIssuanceError: Error, Hashable, CustomStringConvertible {
    public let description: String

    /// The keyring has no active token key for the algorithm.
    public static func noActiveKey(_ algorithm: String) -> TokenIssuanceError {
        TokenIssuanceError(description: "no active token signing key for \(algorithm)")
    }
}
