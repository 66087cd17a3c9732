import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// A contact of `account` with sample bytes for value and index.
    static func contact(_ samples: StoreSamples, of account: Account, kind: AccountContact.Kind = .phone,
                        index: [UInt8]? = nil, verified: Bool = true) -> AccountContact {
        AccountContact(accountID: account.id, kind: kind, value: samples.bytes(40), valueIndex: index ?? samples.bytes(32),
                       verifiedAt: verified ? StoreSamples.t0.adding(seconds: 5) : nil, createdAt: StoreSamples.t0)
    }

    static let contactCases: [Case] = [
        Case("contacts round-trip, one per kind, phone first; saving again replaces; delete removes") { storage in
            let samples = StoreSamples()
            let owner = samples.account(login: "owner1", category: .adult)
            let email = contact(samples, of: owner, kind: .email, verified: false)
            let phone = contact(samples, of: owner)
            let newPhone = with(contact(samples, of: owner)) { $0.updatedAt = StoreSamples.t0.adding(seconds: 60) }
            try await storage.write { tx in
                try tx.accounts.insert(owner)
                try tx.contacts.save(email)
                try tx.contacts.save(phone)
            }
            #expect(try await storage.read { tx in try tx.contacts.contacts(of: owner.id) } == [phone, email])
            let (replaced, deleted, again) = try await storage.write { tx in
                try tx.contacts.save(newPhone)
                return (try tx.contacts.contacts(of: owner.id), try tx.contacts.delete(of: owner.id, kind: .email),
                        try tx.contacts.delete(of: owner.id, kind: .email))
            }
            #expect(replaced == [newPhone, email])
            #expect(deleted && !again)
            #expect(try await storage.read { tx in try tx.contacts.contacts(of: owner.id) } == [newPhone])
        },
        Case("a verified value belongs to one account; unverified values may repeat; lookup finds verified only") { storage in
            let samples = StoreSamples()
            let first = samples.account(login: "first1", category: .adult)
            let second = samples.account(login: "second1", category: .adult)
            let index = samples.bytes(32)
            let owned = contact(samples, of: first, index: index)
            let pending = contact(samples, of: second, index: index, verified: false)
            try await storage.write { tx in
                try tx.accounts.insert(first)
                try tx.accounts.insert(second)
                try tx.contacts.save(owned)
                try tx.contacts.save(pending)
            }
            await #expect(throws: StoreError.alreadyExists) {
                try await storage.write { tx in try tx.contacts.save(with(pending) { $0.verifiedAt = StoreSamples.t0 }) }
            }
            let (found, byEmail, unknown) = try await storage.read { tx in
                (try tx.contacts.verifiedContact(kind: .phone, valueIndex: index),
                 try tx.contacts.verifiedContact(kind: .email, valueIndex: index),
                 try tx.contacts.verifiedContact(kind: .phone, valueIndex: samples.bytes(32)))
            }
            #expect(found == owned)
            #expect(byEmail == nil && unknown == nil)
        },
        Case("a contact of an unknown account is notFound") { storage in
            let samples = StoreSamples()
            let stranger = samples.account(login: "stranger1", category: .adult)
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.contacts.save(contact(samples, of: stranger)) }
            }
        },
    ]
}
