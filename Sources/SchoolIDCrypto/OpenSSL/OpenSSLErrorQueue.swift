internal import CSchoolIDOpenSSL

/// The thread-local OpenSSL error queue (`ERR_get_error`).
enum OpenSSLErrorQueue {
    /// Removes every queued error and returns OpenSSL's text for each, oldest first.
    static func drain() -> [String] {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { return reasons }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
    }

    /// Discards queued errors left behind by calls that still succeeded
    /// (PEM decoding tries several decoders), so they cannot pollute a later error.
    static func clear() { ERR_clear_error() }
}

extension CryptoError {
    /// `internalFailure` with the OpenSSL queue drained, for a call that should not fail.
    static func openSSL(_ call: String) -> CryptoError {
        CryptoError.internalFailure.drainingOpenSSLErrors(after: call)
    }
}
