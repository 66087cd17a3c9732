import SchoolIDCore

extension SQLiteConnection {
    /// Runs `body`, translating SQLite constraint failures into ``StoreError``: a
    /// duplicate primary key or unique value becomes `.alreadyExists`, a missing
    /// referenced row (foreign key) becomes `.notFound`. Other errors pass unchanged
    /// (a failed `CHECK` is a programming error, not a domain outcome).
    /// - Throws: ``StoreError`` or what `body` throws.
    /// - Returns: what `body` returns.
    func mappingConstraints<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch SQLiteError.ResultCode.constraintPrimaryKey {
            throw StoreError.alreadyExists
        } catch SQLiteError.ResultCode.constraintUnique {
            throw StoreError.alreadyExists
        } catch SQLiteError.ResultCode.constraintForeignKey {
            throw StoreError.notFound
        }
    }

    /// Runs `body` in a nested savepoint, so that a store operation made of several
    /// statements is all-or-nothing even when its caller catches the error and goes on
    /// with the unit (the unit's own savepoint only rolls back when the unit throws).
    /// - Throws: what `body` throws, after rolling its changes back.
    /// - Returns: what `body` returns.
    func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT store_operation")
        do {
            let value = try body()
            try execute("RELEASE store_operation")
            return value
        } catch {
            if !isAutocommit {
                try? execute("ROLLBACK TO store_operation")
                try? execute("RELEASE store_operation")
            }
            throw error
        }
    }
}

extension SQLiteRow {
    /// Column `index` as a text-backed value (an identifier, a login, an enum).
    /// - Throws: ``SQLiteError`` `.mismatch` when the column is not text or the text is
    ///   not a valid `T` (a value written by a newer SchoolID, or a damaged row).
    func value<T: RawRepresentable>(_ index: Int, as type: T.Type = T.self) throws -> T where T.RawValue == String {
        let text: String = try get(index)
        guard let value = T(rawValue: text) else {
            throw SQLiteError(code: .mismatch, message: "column \(index): not a valid \(T.self)")
        }
        return value
    }

    /// Column `index` as an optional text-backed value; `NULL` reads as `nil`.
    /// - Throws: as ``value(_:as:)``.
    func optionalValue<T: RawRepresentable>(_ index: Int, as type: T.Type = T.self) throws -> T? where T.RawValue == String {
        if case .null = self[index] { return nil }
        return try value(index, as: T.self)
    }
}
