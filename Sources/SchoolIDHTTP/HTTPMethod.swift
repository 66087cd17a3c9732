/// The request methods SchoolID implements (RFC 9110 §9).
///
/// Only these are implemented; any other syntactically valid token makes the parser
/// fail with 501 `method_not_implemented` (RFC 9110 §9.1). `CONNECT` and `TRACE`
/// are deliberately absent.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS

    /// Looks a method up by its exact, case-sensitive bytes (RFC 9110 §9.1: method
    /// names are case-sensitive).
    static func from<C: Collection<UInt8>>(bytes: C) -> HTTPMethod? {
        switch bytes.count {
        case 3:
            if bytes.elementsEqual("GET".utf8) { return .GET }
            if bytes.elementsEqual("PUT".utf8) { return .PUT }
        case 4:
            if bytes.elementsEqual("POST".utf8) { return .POST }
            if bytes.elementsEqual("HEAD".utf8) { return .HEAD }
        case 5:
            if bytes.elementsEqual("PATCH".utf8) { return .PATCH }
        case 6:
            if bytes.elementsEqual("DELETE".utf8) { return .DELETE }
        case 7:
            if bytes.elementsEqual("OPTIONS".utf8) { return .OPTIONS }
        default:
            break
        }
        return nil
    }
}
