import SchoolIDBase
import SchoolIDJOSE

/// The ack keys document (`GET /v1/ledger/keys`) as a ``ReceiptVerifier`` uses it: the
/// keys, and the period each one signed in.
///
/// Only this document supplies receipt keys: a token key from the JWKS is never among
/// them (RFC 8725 §3.12), so it cannot verify a receipt.
struct AckKeys: Sendable {
    /// When a key signed: `[activeFrom, retiredAt)`; `activeFrom` `nil` for a key never activated.
    struct Period: Sendable {
        let activeFrom: UnixTime?
        let retiredAt: UnixTime?

        /// Whether the key was active at `time`. A key never activated was active at no time.
        func contains(_ time: UnixTime) -> Bool {
            guard let activeFrom, activeFrom <= time else { return false }
            return retiredAt.map { time < $0 } ?? true
        }
    }

    let keys: KeySet
    let periods: [String: Period]

    /// Parses `{"keys": [{"jwk": {…}, "active_from": n | null, "retired_at": n | null}]}`.
    /// `alg: "Ed25519"` on an OKP Ed25519 key is read as `EdDSA`, as in the token JWKS.
    /// - Throws: ``VerificationError/jwksUnavailable`` for any other shape, a private or
    ///   unusable key, or a `kid` listed twice.
    static func parse(_ body: [UInt8]) throws -> AckKeys {
        guard case .object(let document)? = try? JSONValue(parsing: body), case .array(let entries)? = document["keys"] else {
            throw VerificationError(.jwksUnavailable, detail: "the ack keys document is not {\"keys\": [...]}")
        }
        var jwks: [PublicJWK] = []
        var periods: [String: Period] = [:]
        for entry in entries {
            let malformed = VerificationError(.jwksUnavailable, detail: "the ack keys document holds a malformed entry")
            guard case .object(let members) = entry, let jwkValue = members["jwk"],
                  var jwk = try? jwkValue.decode(PublicJWK.self), let keyID = jwk.keyID,
                  let activeFrom = Self.time(members["active_from"]), let retiredAt = Self.time(members["retired_at"])
            else { throw malformed }
            if jwk.keyType == "OKP", jwk.curve == "Ed25519", jwk.algorithm == "Ed25519" { jwk.algorithm = JWSAlgorithm.EdDSA.rawValue }
            jwks.append(jwk)
            periods[keyID] = Period(activeFrom: activeFrom.time, retiredAt: retiredAt.time)
        }
        do {
            return AckKeys(keys: try KeySet(jwks: JWKS(keys: jwks)), periods: periods)
        } catch {
            throw VerificationError(.jwksUnavailable, detail: "the ack keys document holds an unusable key (\(error))")
        }
    }

    /// A member that must be present: an integer of unix seconds, or `null` (`time` nil);
    /// `nil` when absent or of another type.
    private static func time(_ value: JSONValue?) -> Stamp? {
        switch value {
        case .null?: return Stamp(time: nil)
        case .integer(let seconds)?: return Stamp(time: UnixTime(seconds: seconds))
        default: return nil
        }
    }

    /// A present `active_from` / `retired_at` member.
    private struct Stamp {
        let time: UnixTime?
    }
}
