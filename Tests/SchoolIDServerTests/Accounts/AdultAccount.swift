import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting

/// An active adult account created through the store as registration would leave it:
/// a permanent password and the given contacts and SNILS, sealed under a new owner key.
/// The one way the guardian, recovery and trusted-person fixtures make people. As
/// registration does, the person has consented to the current text (issue 8), unless
/// `consentVersion` says otherwise (`nil`: never).
enum AdultAccount {
    /// Creates the account; its id.
    /// - Parameters:
    ///   - phone: a phone number, verified, or `nil`.
    ///   - email: an email address, verified when `emailVerified`, or `nil`.
    ///   - snils: a SNILS, verified by staff when `snilsVerified` (else declared), or `nil`.
    static func create(in environment: ServiceEnvironment, login: String, password: String,
                       lastName: String = "Петрова", firstName: String = "Анна", phone: String? = nil,
                       email: String? = nil, emailVerified: Bool = true, snils: String? = nil,
                       snilsVerified: Bool = true, locale: MessageLanguage = .russian,
                       consentVersion: Int? = -1) async throws -> Account.ID
    {
        let hash = try await environment.hasher.hash(try Password(password, maximumLength: 128),
                                                     cost: environment.policies.passwords.userHashCost,
                                                     priority: .interactive)
        let now = environment.clock.now()
        let profile = try AccountProfile(lastName: lastName, firstName: firstName, patronymic: nil, birthDate: nil)
        let login = try Login(parsing: login)
        let phone = try phone.map { OTPDestination.phone(try PhoneNumber(parsing: $0)) }
        let email = try email.map { OTPDestination.email(try Email(parsing: $0)) }
        let snils = try snils.map { try SNILS(parsing: $0) }
        let consent = consentVersion == -1 ? environment.policies.consent.currentTextVersion : consentVersion
        return try await environment.storage.write { tx in
            let id = Account.ID.random(using: environment.random)
            let key = try environment.ownerKeys.create(for: id.rawValue, at: now, in: tx.ownerKeys)
            try tx.accounts.insert(Account(id: id, category: .adult, login: login,
                                           profile: try profile.sealed(for: id, under: key), locale: locale,
                                           createdAt: now))
            try tx.credentials.setPassword(PasswordCredential(accountID: id, hash: hash, kind: .permanent, issuedAt: now))
            let indexKey = environment.dataKeys.indexKey
            if let phone {
                try tx.contacts.save(AccountContact(destination: phone, accountID: id, ownerKey: key, indexKey: indexKey,
                                                    verifiedAt: now, now: now))
            }
            if let email {
                try tx.contacts.save(AccountContact(destination: email, accountID: id, ownerKey: key, indexKey: indexKey,
                                                    verifiedAt: emailVerified ? now : nil, now: now))
            }
            if let snils {
                try tx.snils.save(try AccountSNILS(snils: snils, accountID: id, status: snilsVerified ? .verified : .declared,
                                                   ownerKey: key, indexKey: indexKey, createdAt: now, now: now))
            }
            if let consent {
                try tx.consents.insert(ConsentRecord(id: .random(using: environment.random), subjectID: id, givenBy: id,
                                                     basis: .own, textVersion: consent, channel: .api, givenAt: now))
            }
            return id
        }
    }
}
