-- table owner_keys
CREATE TABLE owner_keys (
    owner_id TEXT PRIMARY KEY NOT NULL,
    key_version INTEGER NOT NULL CHECK (key_version > 0),
    wrapped_key BLOB NOT NULL,
    data_key_version INTEGER NOT NULL CHECK (data_key_version > 0),
    created_at INTEGER NOT NULL
) STRICT;

-- index owner_keys_by_data_key_version
CREATE INDEX owner_keys_by_data_key_version ON owner_keys (data_key_version);

-- table schema_migrations
CREATE TABLE schema_migrations (
    id TEXT PRIMARY KEY NOT NULL,
    applied_at INTEGER NOT NULL
) STRICT;

-- index sqlite_autoindex_owner_keys_1
-- (automatic)

-- index sqlite_autoindex_schema_migrations_1
-- (automatic)
