internal import CSchoolIDOpenSSL
import Synchronization

/// Initialised `EVP_PKEY_CTX`s for one key and one operation, kept for reuse.
///
/// Creating a context and running `EVP_PKEY_sign_init` fetches the signature algorithm
/// from the provider store on every call, which costs about a third of an ECDSA
/// signature. An initialised context can sign or verify any number of digests, so each
/// key keeps a few; concurrent callers each take their own.
// SAFETY: `key` is only passed to EVP_PKEY_CTX_new_from_pkey (read-only, thread-safe);
// the contexts are guarded by the Mutex and each is used by one caller at a time.
final class PKeyContextPool: @unchecked Sendable {
    enum Operation: Sendable { case sign, verify }

    private static let capacity = 16

    // SAFETY: idle contexts are reached only under the Mutex; a taken context belongs to
    // one caller until it is returned or freed.
    private struct Contexts: @unchecked Sendable { var items: [OpaquePointer] = [] }

    private let key: OpaquePointer
    private let operation: Operation
    private let digest: MessageDigest
    private let idle = Mutex(Contexts())

    /// `key` is the owning EVPKey's pointer; contexts take their own reference to it.
    init(key: OpaquePointer, operation: Operation, digest: MessageDigest) {
        self.key = key
        self.operation = operation
        self.digest = digest
    }

    deinit {
        idle.withLock { contexts in
            for context in contexts.items { EVP_PKEY_CTX_free(context) }
            contexts.items.removeAll()
        }
    }

    /// Runs `body` with an initialised context; a context whose operation failed is discarded.
    func withContext<R>(_ body: (OpaquePointer) throws -> R) throws -> R {
        let context = try idle.withLock { $0.items.popLast() } ?? makeContext()
        do {
            let result = try body(context)
            let kept = idle.withLock { contexts -> Bool in
                guard contexts.items.count < Self.capacity else { return false }
                contexts.items.append(context)
                return true
            }
            if !kept { EVP_PKEY_CTX_free(context) }
            return result
        } catch {
            EVP_PKEY_CTX_free(context)
            throw error
        }
    }

    private func makeContext() throws -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else {
            throw CryptoError.openSSL("EVP_PKEY_CTX_new_from_pkey")
        }
        let initialised = operation == .sign ? EVP_PKEY_sign_init(context) : EVP_PKEY_verify_init(context)
        guard initialised == 1, EVP_PKEY_CTX_set_signature_md(context, digest.pointer) == 1 else {
            EVP_PKEY_CTX_free(context)
            throw CryptoError.openSSL("EVP_PKEY_\(operation)_init")
        }
        return context
    }
}
