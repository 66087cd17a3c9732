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
