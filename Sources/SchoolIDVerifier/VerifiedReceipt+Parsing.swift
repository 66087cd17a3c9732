import SchoolIDBase
import SchoolIDJOSE

extension VerifiedReceipt {
    /// Reads the receipt claims from a verified payload; the issuer, audience and times
    /// are compared by ``ReceiptVerifier`` afterwards.
    /// - Throws: ``VerificationError/malformed`` (not a JSON object),
    ///   ``VerificationError/missingClaim`` (a required claim absent) or
    ///   ``VerificationError/invalidClaim`` (a claim of the wrong shape or off its list).
    init(payload: [UInt8], keyID: String) throws(VerificationError) {
        guard case .object(let members)? = try? JSONValue(parsing: payload) else { throw .malformed }
        let claims = ReceiptMembers(members: members)
        issuer = try claims.string("iss")
        audience = try claims.string("aud")
        jwtID = try claims.string("jti")
        issuedAt = UnixTime(seconds: try claims.integer("iat"))
        acknowledgement = try claims.string("ack")
        student = try claims.string("student")
        document = try claims.string("document")
        title = try claims.string("title")
        digest = try claims.string("digest")
        signer = try claims.string("signer")
        signerRole = try SignerRole.known(claims.string("signer_role"))
        method = try Method.known(claims.string("method"))
        ledgerIndex = try claims.integer("ledger_index")
        let link = try ClaimMembers(claims.value("link"))
        self.link = Link(id: try link.string("id"), relation: try Relation.known(link.string("relation")),
                         origin: try link.string("origin"))
        self.keyID = keyID
        guard ledgerIndex >= 0, !jwtID.isEmpty, Self.isDigest(digest) else { throw .invalidClaim }
    }

    /// 64 lowercase hex characters (SHA-256).
    static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

/// The top-level claims: absent is ``VerificationError/missingClaim``, a wrong type
/// ``VerificationError/invalidClaim``. `aud` must be one string (the receipt contract).
private struct ReceiptMembers {
    let members: [String: JSONValue]

    func value(_ name: String) throws(VerificationError) -> JSONValue {
        guard let value = members[name], value != .null else { throw .missingClaim }
        return value
    }

    func string(_ name: String) throws(VerificationError) -> String {
        guard case .string(let text) = try value(name) else { throw .invalidClaim }
        return text
    }

    func integer(_ name: String) throws(VerificationError) -> Int64 {
        guard case .integer(let number) = try value(name) else { throw .invalidClaim }
        return number
    }
}
