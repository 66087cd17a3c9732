extension SchoolIDSchema {
    /// `0010-session-strength`: how strongly each session was authenticated (issue 6,
    /// second factors and step-up).
    ///
    /// `amr` holds the RFC 8176 §2 method values proven in the session, comma-separated
    /// in the order first proven (`pwd`, then `otp` or `sms`); `second_factor_at` is
    /// the last time a second factor was proven (the second login step or a step-up),
    /// or NULL, which is also what the session's `acr` is derived from. Existing rows
    /// were all opened by a password alone, hence the defaults.
    static let sessionStrength = Migration(id: "0010-session-strength", sql: """
        ALTER TABLE sessions ADD COLUMN amr TEXT NOT NULL DEFAULT 'pwd';
        ALTER TABLE sessions ADD COLUMN second_factor_at INTEGER;
        """)
}
