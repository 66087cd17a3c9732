import Foundation
import SchoolIDCrypto

/// Drives non-blocking TLS steps with a poll(2) loop: no sleeps, and a stall fails the
/// test after 10 s instead of hanging it.
enum TLSPump {
    /// One side: its socket and a step that returns `.wantRead`/`.wantWrite` to be polled
    /// and retried, or a final `.done`/`.closed`.
    struct Party {
        let fd: Int32
        let step: () throws -> TLSIOResult
    }

    /// Steps every party, in order, until each has a final result; rethrows the first error.
    @discardableResult
    static func run(_ parties: [Party]) throws -> [TLSIOResult] {
        var results = [TLSIOResult?](repeating: nil, count: parties.count)
        var events = [Int16](repeating: 0, count: parties.count)
        for _ in 0..<10_000 {
            for index in parties.indices where results[index] == nil {
                switch try parties[index].step() {
                case .wantRead: events[index] = Int16(POLLIN)
                case .wantWrite: events[index] = Int16(POLLOUT)
                case let final: results[index] = final
                }
            }
            let waiting = parties.indices.filter { results[$0] == nil }
            if waiting.isEmpty { return results.map { $0! } }
            var fds = waiting.map { pollfd(fd: parties[$0].fd, events: events[$0], revents: 0) }
            guard poll(&fds, nfds_t(fds.count), 10_000) > 0 else { throw TLSTestError("stalled: nothing ready in 10 s") }
        }
        throw TLSTestError("stalled: 10,000 rounds")
    }

    /// A step that performs the handshake.
    static func handshake(_ session: TLSSession, _ fd: Int32) -> Party {
        Party(fd: fd) { try session.handshake() }
    }

    /// A step that writes all of `bytes` (partial writes continue where they stopped).
    static func write(_ bytes: [UInt8], with session: TLSSession, _ fd: Int32) -> Party {
        var offset = 0
        return Party(fd: fd) {
            while offset < bytes.count {
                let result = try session.write(Array(bytes[offset...]))
                guard case .done(let count) = result else { return result }
                offset += count
            }
            return .done(offset)
        }
    }

    /// A step that reads until `count` bytes are in `box` (or the peer closes).
    static func read(_ count: Int, into box: ByteBox, with session: TLSSession, _ fd: Int32) -> Party {
        Party(fd: fd) {
            while box.bytes.count < count {
                let result = try session.read(into: &box.bytes, maximum: count - box.bytes.count)
                guard case .done = result else { return result }
            }
            return .done(box.bytes.count)
        }
    }
}

/// Bytes read by a ``TLSPump`` step.
final class ByteBox {
    var bytes: [UInt8] = []
}
