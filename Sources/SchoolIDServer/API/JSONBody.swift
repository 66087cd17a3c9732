import Foundation
import SchoolIDCore
import SchoolIDHTTP

/// Decoding of JSON request bodies: `Content-Type: application/json` required, and any
/// decoding failure becomes `400 invalid_json` naming the field when there is one.
enum JSONBody {
    /// Whether the request says its body is JSON.
    static func isJSON(_ request: Request) -> Bool {
        guard let type = request.headers["Content-Type"] else { return false }
        return type.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
    }

    /// Decodes the body as `T`.
    /// - Throws: ``APIError`` 415 `unsupported_media_type` or 400 `invalid_json`.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) throws -> T {
        guard isJSON(request) else { throw APIError(.unsupportedMediaType) }
        do {
            return try JSONDecoder().decode(T.self, from: Data(request.body))
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError(.invalidJSON, field: key.stringValue)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw APIError(.invalidJSON, field: context.codingPath.last?.stringValue)
        } catch let error as DomainError {
            throw error
        } catch let DecodingError.dataCorrupted(context) {
            if let domain = context.underlyingError as? DomainError { throw domain }
            throw APIError(.invalidJSON, field: context.codingPath.last?.stringValue)
        } catch {
            throw APIError(.invalidJSON)
        }
    }
}
