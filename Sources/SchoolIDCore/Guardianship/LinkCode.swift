import SchoolIDBase
import SchoolIDCrypto

/// A one-time code that links the guardian who types it to one student: issued by the
/// class teacher or a school admin, printed on the credential slip or handed over.
///
/// The code is 10 characters of a 27-symbol alphabet without look-alikes (47.5 bits,
/// above the 40), shown as `XXXXX-XXXXX`. Only its HMAC-SHA-256 under the
/// keyring's `otp` key is stored (as OTP codes: ``OTPCode``), so a database copy
/// yields no usable code; the HMAC is the lookup key, so it binds no row id. Single use
/// (``usedAt`` set by a conditional update), valid until ``expiresAt``. Wrong guesses
/// are counted by the shared password attempt counters, never by the code itself.
public struct LinkCode: Hashable, Sendable {
    /// The kind tag of link code identifiers (`lnk_…`).
    public enum Kind: IdentifierKind {
        public static let prefix = "lnk"
        public static let noun = "a link code identifier"
    }

    /// A link code identifier.
    public typealias ID = Identifier<Kind>

    /// Upper-case Latin letters and digits without the look-alikes 0/O, 1/I/L, 5/S,
    /// 8/B: 27 symbols.
    public static let alphabet: [Character] = Array("ACDEFGHJKMNPQRTUVWXYZ234679")
    /// Characters of a code (without the hyphen).
    public static let length = 10

    public var id: ID
    public var studentID: Account.ID
    /// ``hash(_:key:)`` of the code.
    public var codeHMAC: [UInt8]
    /// The `otp` key version the HMAC was made with.
    public var codeKeyVersion: Int
    /// The teacher or admin who issued it (`nil`: the command line).
    public var issuedBy: Account.ID?
    public var createdAt: UnixTime
    public var expiresAt: UnixTime
    public var usedAt: UnixTime?

    public init(id: ID, studentID: Account.ID, codeHMAC: [UInt8], codeKeyVersion: Int, issuedBy: Account.ID?,
                createdAt: UnixTime, expiresAt: UnixTime, usedAt: UnixTime? = nil)
    {
        self.id = id
        self.studentID = studentID
        self.codeHMAC = codeHMAC
        self.codeKeyVersion = codeKeyVersion
        self.issuedBy = issuedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }

    /// A fresh code, `XXXXX-XXXXX`, drawn uniformly from ``alphabet``.
    public static func generate(using random: any RandomSource) -> Secret<String> {
        let symbols = random.string(length: length, alphabet: alphabet)
        return Secret(format(symbols))
    }

    /// The canonical form of typed text: upper-cased, spaces and hyphens dropped, then
    /// grouped `XXXXX-XXXXX`; `nil` unless it is ``length`` symbols of ``alphabet``.
    public static func normalise(_ text: String) -> String? {
        let symbols = text.uppercased().filter { $0 != "-" && $0 != " " }
        guard symbols.count == length, symbols.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return format(symbols)
    }

    /// HMAC-SHA-256 (RFC 2104) under the `otp` key over `schoolid:v1:link_code:<code>`
    /// (the canonical form), the label keeping it apart from OTP code hashes.
    public static func hash(_ code: String, key: SymmetricKey) -> [UInt8] {
        HMAC.sha256(key: key.unsafeBytes, data: Array("schoolid:v1:link_code:\(code)".utf8))
    }

    private static func format(_ symbols: String) -> String {
        "\(symbols.prefix(5))-\(symbols.dropFirst(5))"
    }
}
