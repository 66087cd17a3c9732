import Foundation
import Synchronization

/// Severity of a log line.
public enum LogLevel: Int, Sendable, Comparable, Codable, CaseIterable {
    case debug, info, notice, warning, error

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The name written to the `level` field (spelled out: `String(describing:)` goes
    /// through reflection, on every access-log line).
    public var name: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        }
    }
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

    /// One JSON object, keys sorted, written by hand into UTF-8 bytes: the access log
    /// runs on every request, and Foundation's JSONSerialization (or appending to a
    /// String scalar by scalar) costs more than the request itself.
    static func render(ts: UnixTime, level: LogLevel, label: String, message: String,
                       metadata: [String: LogValue]) -> String
    {
        var fields: [(key: String, value: LogValue)] = [
            ("label", .string(label)), ("level", .string(level.name)), ("msg", .string(message)), ("ts", .int(ts.seconds)),
        ]
        fields.reserveCapacity(metadata.count + 4)
        for (key, value) in metadata where key != "label" && key != "level" && key != "msg" && key != "ts" {
            fields.append((key, value))
        }
        var line: [UInt8] = []
        line.reserveCapacity(256)
        line.append(UInt8(ascii: "{"))
        fields.sort { $0.key < $1.key }
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            appendJSONString(key, to: &line)
            line.append(UInt8(ascii: ":"))
            switch value {
            case .string(let text): appendJSONString(text, to: &line)
            case .int(let number): line.append(contentsOf: String(number).utf8)
            case .bool(let flag): line.append(contentsOf: (flag ? "true" : "false").utf8)
            case .redacted: line.append(contentsOf: "\"[redacted]\"".utf8)
            }
        }
        line.append(UInt8(ascii: "}"))
        return String(decoding: line, as: UTF8.self)
    }

    /// RFC 8259 §7 string escaping (`/` is left alone), byte by byte: UTF-8 bytes of
    /// non-ASCII characters are all ≥ 0x80 and pass through unchanged.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
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
