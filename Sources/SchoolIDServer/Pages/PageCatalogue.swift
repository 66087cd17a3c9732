import SchoolIDCore

/// A set of page texts in Russian (the default) and English: ``PageText`` and each
/// flow's own set. Every conforming type spells both languages as exhaustive switches,
/// so a missing translation is a compile error; texts are plain (pages escape them) and
/// error messages come from the error catalogue instead.
protocol PageCatalogue: CaseIterable {
    /// The Russian text.
    var russian: String { get }
    /// The English text.
    var english: String { get }
}

extension PageCatalogue {
    /// The text in `language`.
    func text(in language: MessageLanguage) -> String {
        switch language {
        case .russian: russian
        case .english: english
        }
    }
}
