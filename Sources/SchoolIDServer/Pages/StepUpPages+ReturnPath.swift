import SchoolIDHTTP

extension StepUpPages {
    /// The page prefixes step-up may return to: the account's own pages and the teacher
    /// console and the admin console, the pages whose actions need a step-up.
    static let returnPrefixes = [Routes.accountPage, Routes.teacherPage, Routes.adminPage]

    /// Where a step-up returns when the request names no page.
    static let defaultReturn = Routes.accountPage

    /// The longest `return_to` accepted.
    static let maximumReturnLength = 256

    /// `raw` when it is a local page path under ``returnPrefixes``, else `nil`.
    ///
    /// An open redirect lets a phishing link borrow this origin's trust (OWASP ASVS 5.0
    /// §3.7.2; RFC 9700 §4.11.2), so only a plain absolute path is accepted (RFC 3986
    /// §4.2 `path-absolute`): unreserved characters and `/`, no empty segment (`//host`
    /// is a network-path reference), no `.` or `..` segment, no `\` (browsers read it as
    /// `/`), no scheme, query or fragment, and no percent-encoding left after decoding.
    static func returnPath(_ raw: String) -> String? {
        guard raw.utf8.count <= maximumReturnLength, raw.hasPrefix("/"),
              raw.utf8.allSatisfy(isPathByte)
        else { return nil }
        let segments = raw.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return nil }
        guard returnPrefixes.contains(where: { raw == $0 || raw.hasPrefix($0 + "/") }) else { return nil }
        return raw
    }

    /// `303` to the step-up page, asking it to come back to `page` afterwards.
    /// - Parameter page: a path ``returnPath(_:)`` accepts; anything else returns to
    ///   ``defaultReturn``.
    static func redirect(returningTo page: String) -> Response {
        // The accepted bytes need no escaping in a query (RFC 3986 §3.4 allows `/`).
        let target = returnPath(page) ?? defaultReturn
        return PageResponse.redirect(to: "\(Routes.stepUpPage)?return_to=\(target)")
    }

    /// RFC 3986 §2.3 unreserved characters and the `/` separator.
    private static func isPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
             UInt8(ascii: "~"), UInt8(ascii: "/"): true
        default: false
        }
    }
}
