/// `schoolid version`: the release and the libraries it runs on.
enum VersionCommand: Command {
    static let name = "version"
    static let summary = "print the SchoolID version"
    static let help = """
    usage: schoolid version

    Prints the SchoolID version.
    """
    static let version = "0.1.0"

    static func run(_ arguments: consuming Arguments) async throws {
        try arguments.finish()
        print("schoolid \(version)")
    }
}
