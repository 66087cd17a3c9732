/// One `schoolid` command (or a group of subcommands).
protocol Command {
    /// The word that selects the command.
    static var name: String { get }
    /// One line for the command list.
    static var summary: String { get }
    /// The full `--help` text.
    static var help: String { get }
    /// Runs with the words after the command name.
    static func run(_ arguments: consuming Arguments) async throws
}

/// Paths every command shares: `--data`, `--keys`, `--policies`.
struct CommonPaths {
    var data: String
    var keys: String
    var policies: String

    static let helpText = """
      --data DIR       database directory (default ./data)
      --keys DIR       keyring directory (default ./keys)
      --policies DIR   policy directory (default ./policies)
    """

    /// Takes the three options from `arguments`, with their defaults.
    static func take(from arguments: inout Arguments) throws(UsageError) -> CommonPaths {
        CommonPaths(data: try arguments.option("--data") ?? "./data",
                    keys: try arguments.option("--keys") ?? "./keys",
                    policies: try arguments.option("--policies") ?? "./policies")
    }

    /// The SQLite database file inside the data directory.
    var databaseFile: String { data + "/schoolid.sqlite" }
}
