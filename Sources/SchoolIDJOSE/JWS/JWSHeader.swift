/// A JWS Protected Header (RFC 7515 §4) as SchoolID reads and writes it.
///
/// `alg` is always present and on the ``JWSAlgorithm`` allow-list. `crit` is rejected
/// outright: no extension is understood (RFC 7515 §4.1.11). Parameters not modelled here
/// are kept in ``extra`` so they survive parsing.
public struct JWSHeader: Hashable, Sendable {
    /// `alg` (RFC 7515 §4.1.1).
    public var algorithm: JWSAlgorithm
    /// `typ` (RFC 7515 §4.1.9), e.g. `at+jwt` (RFC 9068 §2.1) or `JWT`.
    public var type: String?
    /// `kid` (RFC 7515 §4.1.4); SchoolID's key IDs are RFC 7638 thumbprints.
    public var keyID: String?
    /// Every other header parameter, as parsed.
    public var extra: [String: JSONValue]

    /// Header parameters that this type models or forbids, and so may not appear in `extra`.
    static let reservedNames: Set<String> = ["alg", "typ", "kid", "crit"]

    /// Creates a header.
    /// - Precondition: `extra` names none of `alg`, `typ`, `kid`, `crit`.
    public init(algorithm: JWSAlgorithm, type: String? = nil, keyID: String? = nil, extra: [String: JSONValue] = [:]) {
        precondition(Self.reservedNames.isDisjoint(with: extra.keys), "alg/typ/kid/crit are set through their own properties")
        self.algorithm = algorithm
        self.type = type
        self.keyID = keyID
        self.extra = extra
    }

    /// Parses the decoded header bytes.
    /// - Throws: `JOSEError.malformed` (not a JSON object, `alg`/`typ`/`kid` not strings),
    ///   `.unsupportedAlgorithm` (`alg` missing or off the allow-list), `.criticalHeader` (`crit` present).
    init(jsonBytes: [UInt8]) throws(JOSEError) {
        var members = try JSONParser.object(from: jsonBytes)
        if members["crit"] != nil { throw .criticalHeader }
        guard let alg = members.removeValue(forKey: "alg") else { throw .unsupportedAlgorithm }
        guard let algName = alg.stringValue else { throw .malformed }
        algorithm = try JWSAlgorithm(headerValue: algName)
        type = try Self.optionalString(members.removeValue(forKey: "typ"))
        keyID = try Self.optionalString(members.removeValue(forKey: "kid"))
        extra = members
    }

    /// The header as compact, key-sorted JSON bytes (the input to BASE64URL in RFC 7515 §5.1 step 2).
    func jsonBytes() throws(JOSEError) -> [UInt8] {
        if extra.isEmpty {
            // The common case, written directly: members in sorted order (alg < kid < typ).
            var out: [UInt8] = []
            out.reserveCapacity(128)
            out.append(contentsOf: #"{"alg":"#.utf8)
            JSONWriter.writeString(algorithm.rawValue, to: &out)
            if let keyID {
                out.append(contentsOf: #","kid":"#.utf8)
                JSONWriter.writeString(keyID, to: &out)
            }
            if let type {
                out.append(contentsOf: #","typ":"#.utf8)
                JSONWriter.writeString(type, to: &out)
            }
            out.append(UInt8(ascii: "}"))
            return out
        }
        var members = extra
        members["alg"] = .string(algorithm.rawValue)
        if let type { members["typ"] = .string(type) }
        if let keyID { members["kid"] = .string(keyID) }
        return try JSONWriter.encode(object: members)
    }

    private static func optionalString(_ value: JSONValue?) throws(JOSEError) -> String? {
        guard let value else { return nil }
        guard let string = value.stringValue else { throw .malformed }
        return string
    }
}
