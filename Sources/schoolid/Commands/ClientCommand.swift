import Foundation
import SchoolIDCore

/// `schoolid client add|list|rotate-secret|disable`: OAuth clients (diary services).
enum ClientCommand: Command {
    static let name = "client"
    static let summary = "register, list, rotate and disable OAuth clients"
    static let help = """
    usage: schoolid client add --id ID --name NAME --redirect-uri URI... [--post-logout-redirect-uri URI]...
                               [--type confidential|public] [--grant GRANT]... [--scope SCOPE]...
                               [--school CODE|ID]... [--audience AUD] [--first-party]
                               [--alg ES256|EdDSA|RS256] [--id-token-alg ES256|EdDSA|RS256]
           schoolid client list
           schoolid client rotate-secret --id ID
           schoolid client disable --id ID

    add            registers a client and prints its id; a confidential client's secret
                   (256 random bits) is printed once on a second line and only its
                   SHA-256 is stored. ID is [a-z0-9][a-z0-9-]{2,63}. Redirect URIs are
                   exact strings: https, or http to a loopback host, no fragment.
                   GRANT: authorization_code, refresh_token (default both),
                   client_credentials, urn:ietf:params:oauth:grant-type:token-exchange
                   (public clients: the first two only). SCOPE: openid (default),
                   offline_access, diary, attendance, nutrition, ack:request.
                   --alg signs access tokens (default from policies/tokens.json);
                   ID tokens use RS256 unless --id-token-alg. Audited as client.created.
    list           every client: id, type, status, grants, scopes, name (tab-separated).
    rotate-secret  prints a new secret; the previous one keeps working for
                   client_secret_grace_seconds (policies/tokens.json). Audited.
    disable        the client can no longer authenticate or get tokens. Audited.

    options:
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        let subcommand = try arguments.required("subcommand (add, list, rotate-secret or disable)")
        switch subcommand {
        case "add": try await add(&arguments)
        case "list": try await list(&arguments)
        case "rotate-secret":
            let id = try OAuthClient.ID(parsing: try arguments.option(required: "--id"))
            let environment = Environment(paths: try CommonPaths.take(from: &arguments))
            try arguments.finish()
            let issued = try await Installation.with(environment) { installation in
                try await installation.clients.rotateSecret(by: .commandLine, id: id,
                                                            context: installation.requestContext())
            }
            print(issued.secret?.unredacted ?? "")
        case "disable":
            let id = try OAuthClient.ID(parsing: try arguments.option(required: "--id"))
            let environment = Environment(paths: try CommonPaths.take(from: &arguments))
            try arguments.finish()
            let client = try await Installation.with(environment) { installation in
                try await installation.clients.disable(by: .commandLine, id: id, context: installation.requestContext())
            }
            print(client.id.rawValue)
        default:
            throw UsageError("unknown client subcommand '\(subcommand)'")
        }
    }

    private static func add(_ arguments: inout Arguments) async throws {
        var registration = ClientRegistration(id: try arguments.option(required: "--id"),
                                              name: try arguments.option(required: "--name"))
        registration.redirectURIs = try repeated("--redirect-uri", in: &arguments)
        registration.postLogoutRedirectURIs = try repeated("--post-logout-redirect-uri", in: &arguments)
        registration.type = try arguments.option("--type")
        registration.grants = try repeated("--grant", in: &arguments)
        registration.scopes = try repeated("--scope", in: &arguments)
        let schools = try repeated("--school", in: &arguments)
        registration.audience = try arguments.option("--audience")
        registration.firstParty = arguments.flag("--first-party")
        registration.accessTokenAlgorithm = try arguments.option("--alg")
        registration.idTokenAlgorithm = try arguments.option("--id-token-alg")
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        try arguments.finish()
        let issued = try await Installation.with(environment) { installation in
            var resolved = registration
            for reference in schools { resolved.schoolIDs.append(try await installation.school(reference).id) }
            return try await installation.clients.register(by: .commandLine, resolved,
                                                           context: installation.requestContext())
        }
        print(issued.client.id.rawValue)
        if let secret = issued.secret { print(secret.unredacted) }
    }

    private static func list(_ arguments: inout Arguments) async throws {
        let environment = Environment(paths: try CommonPaths.take(from: &arguments))
        try arguments.finish()
        let clients = try await Installation.with(environment) { installation in
            try await installation.clients.list(by: .commandLine)
        }
        print(["ID", "TYPE", "STATUS", "GRANTS", "SCOPES", "NAME"].joined(separator: "\t"))
        for client in clients {
            print([client.id.rawValue, client.type.rawValue, client.status.rawValue,
                   client.grants.map(\.rawValue).joined(separator: ","),
                   client.scopes.map(\.rawValue).joined(separator: ","), client.name].joined(separator: "\t"))
        }
    }

    /// Every value of a repeatable option, in order.
    private static func repeated(_ name: String, in arguments: inout Arguments) throws(UsageError) -> [String] {
        var values: [String] = []
        while let value = try arguments.option(name) { values.append(value) }
        return values
    }
}
