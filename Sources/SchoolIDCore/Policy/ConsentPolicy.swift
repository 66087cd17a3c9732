import Foundation
import SchoolIDJOSE

/// `consent.json` and the consent texts it points to: which version of the consent to
/// the processing of personal data (152-FZ art. 9: a guardian's own and, as legal
/// representative, each linked child's) is current, and who the operator is.
///
/// The texts live beside the file as `consent/v<N>.ru.md` and `consent/v<N>.en.md`;
/// both must exist and be non-empty for `current_text_version`. Lines that are HTML
/// comments (`<!-- … -->`, such as the "needs legal review" marker) are not shown.
/// Raising `current_text_version` makes every guardian give consent again at their next
/// login (``ConsentService``).
public struct ConsentPolicy: Hashable, Sendable {
    /// The file name inside the policy directory.
    public static let fileName = "consent.json"
    /// The folder of the texts inside the policy directory.
    public static let textsFolder = "consent"

    /// The version of the text a guardian must have accepted.
    public let currentTextVersion: Int
    /// The operator named in the consent, per language.
    public let operatorName: [MessageLanguage: String]
    /// The current text, per language, without comment lines.
    public let texts: [MessageLanguage: String]

    /// Creates a policy (tests).
    public init(currentTextVersion: Int, operatorName: [MessageLanguage: String], texts: [MessageLanguage: String]) {
        self.currentTextVersion = currentTextVersion
        self.operatorName = operatorName
        self.texts = texts
    }

    /// The current text in `language`.
    public func text(_ language: MessageLanguage) -> String { texts[language] ?? texts[.default] ?? "" }

    /// The operator's name in `language`.
    public func operatorName(_ language: MessageLanguage) -> String {
        operatorName[language] ?? operatorName[.default] ?? ""
    }

    /// The text file name of `version` in `language`, relative to the policy directory.
    public static func textPath(version: Int, language: MessageLanguage) -> String {
        "\(textsFolder)/v\(version).\(language.rawValue).md"
    }
}

extension ConsentPolicy {
    /// Decodes and validates `consent.json`, then reads the current texts.
    /// - Throws: `PolicyError` naming the member, or the text file that is missing or empty.
    init(_ value: JSONValue, directory: URL) throws(PolicyError) {
        let root = try PolicyReader.document(file: Self.fileName, value: value)
        currentTextVersion = try root.int("current_text_version", in: 1...10_000)
        let names = try root.object("operator")
        var operatorName: [MessageLanguage: String] = [:]
        for language in MessageLanguage.allCases { operatorName[language] = try names.string(language.rawValue) }
        try names.finish()
        try root.finish()
        self.operatorName = operatorName
        var texts: [MessageLanguage: String] = [:]
        for language in MessageLanguage.allCases {
            let path = Self.textPath(version: currentTextVersion, language: language)
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path),
                  let text = String(data: data, encoding: .utf8)
            else { throw PolicyError(file: path, pointer: "", rule: "cannot read the consent text of the current version") }
            let shown = Self.visibleText(text)
            guard !shown.isEmpty else { throw PolicyError(file: path, pointer: "", rule: "must not be empty") }
            texts[language] = shown
        }
        self.texts = texts
    }

    /// The text without HTML-comment lines, trimmed.
    static func visibleText(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return !(trimmed.hasPrefix("<!--") && trimmed.hasSuffix("-->"))
            }
            .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
