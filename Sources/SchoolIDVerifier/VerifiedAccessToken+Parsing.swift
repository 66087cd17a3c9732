import SchoolIDJOSE

/// Reads the SchoolID claims straight from the parsed JSON, with the shapes the
/// `Decodable` conformances define (required members, optional ones, known vocabulary):
/// going through Foundation's `JSONDecoder` re-encoded every claim and cost a third of a
/// verification (`schoolid bench tokens`).
extension VerifiedAccessToken.Student {
    init(claim value: JSONValue) throws(VerificationError) {
        let members = try ClaimMembers(value)
        id = try members.string("id")
        relation = try VerifiedAccessToken.Relation.known(members.string("relation"))
        services = try members.strings("services")
        grant = try members.string("grant")
    }
}

extension VerifiedAccessToken.StaffMembership {
    init(claim value: JSONValue) throws(VerificationError) {
        let members = try ClaimMembers(value)
        school = try members.optionalString("school")
        role = try VerifiedAccessToken.StaffRole.known(members.string("role"))
        classes = try members.optionalStrings("classes") ?? []
    }
}

extension VerifiedAccessToken.Actor {
    init(claim value: JSONValue) throws(VerificationError) {
        let members = try ClaimMembers(value)
        subject = try members.string("sub")
        relation = try VerifiedAccessToken.Relation.known(members.string("relation"))
        grant = try members.string("grant")
        guard relation == .guardian || relation == .trusted else { throw .invalidClaim }
    }
}

extension ClaimVocabulary {
    /// The value for a wire string that must be on the list.
    /// - Throws: ``VerificationError/invalidClaim`` otherwise.
    static func known(_ value: String) throws(VerificationError) -> Self {
        guard known.contains(value) else { throw .invalidClaim }
        return Self(rawValue: value)
    }
}

/// The members of one JSON object inside a claim.
struct ClaimMembers {
    private let members: [String: JSONValue]

    /// - Throws: ``VerificationError/invalidClaim`` when `value` is not an object.
    init(_ value: JSONValue) throws(VerificationError) {
        guard case .object(let members) = value else { throw .invalidClaim }
        self.members = members
    }

    func string(_ name: String) throws(VerificationError) -> String {
        guard let value = try optionalString(name) else { throw .invalidClaim }
        return value
    }

    func optionalString(_ name: String) throws(VerificationError) -> String? {
        switch members[name] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw .invalidClaim
        }
    }

    func strings(_ name: String) throws(VerificationError) -> [String] {
        guard let values = try optionalStrings(name) else { throw .invalidClaim }
        return values
    }

    func optionalStrings(_ name: String) throws(VerificationError) -> [String]? {
        guard let value = members[name], value != .null else { return nil }
        return try Self.strings(value)
    }

    /// A JSON array of strings.
    static func strings(_ value: JSONValue) throws(VerificationError) -> [String] {
        guard case .array(let elements) = value else { throw .invalidClaim }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let string) = element else { throw .invalidClaim }
            strings.append(string)
        }
        return strings
    }
}
