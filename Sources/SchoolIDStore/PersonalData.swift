/// The registry of personal data in the SQLite schema: for every table, how its rows
/// relate to a person and, for every column, whether it holds data about that person
/// and where an account export shows it (152-FZ art. 14 and GDPR Art. 15: the person's
/// right to everything held about them; issue 8).
///
/// A Store test reads the migrated schema (`PRAGMA table_info` of every table) and fails
/// when a column is missing here, so a migration that adds a column must classify it; a
/// Server test fills a family and checks that the export holds a value wherever the
/// database does for each ``Classification/exported(_:)`` column.
public enum PersonalDataColumns {
    /// What one column holds.
    public enum Classification: Hashable, Sendable {
        /// Data about the person the row relates to, shown in their export at this
        /// path: member names joined by `.`, arrays crossed implicitly (`contacts.value`
        /// is the `value` of every element of `contacts`). Paths are relative to one
        /// person's document (the account's own, or a child's in `children`), except
        /// `audit_events`, which sits at the top of the export.
        case exported(String)
        /// Data about the person that the export leaves out on purpose, with the reason
        /// (a secret or a one-way lookup value, or short-lived state that retention
        /// purges within hours and whose content the export already holds).
        case withheld(String)
        /// Not data about a person, with the reason.
        case notPersonal(String)

        /// Whether the column holds data about a person (exported or withheld).
        public var isPersonal: Bool {
            if case .notPersonal = self { false } else { true }
        }
    }

    /// One table of the schema.
    public struct Table: Sendable {
        /// The table's name.
        public let name: String
        /// An SQL condition on the table's rows, with `?1` bound to an account id, that
        /// selects the rows about that account; `nil` when rows are tied to no account
        /// (not personal), or only through a blind index of a value the person gave.
        public let subject: String?
        /// Every column of the table, by name.
        public let columns: [String: Classification]

        init(_ name: String, subject: String?, _ columns: [String: Classification]) {
            self.name = name
            self.subject = subject
            self.columns = columns
        }
    }

    /// Every table of the schema (SQLite's own `sqlite_…` tables excepted).
    public static let tables: [Table] = directory + access + family + delivery + system

    /// The table named `name`, or `nil`.
    public static func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    private static let ownRow = "id = ?1"
    private static let ownColumn = "account_id = ?1"
    private static let secret = Classification.withheld("a secret or its hash: exporting it would hand over a credential")
    private static let blindIndex = Classification.withheld("a keyed one-way index of a value the export holds in clear")
    private static let keyVersion = Classification.notPersonal("the version of the key that sealed or hashed the row")
    private static let oauth = Classification.withheld(
        "a diary service's sign-in state (codes live a minute, refresh tokens until their family ends), purged by retention")

    private static let directory: [Table] = [
        Table("accounts", subject: ownRow, [
            "id": .exported("account.id"), "category": .exported("account.category"),
            "login": .exported("account.login"), "status": .exported("account.status"),
            "profile": .exported("account.profile"),
            "consecutive_failures": .exported("account.consecutive_failures"),
            "locked_at": .exported("account.locked_at"), "has_second_factor": .exported("account.has_second_factor"),
            "created_at": .exported("account.created_at"), "updated_at": .exported("account.updated_at"),
            "locale": .exported("account.locale"),
        ]),
        Table("used_logins", subject: "login IN (SELECT login FROM accounts WHERE id = ?1)", [
            "login": .exported("account.login"),
            "used_at": .withheld("when the login was reserved: the account's creation, or a released login's history"),
        ]),
        Table("staff_memberships", subject: ownColumn, [
            "account_id": .exported("account.id"), "role": .exported("staff_memberships.role"),
            "school_id": .exported("staff_memberships.school_id"),
            "created_at": .exported("staff_memberships.created_at"), "ended_at": .exported("staff_memberships.ended_at"),
        ]),
        Table("class_teachers", subject: ownColumn, [
            "class_id": .exported("classes_taught.class_id"), "account_id": .exported("account.id"),
        ]),
        Table("enrolments", subject: "student_id = ?1", [
            "id": .exported("enrolments.id"), "student_id": .exported("account.id"),
            "class_id": .exported("enrolments.class_id"), "school_id": .exported("enrolments.school_id"),
            "started_at": .exported("enrolments.started_at"), "ended_at": .exported("enrolments.ended_at"),
        ]),
        Table("contacts", subject: ownColumn, [
            "account_id": .exported("account.id"), "kind": .exported("contacts.kind"),
            "value": .exported("contacts.value"), "value_index": blindIndex,
            "verified_at": .exported("contacts.verified_at"), "created_at": .exported("contacts.created_at"),
            "updated_at": .exported("contacts.updated_at"),
        ]),
        Table("snils", subject: ownColumn, [
            "account_id": .exported("account.id"), "value": .exported("snils.value"), "value_index": blindIndex,
            "status": .exported("snils.status"), "created_at": .exported("snils.created_at"),
            "updated_at": .exported("snils.updated_at"),
        ]),
        Table("schools", subject: nil, [
            "id": .notPersonal("a school"), "code": .notPersonal("a school"), "name": .notPersonal("a school"),
            "region": .notPersonal("a school"), "time_zone": .notPersonal("a school"),
            "created_at": .notPersonal("a school"),
        ]),
        Table("classes", subject: nil, [
            "id": .notPersonal("a class"), "school_id": .notPersonal("a class"),
            "school_year_start": .notPersonal("a class"), "grade": .notPersonal("a class"),
            "letter": .notPersonal("a class"), "next_sequence": .notPersonal("the class's login counter"),
            "created_at": .notPersonal("a class"),
        ]),
    ]

    private static let access: [Table] = [
        Table("password_credentials", subject: ownColumn, [
            "account_id": .exported("account.id"), "hash": secret, "kind": .exported("password.kind"),
            "issued_at": .exported("password.issued_at"), "expires_at": .exported("password.expires_at"),
            "single_use": .exported("password.single_use"), "used_at": .exported("password.used_at"),
        ]),
        Table("sessions", subject: ownColumn, [
            "token_hash": .exported("sessions.id"),  // as the public handle, never the hash itself
            "account_id": .exported("account.id"), "purpose": .exported("sessions.purpose"),
            "created_at": .exported("sessions.created_at"), "last_seen_at": .exported("sessions.last_seen_at"),
            "idle_expires_at": .exported("sessions.idle_expires_at"),
            "absolute_expires_at": .exported("sessions.absolute_expires_at"),
            "revoked_at": .exported("sessions.revoked_at"), "authenticated_at": .exported("sessions.authenticated_at"),
            "amr": .exported("sessions.amr"), "second_factor_at": .exported("sessions.second_factor_at"),
        ]),
        Table("authorization_codes", subject: ownColumn, [
            "code_hash": secret, "client_id": oauth, "account_id": oauth, "session_hash": secret,
            "redirect_uri": oauth, "code_challenge": oauth, "scope": oauth, "nonce": oauth, "created_at": oauth,
            "expires_at": oauth, "consumed_at": oauth, "family_id": oauth,
        ]),
        Table("refresh_tokens", subject: ownColumn, [
            "token_hash": secret, "family_id": oauth, "client_id": oauth, "account_id": oauth, "session_hash": secret,
            "scope": oauth, "created_at": oauth, "idle_expires_at": oauth, "absolute_expires_at": oauth,
            "rotated_at": oauth, "revoked_at": oauth,
        ]),
        Table("second_factors", subject: ownColumn, [
            "account_id": .exported("account.id"), "kind": .exported("second_factors.kind"), "secret": secret,
            "created_at": .exported("second_factors.created_at"),
            "confirmed_at": .exported("second_factors.confirmed_at"),
            "last_used_step": .withheld("the TOTP replay guard; last_used_at tells the same in time"),
            "last_used_at": .exported("second_factors.last_used_at"),
        ]),
        Table("recovery_codes", subject: ownColumn, [
            "account_id": .exported("account.id"), "slot": .exported("recovery_codes.slot"), "code_hash": secret,
            "used_at": .exported("recovery_codes.used_at"),
        ]),
        Table("failure_counters", subject: nil, [
            "key": .withheld("a keyed one-way index of a login and a client address; throttling state for a day"),
            "failures": .withheld("throttling state kept for the lockout window"),
            "last_failure_at": .withheld("throttling state kept for the lockout window"),
        ]),
        Table("audit_events", subject: "actor_id = ?1 OR target_id = ?1", [
            "sequence": .exported("audit_events.sequence"), "at": .exported("audit_events.at"),
            "action": .exported("audit_events.action"), "actor_id": .exported("audit_events.actor_id"),
            "target_id": .exported("audit_events.target_id"), "school_id": .exported("audit_events.school_id"),
            "client_address": .exported("audit_events.client_address"),
            "request_id": .exported("audit_events.request_id"), "detail": .exported("audit_events.detail"),
        ]),
        Table("owner_keys", subject: "owner_id = ?1", [
            "owner_id": .withheld("the key's owner: the account id the export holds"),
            "key_version": keyVersion, "wrapped_key": secret, "data_key_version": keyVersion,
            "created_at": .withheld("when the key was made: the account's creation"),
        ]),
    ]

    private static let family: [Table] = [
        Table("consents", subject: "subject_id = ?1 OR given_by = ?1", [
            "id": .exported("consents.id"), "subject_id": .exported("consents.subject_id"),
            "given_by": .exported("consents.given_by"), "basis": .exported("consents.basis"),
            "text_version": .exported("consents.text_version"), "channel": .exported("consents.channel"),
            "given_at": .exported("consents.given_at"),
        ]),
        Table("guardian_links", subject: "guardian_id = ?1 OR student_id = ?1", [
            "id": .exported("guardian_links.id"), "guardian_id": .exported("guardian_links.guardian_id"),
            "student_id": .exported("guardian_links.student_id"), "relation": .exported("guardian_links.relation"),
            "origin": .exported("guardian_links.origin"), "state": .exported("guardian_links.state"),
            "proposed_by": .exported("guardian_links.proposed_by"),
            "created_at": .exported("guardian_links.created_at"),
            "confirmed_at": .exported("guardian_links.confirmed_at"), "ended_at": .exported("guardian_links.ended_at"),
            "ended_by": .exported("guardian_links.ended_by"),
        ]),
        Table("link_codes", subject: "student_id = ?1", [
            "id": .exported("link_codes.id"), "student_id": .exported("account.id"), "code_hmac": secret,
            "code_key_version": keyVersion, "issued_by": .exported("link_codes.issued_by"),
            "created_at": .exported("link_codes.created_at"), "expires_at": .exported("link_codes.expires_at"),
            "used_at": .exported("link_codes.used_at"),
        ]),
        Table("trusted_invitations", subject: "guardian_id = ?1 OR student_id = ?1 OR invitee_id = ?1", [
            "id": .exported("trusted_invitations.id"), "student_id": .exported("trusted_invitations.student_id"),
            "guardian_id": .exported("trusted_invitations.guardian_id"),
            "school_id": .exported("trusted_invitations.school_id"),
            "services": .exported("trusted_invitations.services"),
            "identifier_kind": .exported("trusted_invitations.invitee.kind"),
            "invitee": .exported("trusted_invitations.invitee.value"), "match_index": blindIndex,
            "code_hmac": secret, "code_key_version": keyVersion,
            "requires_approval": .exported("trusted_invitations.requires_approval"),
            "state": .exported("trusted_invitations.state"), "created_at": .exported("trusted_invitations.created_at"),
            "lapses_at": .exported("trusted_invitations.lapses_at"), "ends_by": .exported("trusted_invitations.ends_by"),
            "invitee_id": .exported("trusted_invitations.invitee_id"),
            "accepted_at": .exported("trusted_invitations.accepted_at"),
            "active_from": .exported("trusted_invitations.active_from"),
            "expires_at": .exported("trusted_invitations.expires_at"),
            "ended_at": .exported("trusted_invitations.ended_at"), "ended_by": .exported("trusted_invitations.ended_by"),
        ]),
        Table("acknowledgements", subject: "student_id = ?1", [
            "id": .exported("acknowledgements.id"), "client_id": .exported("acknowledgements.client_id"),
            "student_id": .exported("account.id"), "document_id": .exported("acknowledgements.document_id"),
            "digest": .exported("acknowledgements.digest"), "title": .exported("acknowledgements.title"),
            "deadline": .exported("acknowledgements.deadline"), "state": .exported("acknowledgements.state"),
            "created_at": .exported("acknowledgements.created_at"),
            "signed_at": .exported("acknowledgements.signed_at"), "signed_by": .exported("acknowledgements.signed_by"),
            "ledger_index": .exported("acknowledgements.ledger_index"),
            "withdrawn_at": .exported("acknowledgements.withdrawn_at"),
            "withdrawal_index": .exported("acknowledgements.withdrawal_index"),
        ]),
        Table("ledger_entries", subject: nil, [
            "ledger_index": .notPersonal("a leaf position in the public append-only ledger"),
            "kind": .notPersonal("a leaf kind in the public append-only ledger"),
            "acknowledgement_id": .notPersonal("an opaque request id; the acknowledgement row ties it to the student"),
            "leaf_data": .notPersonal("SHA-256 of a receipt: a one-way digest the public tree publishes"),
            "appended_at": .notPersonal("a leaf's time in the public append-only ledger"),
        ]),
        Table("ledger_bodies", subject: "owner_id = ?1", [
            "ledger_index": .notPersonal("a leaf position in the public append-only ledger"),
            "owner_id": .withheld("the student whose key seals the body; the export lists the acknowledgements"),
            "body": .withheld("a receipt or withdrawal JWS, sealed; the export holds the acknowledgement it records"),
            "expires_at": .notPersonal("when retention destroys the body (receipt_bodies_days)"),
        ]),
        Table("ledger_nodes", subject: nil, [
            "level": .notPersonal("a hash of the ledger's leaves"), "position": .notPersonal("a hash of the ledger's leaves"),
            "hash": .notPersonal("a hash of the ledger's leaves"),
        ]),
        Table("ledger_checkpoints", subject: nil, [
            "tree_size": .notPersonal("a signed tree head"), "root": .notPersonal("a signed tree head"),
            "signed_at": .notPersonal("a signed tree head"), "compact": .notPersonal("a signed tree head"),
        ]),
        Table("trusted_approvals", subject: "guardian_id = ?1", [
            "invitation_id": .exported("trusted_invitations.id"),
            "guardian_id": .exported("trusted_invitations.approvals.guardian_id"),
            "approved_at": .exported("trusted_invitations.approvals.approved_at"),
        ]),
    ]

    private static let flow = Classification.withheld(
        "sign-up, sign-in or recovery state that lives minutes to days and is purged by retention")

    private static let delivery: [Table] = [
        Table("challenges", subject: ownColumn, [
            "id": flow, "purpose": flow, "channel": flow, "account_id": flow, "destination_index": blindIndex,
            "code_hash": secret, "code_key_version": keyVersion, "created_at": flow, "expires_at": flow,
            "attempts_left": flow, "send_count": flow, "last_sent_at": flow, "consumed_at": flow,
        ]),
        Table("acknowledgement_challenges", subject: "signer_id = ?1", [
            "challenge_id": flow, "acknowledgement_id": flow, "digest": flow, "signer_id": flow,
        ]),
        Table("otp_sends", subject: nil, [
            "destination_index": blindIndex, "client_address": flow, "sent_at": flow,
        ]),
        Table("outbox", subject: nil, [
            "id": flow, "channel": flow,
            "destination": .withheld("a message's sealed destination: the contact the export holds"),
            "body": .withheld("a message in delivery (codes and notices), erased once sent"),
            "status": flow, "decoy": flow, "attempts": flow, "next_attempt_at": flow, "created_at": flow,
            "sent_at": flow, "last_error": flow,
        ]),
        Table("registrations", subject: ownColumn, [
            "id": flow, "challenge_id": flow,
            "details": .withheld("the sign-up form, sealed; the account's profile and contacts hold it after sign-up"),
            "password_hash": secret, "phone_index": blindIndex, "decoy": flow, "created_at": flow, "expires_at": flow,
            "phone_verified_at": flow, "completed_at": flow, "account_id": flow, "email_challenge_id": flow,
            "consent_version": flow, "consent_channel": flow,
        ]),
        Table("recovery_flows", subject: ownColumn, [
            "id": flow, "account_id": flow, "sms_challenge_id": flow, "email_challenge_id": flow, "created_at": flow,
            "expires_at": flow, "completed_at": flow,
        ]),
        Table("contact_changes", subject: ownColumn, [
            "challenge_id": flow, "account_id": flow, "kind": flow,
            "value": .withheld("a new phone or email awaiting its code (minutes); a contact once confirmed"),
            "value_index": blindIndex, "decoy": flow, "created_at": flow, "expires_at": flow,
        ]),
        Table("credential_batches", subject: "requested_by = ?1", [
            "id": .notPersonal("a class's login batch"), "school_id": .notPersonal("a class's login batch"),
            "class_id": .notPersonal("a class's login batch"),
            "requested_by": .withheld("the teacher who asked; their export lists the classes they teach"),
            "status": .notPersonal("a class's login batch"), "total": .notPersonal("a class's login batch"),
            "completed": .notPersonal("a class's login batch"),
            "failure_code": .notPersonal("a class's login batch"),
            "sealed_roster": .withheld("a class's roster in transit, sealed, purged after download"),
            "sealed_result": .withheld("a class's temporary passwords, sealed, purged after download"),
            "created_at": .notPersonal("a class's login batch"), "finished_at": .notPersonal("a class's login batch"),
            "purge_at": .notPersonal("a class's login batch"),
            "slips_downloaded_at": .notPersonal("a class's login batch"),
            "csv_downloaded_at": .notPersonal("a class's login batch"),
        ]),
    ]

    private static let system: [Table] = [
        Table("oauth_clients", subject: nil, [
            "id": .notPersonal("a client"), "name": .notPersonal("a client"), "type": .notPersonal("a client"),
            "redirect_uris": .notPersonal("a client"), "post_logout_redirect_uris": .notPersonal("a client"),
            "grants": .notPersonal("a client"), "scopes": .notPersonal("a client"),
            "audience": .notPersonal("a client"), "first_party": .notPersonal("a client"),
            "access_token_algorithm": .notPersonal("a client"), "id_token_algorithm": .notPersonal("a client"),
            "subject_type": .notPersonal("a client"), "status": .notPersonal("a client"),
            "secret_hash": .notPersonal("a client's secret digest"),
            "previous_secret_hash": .notPersonal("a client's secret digest"),
            "previous_secret_expires_at": .notPersonal("a client"), "created_at": .notPersonal("a client"),
            "disabled_at": .notPersonal("a client"),
        ]),
        Table("oauth_client_schools", subject: nil, [
            "client_id": .notPersonal("a client"), "school_id": .notPersonal("a client's school"),
        ]),
        Table("revoked_access_tokens", subject: nil, [
            "jti": .notPersonal("a revoked token's random id"), "client_id": .notPersonal("a client"),
            "expires_at": .notPersonal("a revoked token's expiry"), "revoked_at": .notPersonal("a revocation"),
        ]),
        Table("revoked_token_families", subject: nil, [
            "family_id": .notPersonal("a refresh family's random id"), "revoked_at": .notPersonal("a revocation"),
            "expires_at": .notPersonal("the mark's end"),
        ]),
        Table("schema_migrations", subject: nil, [
            "id": .notPersonal("a migration"), "applied_at": .notPersonal("a migration"),
        ]),
        Table("key_rotations", subject: nil, [
            "purpose": .notPersonal("a key rotation"), "target_version": .notPersonal("a key rotation"),
            "entry": .notPersonal("a key rotation"), "position": .notPersonal("a key rotation"),
            "changed_in_pass": .notPersonal("a key rotation"), "finished_at": .notPersonal("a key rotation"),
            "updated_at": .notPersonal("a key rotation"),
        ]),
        Table("audit_purges", subject: nil, [
            "id": .notPersonal("the retention mark"), "through_sequence": .notPersonal("the retention mark"),
            "released_before": .notPersonal("the retention mark"),
        ]),
    ]
}
