import Foundation
import SchoolIDCore
import SchoolIDTesting

/// A copy of the test policy profile whose consent text is at version 2, as after an
/// operator published a new text: accounts that consented to version 1 must consent again.
struct ConsentPolicyDirectory {
    let directory: TemporaryDirectory
    var path: String { directory.path }

    init(version: Int = 2) throws {
        directory = try TemporaryDirectory(prefix: "schoolid-consent-policies")
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: Fixtures.url("policies").path) where name != "invalid" {
            try manager.copyItem(atPath: Fixtures.url("policies/\(name)").path, toPath: directory.file(name))
        }
        let policy = #"{"version": 1, "current_text_version": \#(version), "operator": {"ru": "Школа № 42", "en": "School No. 42"}}"#
        try Data(policy.utf8).write(to: URL(fileURLWithPath: directory.file(ConsentPolicy.fileName)))
        for language in MessageLanguage.allCases {
            let text = "<!-- needs legal review -->\nConsent text, version \(version), \(language.rawValue).\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory.file(
                ConsentPolicy.textPath(version: version, language: language))))
        }
    }

    func remove() { directory.remove() }
}
