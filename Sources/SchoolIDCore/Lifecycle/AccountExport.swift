import SchoolIDBase
import SchoolIDJOSE

/// One export being assembled inside a read unit: each section of a person's document
/// as ``JSONValue``, with sealed values opened under their owner keys. Times are Unix
/// seconds; absent values are `null`, so every member is present in every document.
struct AccountExport {
    let tx: any ReadTransaction
    let ownerKeys: OwnerKeys
    let now: UnixTime

    /// The whole export of `accountID` and how many children it lists.
    func document(of accountID: Account.ID) throws -> (JSONValue, Int) {
        var root = try person(accountID, own: true)
        let children = try tx.guardianLinks.links(ofGuardian: accountID).filter { $0.state == .active }.map(\.studentID)
        root["children"] = .array(try children.map { .object(try person($0, own: false)) })
        root["audit_events"] = .array(try auditEvents(about: [accountID] + children))
        root["format_version"] = .integer(AccountExportService.formatVersion)
        root["generated_at"] = Self.time(now)
        return (.object(root), children.count)
    }

    /// One person's sections; `own` adds the sessions, which a child's document leaves
    /// out (issue 8: a guardian sees the child's data, not where the child is signed in).
    func person(_ accountID: Account.ID, own: Bool) throws -> [String: JSONValue] {
        guard let account = try tx.accounts.account(accountID) else { throw DomainError(.notFound) }
        let key = try ownerKeys.key(for: accountID.rawValue, in: tx.ownerKeys)
        var sections: [String: JSONValue] = [
            "account": try self.account(account, key: key),
            "contacts": .array(try tx.contacts.contacts(of: accountID).map { contact in
                .object(["kind": .string(contact.kind.rawValue),
                         "value": .string(try contact.destination(ownerKey: key).normalizedText),
                         "verified_at": Self.time(contact.verifiedAt), "created_at": Self.time(contact.createdAt),
                         "updated_at": Self.time(contact.updatedAt)])
            }),
            "snils": try tx.snils.snils(of: accountID).map { record in
                .object(["value": .string(try record.snils(ownerKey: key).formatted),
                         "status": .string(record.status.rawValue), "created_at": Self.time(record.createdAt),
                         "updated_at": Self.time(record.updatedAt)])
            } ?? .null,
            "enrolments": .array(try tx.accounts.enrolments(of: accountID).map(enrolment)),
            "guardian_links": .array(try guardianLinks(of: accountID).map(Self.link)),
            "link_codes": .array(try tx.guardianLinks.codes(ofStudent: accountID).map(Self.linkCode)),
            "trusted_invitations": .array(try trustedInvitations(of: accountID)),
            "consents": .array(try tx.consents.records(involving: accountID).map(Self.consent)),
            "acknowledgements": .array(try acknowledgements(of: accountID, key: key)),
        ]
        try addAccessSections(of: account, to: &sections)
        if own {
            sections["sessions"] = .array(try tx.sessions.allSessions(of: accountID).map(Self.session))
        }
        return sections
    }

    private func account(_ account: Account, key: SealingKey) throws -> JSONValue {
        let profile = try AccountProfile(sealed: account.profile, for: account.id, under: key)
        return .object([
            "id": .string(account.id.rawValue), "category": .string(account.category.rawValue),
            "login": account.login.map { .string($0.rawValue) } ?? .null, "status": .string(account.status.rawValue),
            "locale": .string(account.locale.rawValue), "created_at": Self.time(account.createdAt),
            "updated_at": Self.time(account.updatedAt), "locked_at": Self.time(account.lockedAt),
            "consecutive_failures": .integer(Int64(account.consecutiveFailures)),
            "has_second_factor": .bool(account.hasSecondFactor),
            "profile": .object(["last_name": .string(profile.lastName), "first_name": .string(profile.firstName),
                                "patronymic": profile.patronymic.map(JSONValue.string) ?? .null,
                                "birth_date": profile.birthDate.map { .string($0.description) } ?? .null]),
        ])
    }

    /// Password metadata, second factors and recovery codes (never a secret or hash),
    /// staff memberships and classes taught.
    private func addAccessSections(of account: Account, to sections: inout [String: JSONValue]) throws {
        let id = account.id
        sections["password"] = try tx.credentials.password(of: id).map { password in
            .object(["kind": .string(password.kind.rawValue), "issued_at": Self.time(password.issuedAt),
                     "expires_at": Self.time(password.expiresAt), "single_use": .bool(password.singleUse),
                     "used_at": Self.time(password.usedAt)])
        } ?? .null
        sections["second_factors"] = .array(try tx.secondFactors.factors(of: id).map { factor in
            .object(["kind": .string(factor.kind.rawValue), "created_at": Self.time(factor.createdAt),
                     "confirmed_at": Self.time(factor.confirmedAt), "last_used_at": Self.time(factor.lastUsedAt)])
        })
        sections["recovery_codes"] = .array(try tx.secondFactors.recoveryCodes(of: id).map { code in
            .object(["slot": .integer(Int64(code.slot)), "used_at": Self.time(code.usedAt)])
        })
        sections["staff_memberships"] = .array(try tx.accounts.memberships(of: id).map { membership in
            var entry = try school(membership.schoolID)
            entry["role"] = .string(membership.role.rawValue)
            entry["created_at"] = Self.time(membership.createdAt)
            entry["ended_at"] = Self.time(membership.endedAt)
            return .object(entry)
        })
        sections["classes_taught"] = .array(try tx.classes.classes(taughtBy: id).map { classID in
            .object(try schoolClass(classID))
        })
    }

    private static func consent(_ record: ConsentRecord) -> JSONValue {
        .object(["id": .string(record.id.rawValue), "subject_id": .string(record.subjectID.rawValue),
                 "given_by": .string(record.givenBy.rawValue), "basis": .string(record.basis.rawValue),
                 "text_version": .integer(Int64(record.textVersion)), "channel": .string(record.channel.rawValue),
                 "given_at": time(record.givenAt)])
    }

    /// A session by its public handle (`ses_…`), never its token or hash.
    private static func session(_ session: Session) -> JSONValue {
        .object(["id": .string(session.handle), "purpose": .string(session.purpose.rawValue),
                 "created_at": time(session.createdAt), "last_seen_at": time(session.lastSeenAt),
                 "idle_expires_at": time(session.idleExpiresAt), "absolute_expires_at": time(session.absoluteExpiresAt),
                 "revoked_at": time(session.revokedAt), "authenticated_at": time(session.authenticatedAt),
                 "amr": .array(session.amr.map(JSONValue.string)), "second_factor_at": time(session.secondFactorAt)])
    }

    private func enrolment(_ enrolment: Enrolment) throws -> JSONValue {
        var entry = try schoolClass(enrolment.classID)
        entry["id"] = .string(enrolment.id.rawValue)
        entry["started_at"] = Self.time(enrolment.startedAt)
        entry["ended_at"] = Self.time(enrolment.endedAt)
        return .object(entry)
    }

    /// The class's id, school (id, code, name), grade, letter and school year.
    private func schoolClass(_ id: SchoolClass.ID) throws -> [String: JSONValue] {
        guard let schoolClass = try tx.classes.schoolClass(id) else { return ["class_id": .string(id.rawValue)] }
        var entry = try school(schoolClass.schoolID)
        entry["class_id"] = .string(id.rawValue)
        entry["class"] = .string("\(schoolClass.grade)\(schoolClass.letter)")
        entry["school_year_start"] = .integer(Int64(schoolClass.schoolYearStart))
        return entry
    }

    /// The school's id, code and name (all `null` for a platform-wide role).
    private func school(_ id: School.ID?) throws -> [String: JSONValue] {
        let school = try id.flatMap { try tx.schools.school($0) }
        return ["school_id": id.map { .string($0.rawValue) } ?? .null,
                "school_code": school.map { .string($0.code.rawValue) } ?? .null,
                "school_name": school.map { .string($0.name) } ?? .null]
    }

    static func time(_ time: UnixTime?) -> JSONValue {
        time.map { .integer($0.seconds) } ?? .null
    }

    static func id<K>(_ id: Identifier<K>?) -> JSONValue {
        id.map { .string($0.rawValue) } ?? .null
    }
}
