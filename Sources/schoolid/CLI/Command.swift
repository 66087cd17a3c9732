import Foundation

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

/// Paths every command shares: `--data`, `--keys`, `--policies`, resolved like
/// `serve` resolves them (flag, then `SCHOOLID_DATA`/`SCHOOLID_KEYS`/`SCHOOLID_POLICIES`,
/// then the default), so the CLI and the running server open the same installation.
struct CommonPaths {
    var data: String
    var keys: String
    var policies: String

    static let helpText = """
      --data DIR       database directory (default $SCHOOLID_DATA, else ./data)
      --keys DIR       keyring directory (default $SCHOOLID_KEYS, else ./keys)
      --policies DIR   policy directory (default $SCHOOLID_POLICIES, else ./policies)
    """

    /// Takes the three options from `arguments`; absent ones come from `environment`
    /// (the `SCHOOLID_*` variables `serve` reads), then the defaults.
    static func take(from arguments: inout Arguments,
                     environment: [String: String] = ProcessInfo.processInfo.environment) throws(UsageError) -> CommonPaths
    {
        func resolve(_ flag: String, _ variable: String, _ fallback: String) throws(UsageError) -> String {
            if let value = try arguments.option(flag) { return value }
            if let value = environment[variable], !value.isEmpty { return value }
            return fallback
        }
        return CommonPaths(data: try resolve("--data", "SCHOOLID_DATA", "./data"),
                           keys: try resolve("--keys", "SCHOOLID_KEYS", "./keys"),
                           policies: try resolve("--policies", "SCHOOLID_POLICIES", "./policies"))
    }

    /// The SQLite database file inside the data directory.
    var databaseFile: String { data + "/schoolid.sqlite" }
}
