internal import CSchoolIDOpenSSL

/// Collects `OSSL_PARAM`s for `EVP_PKEY_fromdata` through `OSSL_PARAM_BLD`.
///
/// `OSSL_PARAM_BLD_push_*` keeps a *reference* to the key name and to big numbers, strings and octets, and
/// copies them only in `OSSL_PARAM_BLD_to_param`, so everything pushed is owned here
/// until the builder is released, then wiped.
final class ParameterBuilder {
    private let builder: OpaquePointer
    private var numbers: [OpaquePointer] = []
    private var buffers: [UnsafeMutableRawBufferPointer] = []

    init() throws {
        guard let builder = OSSL_PARAM_BLD_new() else { throw CryptoError.openSSL("OSSL_PARAM_BLD_new") }
        self.builder = builder
    }

    deinit {
        for number in numbers { BN_clear_free(number) }
        for buffer in buffers {
            wipe(buffer)
            buffer.deallocate()
        }
        OSSL_PARAM_BLD_free(builder)
    }

    /// Pushes an unsigned big-endian integer.
    func push(_ name: String, bigEndian bytes: [UInt8]) throws {
        let number = try BigNumber.make(bytes)
        numbers.append(number)
        guard OSSL_PARAM_BLD_push_BN(builder, cString(name), number) == 1 else {
            throw CryptoError.openSSL("OSSL_PARAM_BLD_push_BN(\(name))")
        }
    }

    /// Pushes a big number the builder should take over (freed with the builder).
    func push(_ name: String, number: OpaquePointer) throws {
        numbers.append(number)
        guard OSSL_PARAM_BLD_push_BN(builder, cString(name), number) == 1 else {
            throw CryptoError.openSSL("OSSL_PARAM_BLD_push_BN(\(name))")
        }
    }

    /// Pushes a UTF-8 string.
    func push(_ name: String, string: String) throws {
        let buffer = retain(Array(string.utf8) + [0])
        let text = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
        guard OSSL_PARAM_BLD_push_utf8_string(builder, cString(name), text, buffer.count - 1) == 1 else {
            throw CryptoError.openSSL("OSSL_PARAM_BLD_push_utf8_string(\(name))")
        }
    }

    /// Pushes an octet string.
    func push(_ name: String, octets: [UInt8]) throws {
        let buffer = retain(octets)
        guard OSSL_PARAM_BLD_push_octet_string(builder, cString(name), buffer.baseAddress, octets.count) == 1 else {
            throw CryptoError.openSSL("OSSL_PARAM_BLD_push_octet_string(\(name))")
        }
    }

    /// A NUL-terminated copy of `text` that lives as long as the builder.
    private func cString(_ text: String) -> UnsafePointer<CChar> {
        UnsafePointer(retain(Array(text.utf8) + [0]).baseAddress!.assumingMemoryBound(to: CChar.self))
    }

    /// A copy of `bytes` that lives as long as the builder.
    private func retain(_ bytes: [UInt8]) -> UnsafeMutableRawBufferPointer {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        buffer.copyBytes(from: bytes)
        buffers.append(buffer)
        return buffer
    }

    /// Runs `body` with the finished parameter array, then frees (and clears) it.
    func withParameters<R>(_ body: (UnsafeMutablePointer<OSSL_PARAM>) throws -> R) throws -> R {
        guard let parameters = OSSL_PARAM_BLD_to_param(builder) else {
            throw CryptoError.openSSL("OSSL_PARAM_BLD_to_param")
        }
        defer {
            // OSSL_PARAM_clear_free arrived in 3.2; wipe private components by hand on 3.0.
            var cursor = parameters
            while cursor.pointee.key != nil {
                if let data = cursor.pointee.data { OPENSSL_cleanse(data, cursor.pointee.data_size) }
                cursor += 1
            }
            OSSL_PARAM_free(parameters)
        }
        return try body(parameters)
    }
}
