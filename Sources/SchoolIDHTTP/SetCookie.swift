import SchoolIDBase

/// Why a `SetCookie` could not be built.
public struct CookieError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable snake_case code.
    public let code: String

    /// The name is empty or not a token (RFC 6265 §4.1.1).
    public static let invalidName = CookieError(code: "invalid_cookie_name")
    /// The value has characters outside `cookie-octet` (RFC 6265 §4.1.1).
    public static let invalidValue = CookieError(code: "invalid_cookie_value")
    /// The path is empty, or has controls or `;` (RFC 6265 §4.1.1 `path-value`).
    public static let invalidPath = CookieError(code: "invalid_cookie_path")
    /// The domain is not letters, digits, `-` and `.` (RFC 6265 §4.1.2.3).
    public static let invalidDomain = CookieError(code: "invalid_cookie_domain")
    /// `SameSite=None` without `Secure` (browsers drop such cookies).
    public static let sameSiteNoneRequiresSecure = CookieError(code: "same_site_none_requires_secure")

    public var description: String { code }
}

/// A `Set-Cookie` response field (RFC 6265 §4.1), validated when built.
public struct SetCookie: Sendable, Hashable {
    /// The `SameSite` attribute (RFC 6265bis §4.1.2.7).
    public enum SameSite: String, Sendable, Hashable {
        case lax = "Lax", strict = "Strict", none = "None"
    }

    public let name: String
    public let value: String
    public let path: String?
    public let domain: String?
    /// Seconds until expiry; 0 or less deletes the cookie (RFC 6265 §5.2.2).
    public let maxAge: Int?
    /// Absolute expiry, written as IMF-fixdate (RFC 6265 §4.1.1, RFC 9110 §5.6.7).
    public let expires: UnixTime?
    public let secure: Bool
    public let httpOnly: Bool
    public let sameSite: SameSite?

    /// Builds a cookie; secure defaults (`Secure`, `HttpOnly`, `SameSite=Lax`, `Path=/`).
    /// - Throws: `CookieError` for a name, value, path or domain with invalid characters,
    ///   or `SameSite=None` without `Secure`.
    public init(name: String, value: String, path: String? = "/", domain: String? = nil, maxAge: Int? = nil,
                expires: UnixTime? = nil, secure: Bool = true, httpOnly: Bool = true,
                sameSite: SameSite? = .lax) throws(CookieError) {
        guard Cookie.isName(name) else { throw .invalidName }
        guard Cookie.isValue(value) else { throw .invalidValue }
        if let path {
            guard !path.isEmpty, path.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x3B }) else {
                throw .invalidPath
            }
        }
        if let domain {
            guard !domain.isEmpty, domain.utf8.allSatisfy({ byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x2D || byte == 0x2E
            }) else { throw .invalidDomain }
        }
        if sameSite == SameSite.none && !secure { throw .sameSiteNoneRequiresSecure }
        self.name = name
        self.value = value
        self.path = path
        self.domain = domain
        self.maxAge = maxAge
        self.expires = expires
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
    }

    /// The field value: `name=value` then `Path`, `Domain`, `Max-Age`, `Expires`,
    /// `Secure`, `HttpOnly`, `SameSite` in that order, separated by `"; "`.
    public var headerValue: String {
        var parts = ["\(name)=\(value)"]
        if let path { parts.append("Path=\(path)") }
        if let domain { parts.append("Domain=\(domain)") }
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if let expires { parts.append("Expires=\(IMFFixdate.format(expires))") }
        if secure { parts.append("Secure") }
        if httpOnly { parts.append("HttpOnly") }
        if let sameSite { parts.append("SameSite=\(sameSite.rawValue)") }
        return parts.joined(separator: "; ")
    }
}

extension HTTPHeaders {
    /// Appends a `Set-Cookie` field (one per cookie, RFC 6265 §3).
    public mutating func add(_ cookie: SetCookie) {
        add("Set-Cookie", cookie.headerValue)
    }
}
