import Foundation
import Synchronization

/// Severity of a log line.
public enum LogLevel: Int, Sendable, Comparable, Codable, CaseIterable {
    case debug, info, notice, warning, error

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The name written to the `level` field.
    public var name: String { String(describing: self) }
}

/// One metadata value of a log line. `.redacted` marks sensitive fields: the key is
/// kept (so one sees that a value was there) and the value never written.
public enum LogValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case redacted

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }

    /// Logs a secret: always rendered as `[redacted]`.
    public static func secret<T>(_: Secret<T>) -> LogValue { .redacted }

}

/// Where finished log lines go.
public protocol LogSink: Sendable {
    /// Writes one complete line (without the trailing newline).
    func write(line: String)
}

/// Writes lines to standard error, one `write(2)` per line so lines never interleave.
public struct StandardErrorSink: LogSink {
    /// Creates the sink.
    public init() {}

    public func write(line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// A structured JSON-lines logger: each line is one JSON object with `ts`, `level`,
/// `label`, `msg` and the metadata fields, keys sorted.
public struct Logger: Sendable {
    /// The component name written to the `label` field.
    public let label: String
    /// Lines below this level are dropped.
    public let minimumLevel: LogLevel
    private let sink: any LogSink
    private let clock: any WallClock

    /// Creates a logger.
    /// - Parameters:
    ///   - label: the component name.
    ///   - minimumLevel: lines below it are dropped.
    ///   - sink: where lines go.
    ///   - clock: the source of the `ts` field.
    public init(label: String, minimumLevel: LogLevel = .info, sink: any LogSink = StandardErrorSink(),
                clock: any WallClock = SystemWallClock())
    {
        self.label = label
        self.minimumLevel = minimumLevel
        self.sink = sink
        self.clock = clock
    }

    /// A logger for a sub-component, sharing sink, level and clock.
    public func child(_ sublabel: String) -> Logger {
        Logger(label: "\(label).\(sublabel)", minimumLevel: minimumLevel, sink: sink, clock: clock)
    }

    /// Writes one line if `level` is at or above the minimum.
    public func log(_ level: LogLevel, _ message: String, _ metadata: [String: LogValue] = [:]) {
        guard level >= minimumLevel else { return }
        sink.write(line: Self.render(ts: clock.now(), level: level, label: label, message: message, metadata: metadata))
    }

    public func debug(_ message: String, _ metadata: [String: LogValue] = [:]) { log(.debug, message, metadata) }
    public func info(_ message: String, _ metadata: [String: LogValue] = [:]) { log(.info, message, metadata) }
    public func notice(_ message: String, _ metadata: [String: LogValue] = [:]) { log(.notice, message, metadata) }
    public func warning(_ message: String, _ metadata: [String: LogValue] = [:]) { log(.warning, message, metadata) }
    public func error(_ message: String, _ metadata: [String: LogValue] = [:]) { log(.error, message, metadata) }

    /// One JSON object, keys sorted, written by hand: the access log runs on every
    /// request, and Foundation's JSONSerialization costs more than the request itself.
    static func render(ts: UnixTime, level: LogLevel, label: String, message: String,
                       metadata: [String: LogValue]) -> String
    {
        var fields = metadata
        fields["ts"] = .int(ts.seconds)
        fields["level"] = .string(level.name)
        fields["label"] = .string(label)
        fields["msg"] = .string(message)
        var line = "{"
        for (index, (key, value)) in fields.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { line += "," }
            appendJSONString(key, to: &line)
            line += ":"
            switch value {
            case .string(let text): appendJSONString(text, to: &line)
            case .int(let number): line += String(number)
            case .bool(let flag): line += flag ? "true" : "false"
            case .redacted: line += "\"[redacted]\""
            }
        }
        return line + "}"
    }

    /// RFC 8259 §7 string escaping (`/` is left alone).
    static func appendJSONString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += "\\u00" + String(scalar.value >> 4, radix: 16) + String(scalar.value & 0xF, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// Collects lines in memory; tests assert on them (for example that no secret leaked).
public final class MemoryLogSink: LogSink {
    private let storage = Mutex<[String]>([])

    /// Creates an empty sink.
    public init() {}

    public func write(line: String) { storage.withLock { $0.append(line) } }

    /// Every line written so far.
    public var lines: [String] { storage.withLock { $0 } }
}
