import SchoolIDBase
import SchoolIDJOSE

extension Verifier {
    /// Types the claims of a verified access token (RFC 9068 §2.2 and the SchoolID claims).
    static func accessToken(from claims: JWTClaims) throws -> VerifiedAccessToken {
        guard let subject = claims.subject, let audience = claims.audience, let expiresAt = claims.expiresAt,
              let issuedAt = claims.issuedAt, let jwtID = claims.jwtID
        else { throw VerificationError(.missingClaim, detail: "sub, aud, exp, iat and jti are required") }
        guard let clientID = try string("client_id", in: claims) else {
            throw VerificationError(.missingClaim, detail: "client_id is required")
        }
        let scope = try string("scope", in: claims) ?? ""
        let token = VerifiedAccessToken(
            subject: subject, clientID: clientID, audience: audience,
            scopes: scope.split(separator: " ").map(String.init), issuedAt: issuedAt, expiresAt: expiresAt,
            jwtID: jwtID, sessionID: try string("sid", in: claims), authTime: try time("auth_time", in: claims),
            amr: try strings("amr", in: claims) ?? [], acr: try string("acr", in: claims),
            students: try array("students", in: claims, VerifiedAccessToken.Student.init(claim:)),
            staff: try array("staff", in: claims, VerifiedAccessToken.StaffMembership.init(claim:)),
            actor: try claims.extra["act"].map { value throws(VerificationError) in
                do { return try VerifiedAccessToken.Actor(claim: value) } catch { throw invalid("act") }
            })
        try checkDelegation(token)
        return token
    }

    /// A delegated token (RFC 8693 §4.1 `act`) speaks for exactly one student, its
    /// subject, through the actor's relation and grant, and carries no `staff`; a token
    /// that lists its own subject with a relation other than `self` is a delegation
    /// without its actor. Either inconsistency is ``VerificationError/invalidClaim``,
    /// so a delegated result always carries its actor.
    private static func checkDelegation(_ token: VerifiedAccessToken) throws {
        if let actor = token.actor {
            guard token.staff == nil, let students = token.students, students.count == 1,
                  students[0].id == token.subject, students[0].relation == actor.relation,
                  students[0].grant == actor.grant
            else {
                throw VerificationError(.invalidClaim, detail: "a delegated token names one student, its subject, as act does")
            }
        } else if token.students?.contains(where: { $0.id == token.subject && $0.relation != .self }) == true {
            throw VerificationError(.invalidClaim, detail: "a token about a student acted for must carry act")
        }
    }

    /// Types the claims of a verified ID token (OIDC Core §2).
    static func idToken(from claims: JWTClaims) throws -> VerifiedIDToken {
        guard let subject = claims.subject, let audience = claims.audience, let expiresAt = claims.expiresAt,
              let issuedAt = claims.issuedAt
        else { throw VerificationError(.missingClaim, detail: "sub, aud, exp and iat are required") }
        return VerifiedIDToken(
            subject: subject, audience: audience, issuedAt: issuedAt, expiresAt: expiresAt,
            authTime: try time("auth_time", in: claims), nonce: try string("nonce", in: claims),
            amr: try strings("amr", in: claims) ?? [], acr: try string("acr", in: claims),
            sessionID: try string("sid", in: claims), accessTokenHash: try string("at_hash", in: claims))
    }

    private static func string(_ name: String, in claims: JWTClaims) throws -> String? {
        guard let value = claims.extra[name] else { return nil }
        guard let string = value.stringValue else { throw invalid(name) }
        return string
    }

    private static func time(_ name: String, in claims: JWTClaims) throws -> UnixTime? {
        switch claims.extra[name] {
        case nil: return nil
        case .integer(let seconds)?: return UnixTime(seconds: seconds)
        default: throw invalid(name)
        }
    }

    private static func strings(_ name: String, in claims: JWTClaims) throws(VerificationError) -> [String]? {
        guard let value = claims.extra[name] else { return nil }
        do { return try ClaimMembers.strings(value) } catch { throw invalid(name) }
    }

    /// A claim that is an array of objects, each read by `element`.
    private static func array<T>(_ name: String, in claims: JWTClaims,
                                 _ element: (JSONValue) throws(VerificationError) -> T) throws(VerificationError) -> [T]?
    {
        guard let value = claims.extra[name] else { return nil }
        guard case .array(let elements) = value else { throw invalid(name) }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        do {
            for item in elements { result.append(try element(item)) }
        } catch {
            throw invalid(name)
        }
        return result
    }

    private static func invalid(_ name: String) -> VerificationError {
        VerificationError(.invalidClaim, detail: "the \(name) claim has the wrong shape")
    }
}
