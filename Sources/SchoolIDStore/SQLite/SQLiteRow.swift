/// One result row, copied out of the statement so that it outlives the step.
public struct SQLiteRow: Sendable, Hashable {
    /// The column values, in select order.
    public let values: [SQLiteValue]

    /// Creates a row from its values.
    public init(values: [SQLiteValue]) { self.values = values }

    /// The raw value of column `index`.
    public subscript(index: Int) -> SQLiteValue { values[index] }

    /// Column `index` read as `T`.
    /// - Throws: ``SQLiteError`` `.mismatch` when the stored value does not fit `T`,
    ///   `.range` when there is no such column.
    public func get<T: SQLiteValueConvertible>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard values.indices.contains(index) else {
            throw SQLiteError(code: .range, message: "no column \(index) in a row of \(values.count)")
        }
        do {
            return try T(sqliteValue: values[index])
        } catch let error as SQLiteError {
            throw SQLiteError(code: error.code, message: "column \(index): \(error.message)")
        }
    }
}
