import SchoolIDCore
import SchoolIDHTTP

extension Request {
    /// A path parameter parsed as an identifier.
    /// - Throws: `DomainError(.identifierInvalid)` naming the expected kind.
    func identifier<Kind: IdentifierKind>(_ name: String, as _: Kind.Type = Kind.self) throws -> Identifier<Kind> {
        try Identifier<Kind>(parsing: pathParameters[name] ?? "")
    }
}
