internal import CSchoolIDOpenSSL

/// Overwrites `buffer` with zeros in a way the compiler cannot elide (`OPENSSL_cleanse`).
func wipe(_ buffer: UnsafeMutableRawBufferPointer) {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return }
    OPENSSL_cleanse(base, buffer.count)
}
