import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// A SNILS record of `account` with sample bytes for value and index.
    static func snilsRecord(_ samples: StoreSamples, of account: Account, index: [UInt8]? = nil,
                            status: AccountSNILS.Status = .verified) -> AccountSNILS {
        AccountSNILS(accountID: account.id, value: samples.bytes(40), valueIndex: index ?? samples.bytes(32),
                     status: status, createdAt: StoreSamples.t0)
    }

    static let snilsCases: [Case] = [
        Case("a SNILS round-trips, one per account; saving again replaces it; delete removes it") { storage in
            let samples = StoreSamples()
            let owner = samples.account(login: "owner1", category: .adult)
            let declared = snilsRecord(samples, of: owner, status: .declared)
            let verified = with(snilsRecord(samples, of: owner)) { $0.updatedAt = StoreSamples.t0.adding(seconds: 60) }
            try await storage.write { tx in
                try tx.accounts.insert(owner)
                try tx.snils.save(declared)
            }
            #expect(try await storage.read { tx in try tx.snils.snils(of: owner.id) } == declared)
            let (replaced, deleted, again) = try await storage.write { tx in
                try tx.snils.save(verified)
                return (try tx.snils.snils(of: owner.id), try tx.snils.delete(of: owner.id),
                        try tx.snils.delete(of: owner.id))
            }
            #expect(replaced == verified)
            #expect(deleted && !again)
            #expect(try await storage.read { tx in try tx.snils.snils(of: owner.id) } == nil)
        },
        Case("a verified SNILS belongs to one account; declared ones may repeat; lookup lists verified first") { storage in
            let samples = StoreSamples()
            let first = samples.account(login: "first1", category: .adult)
            let second = samples.account(login: "second1", category: .adult)
            let third = samples.account(login: "third1", category: .adult)
            let index = samples.bytes(32)
            try await storage.write { tx in
                for account in [first, second, third] { try tx.accounts.insert(account) }
                try tx.snils.save(snilsRecord(samples, of: second, index: index, status: .declared))
                try tx.snils.save(snilsRecord(samples, of: third, index: index, status: .declared))
                try tx.snils.save(snilsRecord(samples, of: first, index: index))
            }
            await #expect(throws: StoreError.alreadyExists) {
                try await storage.write { tx in try tx.snils.save(snilsRecord(samples, of: second, index: index)) }
            }
            let (holders, unknown, unchanged) = try await storage.read { tx in
                (try tx.snils.accounts(index: index), try tx.snils.accounts(index: samples.bytes(32)),
                 try tx.snils.snils(of: second.id)?.status)
            }
            let declared = [second.id, third.id].sorted { $0.rawValue < $1.rawValue }
            #expect(holders.map(\.0) == [first.id] + declared)
            #expect(holders.map(\.1) == [.verified, .declared, .declared])
            #expect(unknown.isEmpty)
            #expect(unchanged == .declared)
        },
        Case("once its verified holder clears it, another account may have the SNILS verified") { storage in
            let samples = StoreSamples()
            let first = samples.account(login: "first1", category: .adult)
            let second = samples.account(login: "second1", category: .adult)
            let index = samples.bytes(32)
            try await storage.write { tx in
                try tx.accounts.insert(first)
                try tx.accounts.insert(second)
                try tx.snils.save(snilsRecord(samples, of: first, index: index))
            }
            let holders = try await storage.write { tx in
                try tx.snils.delete(of: first.id)
                try tx.snils.save(snilsRecord(samples, of: second, index: index))
                return try tx.snils.accounts(index: index).map(\.0)
            }
            #expect(holders == [second.id])
        },
        Case("a SNILS of an unknown account is notFound") { storage in
            let samples = StoreSamples()
            let stranger = samples.account(login: "stranger1", category: .adult)
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.snils.save(snilsRecord(samples, of: stranger)) }
            }
        },
    ]
}
