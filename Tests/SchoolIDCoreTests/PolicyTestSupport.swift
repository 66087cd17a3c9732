import Foundation
import SchoolIDCore
import SchoolIDTesting

/// The test profile, loaded once.
enum TestPolicies {
    static let set: PolicySet = try! PolicySet.load(directory: Fixtures.url("policies"))
}

/// A temporary copy of the test profile with one file replaced.
struct PolicyFixtureDirectory {
    let directory: TemporaryDirectory
    var url: URL { URL(fileURLWithPath: directory.path) }

    init(replacing file: String, with contents: String) throws {
        directory = try TemporaryDirectory()
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: Fixtures.url("policies").path) where name != "invalid" {
            try manager.copyItem(atPath: Fixtures.url("policies/\(name)").path, toPath: directory.file(name))
        }
        try Data(contents.utf8).write(to: URL(fileURLWithPath: directory.file(file)))
    }

    func remove() { directory.remove() }
}
