import SchoolIDBase
import SchoolIDCrypto
import SchoolIDHTTP

/// The pages' two static files: one style sheet and one small progressive-enhancement
/// script, each served under a name carrying the first 8 hex digits of its SHA-256, so
/// a browser may keep it for a year (`immutable`, RFC 8246) and a new release is a new
/// URL. Both come from `'self'`, which is all the pages' Content-Security-Policy allows:
/// no inline style or script anywhere.
enum Assets {
    /// One served file: its path and bytes.
    struct File: Sendable {
        let path: String
        let mediaType: String
        let bytes: [UInt8]

        init(stem: String, extension fileExtension: String, mediaType: String, text: String) {
            bytes = Array(text.utf8)
            let digest = Hex.encode(SHA256.hash(bytes).prefix(4))
            path = "\(Routes.assetsPrefix)\(stem)-\(digest).\(fileExtension)"
            self.mediaType = mediaType
        }

        /// `200` with the bytes, cacheable for a year by anyone (RFC 9111 §5.2.2.9,
        /// RFC 8246) and never sniffed as another type.
        var response: Response {
            var headers = HTTPHeaders()
            headers.set("Content-Type", mediaType)
            headers.set("Cache-Control", "public, max-age=31536000, immutable")
            headers.set("X-Content-Type-Options", "nosniff")
            return Response(status: .ok, headers: headers, body: bytes)
        }
    }

    /// `/assets/schoolid-<hash>.css` (``AssetStylesheet``).
    static let stylesheet = File(stem: "schoolid", extension: "css", mediaType: "text/css; charset=utf-8",
                                 text: AssetStylesheet.text)

    /// `/assets/schoolid-<hash>.js` (``AssetScript``).
    static let script = File(stem: "schoolid", extension: "js", mediaType: "text/javascript; charset=utf-8",
                             text: AssetScript.text)

    /// Registers `GET` for both files.
    static func register(in router: inout Router) {
        for file in [stylesheet, script] {
            let response = file.response
            router.add(.GET, file.path) { _ in response }
        }
    }
}
