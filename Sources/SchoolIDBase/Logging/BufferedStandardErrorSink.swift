import Foundation
import Synchronization

/// Standard error with a small buffer: lines are written in batches (when 32 KiB have
/// gathered, and at least every 50 ms), so a busy server's access log costs one
/// `write(2)` per batch instead of one per request. ``flush()`` writes what is pending
/// (`serve` calls it at shutdown); a crash can lose at most the last 50 ms of log lines,
/// never data the service acknowledged.
public final class BufferedStandardErrorSink: LogSink {
    private static let flushBytes = 32 * 1024
    private let descriptor: Int32
    private let pending = Mutex<[UInt8]>([])
    /// Held across take-and-write so batches reach the file in order.
    private let writing = Mutex(())

    /// Creates the sink and its flushing thread (it lives as long as the process).
    /// - Parameter descriptor: where lines go; standard error unless a test says otherwise.
    public init(descriptor: Int32 = 2) {
        self.descriptor = descriptor
        let thread = Thread { [self] in
            while true {
                flush()
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        thread.name = "log-flush"
        thread.start()
    }

    public func write(line: String) {
        let full = pending.withLock { buffer -> Bool in
            buffer.append(contentsOf: line.utf8)
            buffer.append(UInt8(ascii: "\n"))
            return buffer.count >= Self.flushBytes
        }
        if full { flush() }
    }

    /// Writes every pending line now.
    public func flush() {
        writing.withLock { _ in
            let batch = pending.withLock { buffer -> [UInt8] in
                defer { buffer.removeAll(keepingCapacity: true) }
                return buffer
            }
            Self.writeAll(batch, to: descriptor)
        }
    }

    private static func writeAll(_ batch: [UInt8], to descriptor: Int32) {
        batch.withUnsafeBytes { bytes in
            guard bytes.count > 0 else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
