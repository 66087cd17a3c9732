import SchoolIDBase

/// One SQLite value, as stored in a `STRICT` table (https://sqlite.org/datatype3.html).
///
/// `Bool` is stored as an integer (0 or 1), times as whole Unix seconds.
public enum SQLiteValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The storage class name used in error messages.
    var typeName: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }
}

/// A Swift type that binds to and reads from one SQLite value.
public protocol SQLiteValueConvertible {
    /// The value to bind.
    var sqliteValue: SQLiteValue { get }
    /// Reads a column value.
    /// - Throws: ``SQLiteError`` with code `.mismatch` when the storage class does not fit.
    init(sqliteValue: SQLiteValue) throws
}

extension SQLiteValueConvertible {
    static func mismatch(_ value: SQLiteValue) -> SQLiteError {
        SQLiteError(code: .mismatch, message: "expected \(Self.self), found \(value.typeName)")
    }
}

extension SQLiteValue: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { self }
    public init(sqliteValue: SQLiteValue) { self = sqliteValue }
}

extension Int64: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .integer(self) }
    public init(sqliteValue: SQLiteValue) throws {
        guard case .integer(let value) = sqliteValue else { throw Self.mismatch(sqliteValue) }
        self = value
    }
}

extension Int: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
    public init(sqliteValue: SQLiteValue) throws {
        guard case .integer(let value) = sqliteValue, let int = Int(exactly: value) else {
            throw Self.mismatch(sqliteValue)
        }
        self = int
    }
}

extension Double: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .real(self) }
    public init(sqliteValue: SQLiteValue) throws {
        switch sqliteValue {
        case .real(let value): self = value
        case .integer(let value): self = Double(value)
        default: throw Self.mismatch(sqliteValue)
        }
    }
}

extension String: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .text(self) }
    public init(sqliteValue: SQLiteValue) throws {
        guard case .text(let value) = sqliteValue else { throw Self.mismatch(sqliteValue) }
        self = value
    }
}

extension Array: SQLiteValueConvertible where Element == UInt8 {
    public var sqliteValue: SQLiteValue { .blob(self) }
    public init(sqliteValue: SQLiteValue) throws {
        guard case .blob(let value) = sqliteValue else { throw Self.mismatch(sqliteValue) }
        self = value
    }
}

extension Bool: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }
    public init(sqliteValue: SQLiteValue) throws {
        guard case .integer(let value) = sqliteValue, value == 0 || value == 1 else {
            throw Self.mismatch(sqliteValue)
        }
        self = value == 1
    }
}

extension UnixTime: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .integer(seconds) }
    public init(sqliteValue: SQLiteValue) throws {
        self.init(seconds: try Int64(sqliteValue: sqliteValue))
    }
}

extension Optional: SQLiteValueConvertible where Wrapped: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { self?.sqliteValue ?? .null }
    public init(sqliteValue: SQLiteValue) throws {
        self = sqliteValue == .null ? nil : try Wrapped(sqliteValue: sqliteValue)
    }
}
