import Foundation

/// A language of the service's one message catalogue. Russian is the default
/// (DESIGN "Web pages": Russian by default and English).
public enum MessageLanguage: String, Sendable, CaseIterable, Hashable {
    /// Russian, the default.
    case russian = "ru"
    /// English.
    case english = "en"

    /// The language used when a request expresses no preference.
    public static let `default`: MessageLanguage = .russian
}

extension MessageLanguage {
    /// The best catalogue language for an `Accept-Language` header (RFC 9110 §12.5.4):
    /// the highest-`q` range that matches Russian or English by primary tag (`ru-RU`
    /// matches `ru`, `*` matches the default); ties keep header order; `q=0` excludes.
    /// - Parameter header: the header value, or `nil` when absent.
    /// - Returns: the chosen language, Russian when nothing matches.
    public static func negotiate(acceptLanguage header: String?) -> MessageLanguage {
        guard let header else { return .default }
        var best: (language: MessageLanguage, quality: Double)?
        for range in header.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            guard quality > 0, quality <= 1 else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            let language = primary == "*" ? .default : MessageLanguage(rawValue: primary)
            guard let language else { continue }
            if best == nil || quality > best!.quality { best = (language, quality) }
        }
        return best?.language ?? .default
    }
}
