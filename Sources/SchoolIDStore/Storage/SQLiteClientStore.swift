import SchoolIDBase
import SchoolIDCore
import SchoolIDJOSE

/// `oauth_clients` and `oauth_client_schools` rows as ``OAuthClient`` values.
struct SQLiteClientStore: ClientStore {
    let connection: SQLiteConnection

    /// One `oauth_clients` row; hides the column layout from the domain.
    private struct Record {
        static let columns = """
            id, name, type, redirect_uris, post_logout_redirect_uris, grants, scopes, audience, first_party, \
            access_token_algorithm, id_token_algorithm, subject_type, status, secret_hash, previous_secret_hash, \
            previous_secret_expires_at, created_at, disabled_at
            """
        static let placeholders = (1...18).map { "?\($0)" }.joined(separator: ", ")

        var client: OAuthClient

        init(_ client: OAuthClient) { self.client = client }

        init(row: SQLiteRow, schoolIDs: [School.ID]) throws {
            let current: [UInt8]? = try row.get(13)
            let previous: [UInt8]? = try row.get(14)
            let previousExpiresAt: UnixTime? = try row.get(15)
            client = OAuthClient(
                id: try row.value(0), name: try row.get(1), type: try row.value(2),
                redirectURIs: Self.list(try row.get(3)), postLogoutRedirectURIs: Self.list(try row.get(4)),
                grants: try Self.list(try row.get(5)).map { try Self.decode($0, as: OAuthClient.Grant.self) },
                scopes: try Self.list(try row.get(6)).map { try Self.decode($0, as: OAuthClient.Scope.self) },
                audience: try row.get(7), schoolIDs: schoolIDs, firstParty: try row.get(8),
                accessTokenAlgorithm: try row.value(9), idTokenAlgorithm: try row.value(10),
                subjectType: try row.value(11), status: try row.value(12),
                secret: current.map {
                    OAuthClient.SecretHashes(current: $0, previous: previous, previousExpiresAt: previousExpiresAt)
                },
                createdAt: try row.get(16), disabledAt: try row.get(17))
        }

        var arguments: [any SQLiteValueConvertible] {
            [client.id.rawValue, client.name, client.type.rawValue, client.redirectURIs.joined(separator: " "),
             client.postLogoutRedirectURIs.joined(separator: " "),
             client.grants.map(\.rawValue).joined(separator: " "), client.scopes.map(\.rawValue).joined(separator: " "),
             client.audience, client.firstParty, client.accessTokenAlgorithm.rawValue,
             client.idTokenAlgorithm.rawValue, client.subjectType.rawValue, client.status.rawValue,
             client.secret?.current, client.secret?.previous, client.secret?.previousExpiresAt, client.createdAt,
             client.disabledAt]
        }

        private static func list(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

        private static func decode<T: RawRepresentable>(_ text: String, as type: T.Type) throws -> T
            where T.RawValue == String
        {
            guard let value = T(rawValue: text) else {
                throw SQLiteError(code: .mismatch, message: "oauth_clients: not a valid \(T.self)")
            }
            return value
        }
    }

    func client(_ id: OAuthClient.ID) throws -> OAuthClient? {
        guard let row = try connection.queryFirst("SELECT \(Record.columns) FROM oauth_clients WHERE id = ?",
                                                  [id.rawValue])
        else { return nil }
        return try Record(row: row, schoolIDs: schools(of: id.rawValue)).client
    }

    func clients() throws -> [OAuthClient] {
        try connection.query("SELECT \(Record.columns) FROM oauth_clients ORDER BY id").map { row in
            try Record(row: row, schoolIDs: schools(of: try row.get(0))).client
        }
    }

    func insert(_ client: OAuthClient) throws {
        try connection.inSavepoint {
            try connection.mappingConstraints {
                try connection.execute("INSERT INTO oauth_clients (\(Record.columns)) VALUES (\(Record.placeholders))",
                                       Record(client).arguments)
                try insertSchools(of: client)
            }
        }
    }

    @discardableResult
    func update(_ id: OAuthClient.ID, _ change: (inout OAuthClient) throws -> Void) throws -> OAuthClient {
        guard var client = try client(id) else { throw StoreError.notFound }
        try change(&client)
        precondition(client.id == id, "update cannot change a client's id")
        let assignments = Record.columns.split(separator: ",").enumerated().dropFirst()
            .map { "\($0.element.filter { $0 != " " && $0 != "\n" }) = ?\($0.offset + 1)" }.joined(separator: ", ")
        try connection.inSavepoint {
            try connection.mappingConstraints {
                try connection.execute("UPDATE oauth_clients SET \(assignments) WHERE id = ?1", Record(client).arguments)
                try connection.execute("DELETE FROM oauth_client_schools WHERE client_id = ?", [id.rawValue])
                try insertSchools(of: client)
            }
        }
        return client
    }

    private func schools(of clientID: String) throws -> [School.ID] {
        try connection.query("SELECT school_id FROM oauth_client_schools WHERE client_id = ? ORDER BY school_id",
                             [clientID]).map { try $0.value(0) }
    }

    private func insertSchools(of client: OAuthClient) throws {
        for schoolID in client.schoolIDs {
            try connection.execute("INSERT INTO oauth_client_schools (client_id, school_id) VALUES (?, ?)",
                                   [client.id.rawValue, schoolID.rawValue])
        }
    }
}
