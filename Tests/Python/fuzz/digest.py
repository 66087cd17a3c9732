"""A digest of the database's durable state, read with Python's `sqlite3` in read-only
URI mode (`mode=ro`; a WAL reader sees every committed transaction).

A request answered 4xx must leave it unchanged. Left out, each for its reason (tables and
columns from `Sources/SchoolIDStore/Migrations/`):"""
import hashlib
import sqlite3

# Whole tables a refused request may write by design.
EXCLUDED_TABLES = {
    "audit_events": "refusals are audited (append-only log)",
    "failure_counters": "login / client-authentication failure throttling (rate state)",
    "otp_sends": "the per-destination and per-address send quotas (rate state)",
}

# Columns written by design on refused requests, or by background jobs between requests.
EXCLUDED_COLUMNS = {
    "accounts": {
        "consecutive_failures": "lockout state: a wrong password counts",
        "locked_at": "lockout state",
        "updated_at": "touched with the lockout columns",
    },
    "challenges": {"attempts_left": "attempt state: a wrong code spends an attempt"},
    "sessions": {
        "last_seen_at": "the session's last-seen time: every authenticated request",
        "idle_expires_at": "the idle timeout slides with last_seen_at",
    },
    "outbox": {
        column: "delivery state, written by the background dispatcher"
        for column in ("status", "attempts", "next_attempt_at", "body", "sent_at", "last_error")
    },
    "credential_batches": {
        column: "batch progress, written by the background credential-batch runner"
        for column in ("status", "completed", "failure_code", "sealed_roster", "sealed_result",
                       "finished_at", "purge_at")
    },
}


class DatabaseDigest:
    """`digest()` → {table: sha256 of its rows}; `changes(before, after)` names the tables."""

    def __init__(self, path):
        self.uri = f"file:{path}?mode=ro"

    def _connect(self):
        return sqlite3.connect(self.uri, uri=True, timeout=10)

    def digest(self):
        connection = self._connect()
        try:
            tables = [row[0] for row in connection.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            result = {}
            for table in tables:
                if table in EXCLUDED_TABLES:
                    continue
                skipped = EXCLUDED_COLUMNS.get(table, {})
                columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')
                           if row[1] not in skipped]
                listed = ", ".join(f'"{column}"' for column in columns)
                rows = connection.execute(f'SELECT {listed} FROM "{table}" ORDER BY {listed}').fetchall()
                result[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
            return result
        finally:
            connection.close()

    @staticmethod
    def changes(before, after):
        return sorted(table for table in set(before) | set(after) if before.get(table) != after.get(table))
