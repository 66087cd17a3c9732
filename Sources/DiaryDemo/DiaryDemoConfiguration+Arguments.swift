import Foundation
import SchoolIDBase

/// A command line `diary-demo` cannot run with; ``description`` says what to fix.
public struct DiaryDemoUsageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, for the operator.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}

extension DiaryDemoConfiguration {
    /// The environment variable holding the client secret.
    public static let secretVariable = "DIARY_DEMO_CLIENT_SECRET"

    /// `diary-demo --help`.
    public static let usage = """
    usage: diary-demo --issuer URL --client-id ID [--listen HOST:PORT] [--redirect-base URL]
                      [--client-secret-file PATH] [--checkpoint-store PATH]

    A minimal diary service that signs people in through SchoolID.
      --issuer URL              SchoolID's issuer (e.g. http://127.0.0.1:8080)
      --client-id ID            the client registered with `schoolid client add`
      --listen HOST:PORT        where to listen (default 127.0.0.1:8081)
      --redirect-base URL       the demo's public origin (default http://HOST:PORT)
      --client-secret-file PATH a file holding the client secret; otherwise the
                                secret is read from \(secretVariable)
      --checkpoint-store PATH   the file keeping the newest ledger checkpoint the
                                demo accepted (default: kept in memory only)
    """

    /// Parses `diary-demo`'s arguments (without the program name).
    /// - Parameters:
    ///   - arguments: the command line.
    ///   - environment: the process environment, for ``secretVariable``.
    ///   - readFile: reads the secret file (trailing whitespace is dropped).
    /// - Throws: ``DiaryDemoUsageError`` naming the missing or malformed option.
    public init(arguments: [String], environment: [String: String],
                readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) })
        throws(DiaryDemoUsageError)
    {
        var options: [String: String] = [:]
        var rest = arguments[...]
        let known: Set = ["--issuer", "--client-id", "--listen", "--redirect-base", "--client-secret-file",
                          "--checkpoint-store"]
        while let name = rest.popFirst() {
            guard known.contains(name) else { throw DiaryDemoUsageError("unknown option \(name)") }
            guard let value = rest.popFirst(), !value.isEmpty else { throw DiaryDemoUsageError("\(name) needs a value") }
            guard options.updateValue(value, forKey: name) == nil else { throw DiaryDemoUsageError("\(name) repeated") }
        }
        guard let issuer = options["--issuer"] else { throw DiaryDemoUsageError("--issuer is required") }
        guard let clientID = options["--client-id"] else { throw DiaryDemoUsageError("--client-id is required") }
        let (host, port) = try Self.listenAddress(options["--listen"] ?? "127.0.0.1:8081")
        let secret: String
        if let path = options["--client-secret-file"] {
            do {
                secret = try readFile(path).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw DiaryDemoUsageError("cannot read --client-secret-file \(path)")
            }
        } else {
            secret = environment[Self.secretVariable] ?? ""
        }
        guard !secret.isEmpty else {
            throw DiaryDemoUsageError("the client secret is required: \(Self.secretVariable) or --client-secret-file")
        }
        let base = options["--redirect-base"] ?? "http://\(host):\(port)"
        guard let scheme = URL(string: base)?.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw DiaryDemoUsageError("--redirect-base must be an http(s) URL")
        }
        self.init(issuer: issuer, clientID: clientID, clientSecret: Secret(secret), redirectBase: base,
                  host: host, port: port)
        checkpointStorePath = options["--checkpoint-store"]
    }

    private static func listenAddress(_ text: String) throws(DiaryDemoUsageError) -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65_535).contains(port), colon != text.startIndex
        else { throw DiaryDemoUsageError("--listen must be HOST:PORT") }
        return (String(text[..<colon]), port)
    }
}
