-- table accounts
CREATE TABLE accounts (
    id TEXT PRIMARY KEY NOT NULL,
    category TEXT NOT NULL,
    login TEXT UNIQUE REFERENCES used_logins (login),
    status TEXT NOT NULL,
    profile BLOB NOT NULL,
    consecutive_failures INTEGER NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    locked_at INTEGER,
    has_second_factor INTEGER NOT NULL DEFAULT 0 CHECK (has_second_factor IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
, locale TEXT NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'en'))) STRICT;

-- table acknowledgement_challenges
CREATE TABLE acknowledgement_challenges (
    challenge_id TEXT PRIMARY KEY NOT NULL REFERENCES challenges (id) ON DELETE CASCADE,
    acknowledgement_id TEXT NOT NULL REFERENCES acknowledgements (id) ON DELETE CASCADE,
    digest TEXT NOT NULL,
    signer_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE
) STRICT;

-- index acknowledgement_challenges_by_acknowledgement
CREATE INDEX acknowledgement_challenges_by_acknowledgement ON acknowledgement_challenges (acknowledgement_id);

-- table acknowledgements
CREATE TABLE acknowledgements (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES oauth_clients (id),
    student_id TEXT NOT NULL REFERENCES accounts (id),
    document_id TEXT NOT NULL CHECK (length(document_id) BETWEEN 1 AND 128),
    digest TEXT NOT NULL CHECK (length(digest) = 64 AND digest NOT GLOB '*[^0-9a-f]*'),
    title BLOB NOT NULL,
    deadline INTEGER,
    state TEXT NOT NULL CHECK (state IN ('pending', 'signed', 'withdrawn')),
    created_at INTEGER NOT NULL,
    signed_at INTEGER,
    signed_by TEXT REFERENCES accounts (id), ledger_index INTEGER CHECK (ledger_index >= 0), withdrawn_at INTEGER, withdrawal_index INTEGER CHECK (withdrawal_index >= 0),
    UNIQUE (client_id, document_id, digest),
    CHECK ((signed_at IS NULL) = (signed_by IS NULL)),
    CHECK ((state = 'pending') = (signed_at IS NULL))
) STRICT;

-- index acknowledgements_by_student
CREATE INDEX acknowledgements_by_student ON acknowledgements (student_id, created_at);

-- table audit_events
CREATE TABLE audit_events (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor_id TEXT,
    target_id TEXT,
    school_id TEXT,
    client_address TEXT NOT NULL,
    request_id TEXT NOT NULL,
    detail TEXT NOT NULL
) STRICT;

-- index audit_events_by_actor
CREATE INDEX audit_events_by_actor ON audit_events (actor_id, sequence);

-- index audit_events_by_school
CREATE INDEX audit_events_by_school ON audit_events (school_id, sequence);

-- index audit_events_by_target
CREATE INDEX audit_events_by_target ON audit_events (target_id, sequence);

-- index audit_events_by_time
CREATE INDEX audit_events_by_time ON audit_events (at);

-- trigger audit_events_forbid_delete
CREATE TRIGGER audit_events_forbid_delete BEFORE DELETE ON audit_events
WHEN old.sequence > (SELECT through_sequence FROM audit_purges WHERE id = 1)
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

-- trigger audit_events_forbid_update
CREATE TRIGGER audit_events_forbid_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

-- table audit_purges
CREATE TABLE audit_purges (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    through_sequence INTEGER NOT NULL CHECK (through_sequence >= 0),
    released_before INTEGER NOT NULL
) STRICT;

-- trigger audit_purges_forbid_delete
CREATE TRIGGER audit_purges_forbid_delete BEFORE DELETE ON audit_purges
BEGIN
    SELECT RAISE(ABORT, 'audit_purges keeps its row');
END;

-- trigger audit_purges_only_forward
CREATE TRIGGER audit_purges_only_forward BEFORE UPDATE ON audit_purges
WHEN new.through_sequence < old.through_sequence
BEGIN
    SELECT RAISE(ABORT, 'the audit purge mark only moves forward');
END;

-- table authorization_codes
CREATE TABLE authorization_codes (
    code_hash BLOB PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    session_hash BLOB NOT NULL,
    redirect_uri TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    scope TEXT NOT NULL,
    nonce TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    consumed_at INTEGER,
    family_id TEXT NOT NULL
) STRICT;

-- index authorization_codes_by_account
CREATE INDEX authorization_codes_by_account ON authorization_codes (account_id);

-- index authorization_codes_by_expiry
CREATE INDEX authorization_codes_by_expiry ON authorization_codes (expires_at);

-- table challenges
CREATE TABLE challenges (
    id TEXT PRIMARY KEY NOT NULL,
    purpose TEXT NOT NULL,
    channel TEXT NOT NULL,
    account_id TEXT REFERENCES accounts (id),
    destination_index BLOB NOT NULL,
    code_hash BLOB NOT NULL,
    code_key_version INTEGER NOT NULL CHECK (code_key_version > 0),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts_left INTEGER NOT NULL CHECK (attempts_left >= 0),
    send_count INTEGER NOT NULL CHECK (send_count >= 1),
    last_sent_at INTEGER NOT NULL,
    consumed_at INTEGER
) STRICT;

-- index challenges_by_account
CREATE INDEX challenges_by_account ON challenges (account_id) WHERE account_id IS NOT NULL;

-- index challenges_by_expiry
CREATE INDEX challenges_by_expiry ON challenges (expires_at);

-- table class_teachers
CREATE TABLE class_teachers (
    class_id TEXT NOT NULL REFERENCES classes (id),
    account_id TEXT NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (class_id, account_id)
) STRICT;

-- index class_teachers_by_account
CREATE INDEX class_teachers_by_account ON class_teachers (account_id);

-- table classes
CREATE TABLE classes (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools (id),
    school_year_start INTEGER NOT NULL,
    grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
    letter TEXT NOT NULL CHECK (length(letter) = 1),
    next_sequence INTEGER NOT NULL DEFAULT 1 CHECK (next_sequence >= 1),
    created_at INTEGER NOT NULL,
    UNIQUE (school_id, school_year_start, grade, letter),
    UNIQUE (id, school_id)
) STRICT;

-- table consents
CREATE TABLE consents (
    id TEXT PRIMARY KEY NOT NULL,
    subject_id TEXT NOT NULL REFERENCES accounts (id),
    given_by TEXT NOT NULL REFERENCES accounts (id),
    basis TEXT NOT NULL CHECK (basis IN ('own', 'legal_representative')),
    text_version INTEGER NOT NULL CHECK (text_version > 0),
    channel TEXT NOT NULL CHECK (channel IN ('web', 'api')),
    given_at INTEGER NOT NULL,
    CHECK (basis <> 'own' OR subject_id = given_by)
) STRICT;

-- index consents_by_giver
CREATE INDEX consents_by_giver ON consents (given_by, given_at);

-- index consents_by_subject
CREATE INDEX consents_by_subject ON consents (subject_id, given_at);

-- table contact_changes
CREATE TABLE contact_changes (
    challenge_id TEXT PRIMARY KEY NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL CHECK (kind IN ('phone', 'email')),
    value BLOB NOT NULL,
    value_index BLOB NOT NULL,
    decoy INTEGER NOT NULL CHECK (decoy IN (0, 1)),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- index contact_changes_expiry
CREATE INDEX contact_changes_expiry ON contact_changes (expires_at);

-- table contacts
CREATE TABLE contacts (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL CHECK (kind IN ('phone', 'email')),
    value BLOB NOT NULL,
    value_index BLOB NOT NULL,
    verified_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, kind)
) STRICT, WITHOUT ROWID;

-- index contacts_verified
CREATE UNIQUE INDEX contacts_verified ON contacts (kind, value_index) WHERE verified_at IS NOT NULL;

-- table credential_batches
CREATE TABLE credential_batches (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL,
    class_id TEXT NOT NULL,
    requested_by TEXT NOT NULL REFERENCES accounts (id),
    status TEXT NOT NULL,
    total INTEGER NOT NULL CHECK (total >= 0),
    completed INTEGER NOT NULL CHECK (completed >= 0),
    failure_code TEXT,
    sealed_roster BLOB,
    sealed_result BLOB,
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    purge_at INTEGER,
    slips_downloaded_at INTEGER,
    csv_downloaded_at INTEGER,
    FOREIGN KEY (class_id, school_id) REFERENCES classes (id, school_id)
) STRICT;

-- index credential_batches_by_purge_time
CREATE INDEX credential_batches_by_purge_time ON credential_batches (purge_at)
    WHERE sealed_roster IS NOT NULL OR sealed_result IS NOT NULL;

-- index credential_batches_unfinished
CREATE INDEX credential_batches_unfinished ON credential_batches (created_at)
    WHERE status IN ('queued', 'running');

-- table enrolments
CREATE TABLE enrolments (
    id TEXT PRIMARY KEY NOT NULL,
    student_id TEXT NOT NULL REFERENCES accounts (id),
    class_id TEXT NOT NULL,
    school_id TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    FOREIGN KEY (class_id, school_id) REFERENCES classes (id, school_id)
) STRICT;

-- index enrolments_active_per_school
CREATE UNIQUE INDEX enrolments_active_per_school ON enrolments (student_id, school_id) WHERE ended_at IS NULL;

-- index enrolments_by_class
CREATE INDEX enrolments_by_class ON enrolments (class_id) WHERE ended_at IS NULL;

-- index enrolments_by_student
CREATE INDEX enrolments_by_student ON enrolments (student_id, started_at);

-- table failure_counters
CREATE TABLE failure_counters (
    key BLOB PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL CHECK (failures > 0),
    last_failure_at INTEGER NOT NULL
) STRICT;

-- index failure_counters_by_last_failure
CREATE INDEX failure_counters_by_last_failure ON failure_counters (last_failure_at);

-- table guardian_links
CREATE TABLE guardian_links (
    id TEXT PRIMARY KEY NOT NULL,
    guardian_id TEXT NOT NULL REFERENCES accounts (id),
    student_id TEXT NOT NULL REFERENCES accounts (id),
    relation TEXT NOT NULL CHECK (relation IN ('mother', 'father', 'legal_representative', 'other')),
    origin TEXT NOT NULL CHECK (origin IN ('credentials', 'link_code', 'staff_proposal')),
    state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'ended')),
    proposed_by TEXT REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    confirmed_at INTEGER,
    ended_at INTEGER,
    ended_by TEXT REFERENCES accounts (id),
    CHECK (guardian_id <> student_id),
    CHECK ((state = 'active') <= (confirmed_at IS NOT NULL)),
    CHECK ((state = 'ended') = (ended_at IS NOT NULL))
) STRICT;

-- index guardian_links_by_student
CREATE INDEX guardian_links_by_student ON guardian_links (student_id);

-- index guardian_links_open_pair
CREATE UNIQUE INDEX guardian_links_open_pair ON guardian_links (guardian_id, student_id)
    WHERE state <> 'ended';

-- table key_rotations
CREATE TABLE key_rotations (
    purpose TEXT PRIMARY KEY NOT NULL CHECK (purpose IN ('data', 'index')),
    target_version INTEGER NOT NULL CHECK (target_version > 0),
    entry TEXT NOT NULL,
    position TEXT,
    changed_in_pass INTEGER NOT NULL CHECK (changed_in_pass >= 0),
    finished_at INTEGER,
    updated_at INTEGER NOT NULL
) STRICT;

-- table ledger_bodies
CREATE TABLE ledger_bodies (
    ledger_index INTEGER PRIMARY KEY NOT NULL,
    owner_id TEXT NOT NULL,
    body BLOB NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;

-- index ledger_bodies_by_expiry
CREATE INDEX ledger_bodies_by_expiry ON ledger_bodies (expires_at);

-- table ledger_checkpoints
CREATE TABLE ledger_checkpoints (
    tree_size INTEGER PRIMARY KEY NOT NULL CHECK (tree_size >= 0),
    root BLOB NOT NULL CHECK (length(root) = 32),
    signed_at INTEGER NOT NULL,
    compact TEXT NOT NULL
) STRICT;

-- table ledger_entries
CREATE TABLE ledger_entries (
    ledger_index INTEGER PRIMARY KEY NOT NULL CHECK (ledger_index >= 0),
    kind TEXT NOT NULL CHECK (kind IN ('receipt', 'withdrawal')),
    acknowledgement_id TEXT NOT NULL,
    leaf_data BLOB NOT NULL CHECK (length(leaf_data) = 32),
    appended_at INTEGER NOT NULL
) STRICT;

-- table ledger_nodes
CREATE TABLE ledger_nodes (
    level INTEGER NOT NULL CHECK (level >= 1),
    position INTEGER NOT NULL CHECK (position >= 0),
    hash BLOB NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, position)
) STRICT, WITHOUT ROWID;

-- table link_codes
CREATE TABLE link_codes (
    id TEXT PRIMARY KEY NOT NULL,
    student_id TEXT NOT NULL REFERENCES accounts (id),
    code_hmac BLOB NOT NULL UNIQUE,
    code_key_version INTEGER NOT NULL CHECK (code_key_version > 0),
    issued_by TEXT REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
) STRICT;

-- index link_codes_by_student
CREATE INDEX link_codes_by_student ON link_codes (student_id);

-- table oauth_client_schools
CREATE TABLE oauth_client_schools (
    client_id TEXT NOT NULL REFERENCES oauth_clients (id),
    school_id TEXT NOT NULL REFERENCES schools (id),
    PRIMARY KEY (client_id, school_id)
) STRICT, WITHOUT ROWID;

-- index oauth_client_schools_by_school
CREATE INDEX oauth_client_schools_by_school ON oauth_client_schools (school_id);

-- table oauth_clients
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

-- table otp_sends
CREATE TABLE otp_sends (
    destination_index BLOB NOT NULL,
    client_address TEXT NOT NULL,
    sent_at INTEGER NOT NULL
) STRICT;

-- index otp_sends_by_address
CREATE INDEX otp_sends_by_address ON otp_sends (client_address, sent_at);

-- index otp_sends_by_destination
CREATE INDEX otp_sends_by_destination ON otp_sends (destination_index, sent_at);

-- index otp_sends_by_time
CREATE INDEX otp_sends_by_time ON otp_sends (sent_at);

-- table outbox
CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    channel TEXT NOT NULL,
    destination BLOB NOT NULL,
    body BLOB,
    status TEXT NOT NULL,
    decoy INTEGER NOT NULL CHECK (decoy IN (0, 1)),
    attempts INTEGER NOT NULL CHECK (attempts >= 0),
    next_attempt_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    last_error TEXT
) STRICT;

-- index outbox_due
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';

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

-- table password_credentials
CREATE TABLE password_credentials (
    account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts (id),
    hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    expires_at INTEGER,
    single_use INTEGER NOT NULL CHECK (single_use IN (0, 1)),
    used_at INTEGER
) STRICT;

-- table recovery_codes
CREATE TABLE recovery_codes (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    slot INTEGER NOT NULL CHECK (slot BETWEEN 0 AND 9),
    code_hash TEXT NOT NULL,
    used_at INTEGER,
    PRIMARY KEY (account_id, slot)
) STRICT, WITHOUT ROWID;

-- table recovery_flows
CREATE TABLE recovery_flows (
    id TEXT PRIMARY KEY NOT NULL,
    account_id TEXT REFERENCES accounts (id),
    sms_challenge_id TEXT,
    email_challenge_id TEXT,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    completed_at INTEGER,
    CHECK (sms_challenge_id IS NOT NULL OR email_challenge_id IS NOT NULL)
) STRICT;

-- index recovery_flows_by_account
CREATE INDEX recovery_flows_by_account ON recovery_flows (account_id) WHERE account_id IS NOT NULL;

-- index recovery_flows_by_expiry
CREATE INDEX recovery_flows_by_expiry ON recovery_flows (expires_at);

-- table refresh_tokens
CREATE TABLE refresh_tokens (
    token_hash BLOB PRIMARY KEY NOT NULL,
    family_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    session_hash BLOB,
    scope TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    idle_expires_at INTEGER NOT NULL,
    absolute_expires_at INTEGER NOT NULL CHECK (absolute_expires_at >= idle_expires_at),
    rotated_at INTEGER,
    revoked_at INTEGER
) STRICT;

-- index refresh_tokens_by_absolute_expiry
CREATE INDEX refresh_tokens_by_absolute_expiry ON refresh_tokens (absolute_expires_at);

-- index refresh_tokens_by_account
CREATE INDEX refresh_tokens_by_account ON refresh_tokens (account_id);

-- index refresh_tokens_by_client
CREATE INDEX refresh_tokens_by_client ON refresh_tokens (client_id);

-- index refresh_tokens_by_family
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);

-- index refresh_tokens_by_idle_expiry
CREATE INDEX refresh_tokens_by_idle_expiry ON refresh_tokens (idle_expires_at);

-- index refresh_tokens_by_session
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_hash);

-- table registrations
CREATE TABLE registrations (
    id TEXT PRIMARY KEY NOT NULL,
    challenge_id TEXT NOT NULL,
    details BLOB NOT NULL,
    password_hash TEXT NOT NULL,
    phone_index BLOB NOT NULL,
    decoy INTEGER NOT NULL CHECK (decoy IN (0, 1)),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    phone_verified_at INTEGER,
    completed_at INTEGER,
    account_id TEXT REFERENCES accounts (id),
    email_challenge_id TEXT, consent_version INTEGER, consent_channel TEXT CHECK (consent_channel IN ('web', 'api')),
    CHECK (completed_at IS NULL OR (phone_verified_at IS NOT NULL AND account_id IS NOT NULL))
) STRICT;

-- index registrations_by_expiry
CREATE INDEX registrations_by_expiry ON registrations (expires_at);

-- table revoked_access_tokens
CREATE TABLE revoked_access_tokens (
    jti TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER NOT NULL
) STRICT;

-- index revoked_access_tokens_by_expiry
CREATE INDEX revoked_access_tokens_by_expiry ON revoked_access_tokens (expires_at);

-- table revoked_token_families
CREATE TABLE revoked_token_families (
    family_id TEXT PRIMARY KEY NOT NULL,
    revoked_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;

-- index revoked_token_families_by_expiry
CREATE INDEX revoked_token_families_by_expiry ON revoked_token_families (expires_at);

-- table schema_migrations
CREATE TABLE schema_migrations (
    id TEXT PRIMARY KEY NOT NULL,
    applied_at INTEGER NOT NULL
) STRICT;

-- table schools
CREATE TABLE schools (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    region TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

-- table second_factors
CREATE TABLE second_factors (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL CHECK (kind IN ('totp', 'sms')),
    secret BLOB,
    created_at INTEGER NOT NULL,
    confirmed_at INTEGER,
    last_used_step INTEGER,
    last_used_at INTEGER,
    PRIMARY KEY (account_id, kind),
    CHECK ((kind = 'totp') = (secret IS NOT NULL))
) STRICT, WITHOUT ROWID;

-- table sessions
CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    purpose TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    idle_expires_at INTEGER NOT NULL,
    absolute_expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    authenticated_at INTEGER NOT NULL
, amr TEXT NOT NULL DEFAULT 'pwd', second_factor_at INTEGER) STRICT;

-- index sessions_by_absolute_expiry
CREATE INDEX sessions_by_absolute_expiry ON sessions (absolute_expires_at);

-- index sessions_by_account
CREATE INDEX sessions_by_account ON sessions (account_id);

-- index sessions_by_idle_expiry
CREATE INDEX sessions_by_idle_expiry ON sessions (idle_expires_at);

-- index sessions_by_revocation
CREATE INDEX sessions_by_revocation ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

-- table snils
CREATE TABLE snils (
    account_id TEXT PRIMARY KEY NOT NULL REFERENCES accounts (id),
    value BLOB NOT NULL,
    value_index BLOB NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('declared', 'verified')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- index snils_by_index
CREATE INDEX snils_by_index ON snils (value_index);

-- index snils_verified
CREATE UNIQUE INDEX snils_verified ON snils (value_index) WHERE status = 'verified';

-- index sqlite_autoindex_accounts_1
-- (automatic)

-- index sqlite_autoindex_accounts_2
-- (automatic)

-- index sqlite_autoindex_acknowledgement_challenges_1
-- (automatic)

-- index sqlite_autoindex_acknowledgements_1
-- (automatic)

-- index sqlite_autoindex_acknowledgements_2
-- (automatic)

-- index sqlite_autoindex_authorization_codes_1
-- (automatic)

-- index sqlite_autoindex_challenges_1
-- (automatic)

-- index sqlite_autoindex_class_teachers_1
-- (automatic)

-- index sqlite_autoindex_classes_1
-- (automatic)

-- index sqlite_autoindex_classes_2
-- (automatic)

-- index sqlite_autoindex_classes_3
-- (automatic)

-- index sqlite_autoindex_consents_1
-- (automatic)

-- index sqlite_autoindex_credential_batches_1
-- (automatic)

-- index sqlite_autoindex_enrolments_1
-- (automatic)

-- index sqlite_autoindex_failure_counters_1
-- (automatic)

-- index sqlite_autoindex_guardian_links_1
-- (automatic)

-- index sqlite_autoindex_key_rotations_1
-- (automatic)

-- index sqlite_autoindex_link_codes_1
-- (automatic)

-- index sqlite_autoindex_link_codes_2
-- (automatic)

-- index sqlite_autoindex_oauth_clients_1
-- (automatic)

-- index sqlite_autoindex_outbox_1
-- (automatic)

-- index sqlite_autoindex_owner_keys_1
-- (automatic)

-- index sqlite_autoindex_password_credentials_1
-- (automatic)

-- index sqlite_autoindex_recovery_flows_1
-- (automatic)

-- index sqlite_autoindex_refresh_tokens_1
-- (automatic)

-- index sqlite_autoindex_registrations_1
-- (automatic)

-- index sqlite_autoindex_revoked_access_tokens_1
-- (automatic)

-- index sqlite_autoindex_revoked_token_families_1
-- (automatic)

-- index sqlite_autoindex_schema_migrations_1
-- (automatic)

-- index sqlite_autoindex_schools_1
-- (automatic)

-- index sqlite_autoindex_schools_2
-- (automatic)

-- index sqlite_autoindex_sessions_1
-- (automatic)

-- index sqlite_autoindex_trusted_approvals_1
-- (automatic)

-- index sqlite_autoindex_trusted_invitations_1
-- (automatic)

-- index sqlite_autoindex_used_logins_1
-- (automatic)

-- table sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);

-- table staff_memberships
CREATE TABLE staff_memberships (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    role TEXT NOT NULL,
    school_id TEXT REFERENCES schools (id),
    created_at INTEGER NOT NULL,
    ended_at INTEGER,
    CHECK ((role = 'platform_admin') = (school_id IS NULL))
) STRICT;

-- index staff_memberships_active
CREATE UNIQUE INDEX staff_memberships_active
    ON staff_memberships (account_id, role, IFNULL(school_id, '')) WHERE ended_at IS NULL;

-- index staff_memberships_by_school
CREATE INDEX staff_memberships_by_school ON staff_memberships (school_id) WHERE ended_at IS NULL;

-- table trusted_approvals
CREATE TABLE trusted_approvals (
    invitation_id TEXT NOT NULL REFERENCES trusted_invitations (id),
    guardian_id TEXT NOT NULL REFERENCES accounts (id),
    approved_at INTEGER,
    PRIMARY KEY (invitation_id, guardian_id)
) STRICT;

-- table trusted_invitations
CREATE TABLE trusted_invitations (
    id TEXT PRIMARY KEY NOT NULL,
    student_id TEXT NOT NULL REFERENCES accounts (id),
    guardian_id TEXT NOT NULL REFERENCES accounts (id),
    school_id TEXT NOT NULL REFERENCES schools (id),
    services TEXT NOT NULL,
    identifier_kind TEXT NOT NULL CHECK (identifier_kind IN ('phone', 'snils')),
    invitee BLOB NOT NULL,
    match_index BLOB NOT NULL,
    code_hmac BLOB,
    code_key_version INTEGER CHECK (code_key_version > 0),
    requires_approval INTEGER NOT NULL CHECK (requires_approval IN (0, 1)),
    state TEXT NOT NULL CHECK (state IN ('invited', 'declined', 'accepted', 'revoked')),
    created_at INTEGER NOT NULL,
    lapses_at INTEGER NOT NULL,
    ends_by INTEGER,
    invitee_id TEXT REFERENCES accounts (id),
    accepted_at INTEGER,
    active_from INTEGER,
    expires_at INTEGER,
    ended_at INTEGER,
    ended_by TEXT REFERENCES accounts (id),
    CHECK ((code_hmac IS NULL) = (code_key_version IS NULL)),
    CHECK ((accepted_at IS NOT NULL) = (active_from IS NOT NULL AND expires_at IS NOT NULL)),
    CHECK ((state = 'accepted') <= (accepted_at IS NOT NULL AND invitee_id IS NOT NULL)),
    CHECK ((state IN ('declined', 'revoked')) = (ended_at IS NOT NULL))
) STRICT;

-- index trusted_invitations_by_invitee
CREATE INDEX trusted_invitations_by_invitee ON trusted_invitations (invitee_id) WHERE invitee_id IS NOT NULL;

-- index trusted_invitations_by_match
CREATE INDEX trusted_invitations_by_match ON trusted_invitations (match_index);

-- index trusted_invitations_by_student
CREATE INDEX trusted_invitations_by_student ON trusted_invitations (student_id);

-- table used_logins
CREATE TABLE used_logins (
    login TEXT PRIMARY KEY NOT NULL,
    used_at INTEGER NOT NULL
) STRICT;
