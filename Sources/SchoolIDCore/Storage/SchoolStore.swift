/// Reads schools.
public protocol SchoolReader {
    /// The school, or `nil`.
    /// - Throws: a backend error.
    func school(_ id: School.ID) throws -> School?
    /// The school with this login code, or `nil`.
    /// - Throws: a backend error.
    func school(code: SchoolCode) throws -> School?
    /// Every school, by code.
    /// - Throws: a backend error.
    func schools() throws -> [School]
}

/// Reads and changes schools.
public protocol SchoolStore: SchoolReader {
    /// Adds a school.
    /// - Throws: ``StoreError/alreadyExists`` when the id or the code is taken.
    func insert(_ school: School) throws
}
