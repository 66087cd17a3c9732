/// A usage mistake: the command line itself is wrong. Exit code 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A failure while doing what was asked. Exit code 1; `description` is the one line
/// printed on stderr, written for the operator.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The words after the command name, consumed option by option.
///
/// Options are `--name value` or `--name=value`; flags are `--name`. Whatever is
/// left after a command took what it knows is a usage error, so typos never pass
/// silently.
struct Arguments {
    private var tokens: [String]

    init(_ tokens: [String]) { self.tokens = tokens }

    /// True when `--help` or `-h` is present.
    var wantsHelp: Bool { tokens.contains("--help") || tokens.contains("-h") }

    /// Takes `--name value` / `--name=value`; `nil` when absent.
    mutating func option(_ name: String) throws(UsageError) -> String? {
        for (index, token) in tokens.enumerated() {
            if token == name {
                guard index + 1 < tokens.count, !tokens[index + 1].hasPrefix("--") else {
                    throw UsageError("\(name) needs a value")
                }
                let value = tokens[index + 1]
                tokens.removeSubrange(index...index + 1)
                return value
            }
            if token.hasPrefix(name + "=") {
                tokens.remove(at: index)
                return String(token.dropFirst(name.count + 1))
            }
        }
        return nil
    }

    /// Takes `--name value` / `--name=value` that the command cannot do without.
    mutating func option(required name: String) throws(UsageError) -> String {
        guard let value = try option(name) else { throw UsageError("\(name) is required") }
        return value
    }

    /// Takes `--name`; true when it was present.
    mutating func flag(_ name: String) -> Bool {
        guard let index = tokens.firstIndex(of: name) else { return false }
        tokens.remove(at: index)
        return true
    }

    /// Takes the next word that is not an option; `nil` when none is left.
    mutating func positional() -> String? {
        guard let index = tokens.firstIndex(where: { !$0.hasPrefix("-") }) else { return nil }
        return tokens.remove(at: index)
    }

    /// Takes a required positional word.
    mutating func required(_ what: String) throws(UsageError) -> String {
        guard let word = positional() else { throw UsageError("missing \(what)") }
        return word
    }

    /// Fails on anything not consumed.
    func finish() throws(UsageError) {
        if let first = tokens.first { throw UsageError("unexpected argument '\(first)'") }
    }
}
