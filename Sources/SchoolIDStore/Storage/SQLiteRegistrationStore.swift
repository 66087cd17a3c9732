import SchoolIDBase
import SchoolIDCore

/// `registrations` rows as ``PendingRegistration`` values.
struct SQLiteRegistrationStore: RegistrationStore {
    let connection: SQLiteConnection

    private static let columns = """
        id, challenge_id, details, password_hash, phone_index, decoy, created_at, expires_at, phone_verified_at, \
        completed_at, account_id, email_challenge_id, consent_version, consent_channel
        """

    private static func registration(_ row: SQLiteRow) throws -> PendingRegistration {
        PendingRegistration(
            id: try row.value(0), challengeID: try row.value(1), details: try row.get(2), passwordHash: try row.get(3),
            phoneIndex: try row.get(4), decoy: try row.get(5), createdAt: try row.get(6),
            expiresAt: try row.get(7), phoneVerifiedAt: try row.get(8), completedAt: try row.get(9),
            accountID: try row.optionalValue(10), emailChallengeID: try row.optionalValue(11),
            consentVersion: try row.get(12), consentChannel: try row.optionalValue(13))
    }

    func registration(_ id: PendingRegistration.ID) throws -> PendingRegistration? {
        try connection.queryFirst("SELECT \(Self.columns) FROM registrations WHERE id = ?", [id.rawValue])
            .map(Self.registration)
    }

    func insert(_ registration: PendingRegistration) throws {
        try connection.mappingConstraints {
            try connection.execute("""
                INSERT INTO registrations (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [registration.id.rawValue, registration.challengeID.rawValue, registration.details,
                      registration.passwordHash, registration.phoneIndex, registration.decoy,
                      registration.createdAt, registration.expiresAt, registration.phoneVerifiedAt,
                      registration.completedAt, registration.accountID?.rawValue,
                      registration.emailChallengeID?.rawValue, registration.consentVersion,
                      registration.consentChannel?.rawValue])
        }
    }

    func markPhoneVerified(_ id: PendingRegistration.ID, at time: UnixTime) throws -> Bool {
        try connection.execute("""
            UPDATE registrations SET phone_verified_at = ? WHERE id = ? AND phone_verified_at IS NULL
            """, [time, id.rawValue])
        return connection.changes > 0
    }

    func complete(_ id: PendingRegistration.ID, accountID: Account.ID, emailChallengeID: Challenge.ID?,
                  at time: UnixTime, keepUntil: UnixTime) throws -> Bool
    {
        try connection.mappingConstraints {
            try connection.execute("""
                UPDATE registrations SET completed_at = ?, account_id = ?, email_challenge_id = ?,
                    expires_at = max(expires_at, ?)
                WHERE id = ? AND completed_at IS NULL AND phone_verified_at IS NOT NULL
                """, [time, accountID.rawValue, emailChallengeID?.rawValue, keepUntil, id.rawValue])
        }
        return connection.changes > 0
    }

    func deleteExpired(before time: UnixTime) throws -> Int {
        try connection.execute("DELETE FROM registrations WHERE expires_at < ?", [time])
        return connection.changes
    }

    func deleteAll(of accountID: Account.ID, phoneIndexes: [[UInt8]]) throws -> Int {
        try connection.execute("DELETE FROM registrations WHERE account_id = ?", [accountID.rawValue])
        var count = connection.changes
        for index in phoneIndexes {
            try connection.execute("DELETE FROM registrations WHERE phone_index = ?", [index])
            count += connection.changes
        }
        return count
    }
}
