extension SchoolIDSchema {
    /// `0022-acknowledgement-signing`: signatures and withdrawals of acknowledgements
    /// (issue 10).
    ///
    /// `ledger_index` is the receipt's entry in the ledger, set with `signed_at`;
    /// `withdrawal_index` the withdrawal's entry, set with `withdrawn_at`.
    /// `acknowledgement_challenges` binds an SMS code's challenge to the one request, the
    /// digest shown and the signer it was sent for, so a code for one acknowledgement
    /// never confirms another; it goes with its challenge.
    static let acknowledgementSigning = Migration(id: "0022-acknowledgement-signing", sql: """
        ALTER TABLE acknowledgements ADD COLUMN ledger_index INTEGER CHECK (ledger_index >= 0);
        ALTER TABLE acknowledgements ADD COLUMN withdrawn_at INTEGER;
        ALTER TABLE acknowledgements ADD COLUMN withdrawal_index INTEGER CHECK (withdrawal_index >= 0);
        CREATE TABLE acknowledgement_challenges (
            challenge_id TEXT PRIMARY KEY NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
            acknowledgement_id TEXT NOT NULL REFERENCES acknowledgements (id) ON DELETE CASCADE,
            digest TEXT NOT NULL,
            signer_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE
        ) STRICT;
        CREATE INDEX acknowledgement_challenges_by_acknowledgement ON acknowledgement_challenges (acknowledgement_id);
        """)
}
