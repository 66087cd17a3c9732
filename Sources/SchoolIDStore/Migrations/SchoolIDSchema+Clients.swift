extension SchoolIDSchema {
    /// `0017-clients`: OAuth clients, the diary services (issue 9).
    ///
    /// - `oauth_clients`: one row per client, keyed by the operator-chosen id. Lists of
    ///   URIs, grants and scopes are space-separated (each item is printable ASCII
    ///   without spaces, validated in Core). `secret_hash` is SHA-256 of the secret
    ///   (NULL exactly for public clients); `previous_secret_hash` stays valid until
    ///   `previous_secret_expires_at` after a rotation. No personal data.
    /// - `oauth_client_schools`: the schools a client serves.
    static let clients = Migration(id: "0017-clients", sql: """
        CREATE TABLE oauth_clients (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN ('confidential', 'public')),
            redirect_uris TEXT NOT NULL,
            post_logout_redirect_uris TEXT NOT NULL,
            grants TEXT NOT NULL,
            scopes TEXT NOT NULL,
            audience TEXT NOT NULL,
            first_party INTEGER NOT NULL CHECK (first_party IN (0, 1)),
            access_token_algorithm TEXT NOT NULL CHECK (access_token_algorithm IN ('ES256', 'EdDSA', 'RS256')),
            id_token_algorithm TEXT NOT NULL CHECK (id_token_algorithm IN ('ES256', 'EdDSA', 'RS256')),
            subject_type TEXT NOT NULL CHECK (subject_type = 'public'),
            status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
            secret_hash BLOB CHECK (length(secret_hash) = 32),
            previous_secret_hash BLOB CHECK (length(previous_secret_hash) = 32),
            previous_secret_expires_at INTEGER,
            created_at INTEGER NOT NULL,
            disabled_at INTEGER,
            CHECK ((type = 'public') = (secret_hash IS NULL)),
            CHECK ((previous_secret_hash IS NULL) = (previous_secret_expires_at IS NULL)),
            CHECK ((status = 'disabled') = (disabled_at IS NOT NULL))
        ) STRICT;
        CREATE TABLE oauth_client_schools (
            client_id TEXT NOT NULL REFERENCES oauth_clients (id),
            school_id TEXT NOT NULL REFERENCES schools (id),
            PRIMARY KEY (client_id, school_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX oauth_client_schools_by_school ON oauth_client_schools (school_id);
        """)
}
