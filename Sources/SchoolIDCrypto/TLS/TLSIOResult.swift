/// The outcome of one non-blocking ``TLSSession`` operation.
///
/// `wantRead` / `wantWrite` name the socket readiness to wait for before calling the
/// *same* operation again. Either can follow any operation: a TLS read may need to
/// write (a TLS 1.3 KeyUpdate answer, RFC 8446 §4.6.3) and a write may need to read.
public enum TLSIOResult: Sendable, Equatable {
    /// The operation finished: bytes read or written, or `0` for a completed handshake
    /// or a sent close_notify.
    case done(Int)
    /// Wait until the socket is readable, then retry.
    case wantRead
    /// Wait until the socket is writable, then retry.
    case wantWrite
    /// The peer closed the connection: close_notify (RFC 8446 §6.1) or end of stream.
    case closed
}
