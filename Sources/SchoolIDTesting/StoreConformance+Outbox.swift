import SchoolIDBase
import SchoolIDCore
import Testing

extension StoreConformance {
    /// A pending message of `channel` created at `t0 + created`, due at `t0 + due`.
    static func outboxMessage(_ samples: StoreSamples, channel: OutboxMessage.Channel = .sms, created: Int64 = 0,
                              due: Int64 = 0) -> OutboxMessage {
        OutboxMessage(id: OutboxMessage.ID(rawValue: "msg_" + Base64URL.encode(samples.bytes(16)))!, channel: channel,
                      destination: samples.bytes(40), body: samples.bytes(60), nextAttemptAt: StoreSamples.t0.adding(seconds: due), createdAt: StoreSamples.t0.adding(seconds: created))
    }

    static let outboxCases: [Case] = [
        Case("an outbox message round-trips every field; a duplicate id is alreadyExists") { storage in
            let samples = StoreSamples()
            let message = with(outboxMessage(samples, channel: .email)) {
                $0.status = .sent
                $0.body = nil
                $0.decoy = true
                $0.attempts = 3
                $0.sentAt = StoreSamples.t0.adding(seconds: 9)
                $0.lastError = "gateway answered 503"
            }
            let plain = outboxMessage(samples)
            try await storage.write { tx in
                try tx.outbox.insert(message)
                try tx.outbox.insert(plain)
            }
            let unknown = outboxMessage(samples).id
            let (stored, storedPlain, missing) = try await storage.read { tx in
                (try tx.outbox.message(message.id), try tx.outbox.message(plain.id), try tx.outbox.message(unknown))
            }
            #expect(stored == message)
            #expect(storedPlain == plain)
            #expect(missing == nil)
            await #expect(throws: StoreError.alreadyExists) { try await storage.write { tx in try tx.outbox.insert(plain) } }
        },
        Case("due lists pending messages due at the time, oldest first, of the asked channels, up to the limit") { storage in
            let samples = StoreSamples()
            let newest = outboxMessage(samples, created: 30, due: 30)
            let oldest = outboxMessage(samples, created: 0, due: 60)
            let middle = outboxMessage(samples, channel: .email, created: 10, due: 10)
            let later = outboxMessage(samples, created: 5, due: 61)
            let sent = with(outboxMessage(samples, created: 1)) { $0.status = .sent }
            let failed = with(outboxMessage(samples, created: 2)) { $0.status = .failed }
            let dropped = with(outboxMessage(samples, created: 3)) { $0.status = .dropped }
            try await storage.write { tx in
                for message in [newest, oldest, middle, later, sent, failed, dropped] { try tx.outbox.insert(message) }
            }
            let at = StoreSamples.t0.adding(seconds: 60)
            let (all, smsOnly, limited, early, none) = try await storage.read { tx in
                (try tx.outbox.due(at: at, limit: 10), try tx.outbox.due(at: at, channels: [.sms], limit: 10),
                 try tx.outbox.due(at: at, limit: 2), try tx.outbox.due(at: StoreSamples.t0.adding(seconds: 29), limit: 10),
                 try tx.outbox.due(at: at, channels: [], limit: 10))
            }
            #expect(all.map(\.id) == [oldest.id, middle.id, newest.id])
            #expect(smsOnly.map(\.id) == [oldest.id, newest.id])
            #expect(limited.map(\.id) == [oldest.id, middle.id])
            #expect(early.map(\.id) == [middle.id])
            #expect(none.isEmpty)
        },
        Case("update changes a message in place; unknown is notFound; a throwing change writes nothing") { storage in
            let samples = StoreSamples()
            let message = outboxMessage(samples)
            try await storage.write { tx in try tx.outbox.insert(message) }
            let sentAt = StoreSamples.t0.adding(seconds: 7)
            let returned = try await storage.write { tx in
                try tx.outbox.update(message.id) {
                    $0.status = .sent
                    $0.sentAt = sentAt
                    $0.body = nil
                    $0.attempts = 2
                    $0.nextAttemptAt = sentAt
                }
            }
            let expected = with(message) {
                $0.status = .sent
                $0.sentAt = sentAt
                $0.body = nil
                $0.attempts = 2
                $0.nextAttemptAt = sentAt
            }
            #expect(returned == expected)
            #expect(try await storage.read { tx in try tx.outbox.message(message.id) } == expected)
            #expect(try await storage.read { tx in try tx.outbox.due(at: sentAt, limit: 10) }.isEmpty)
            let unknown = outboxMessage(samples).id
            await #expect(throws: StoreError.notFound) {
                try await storage.write { tx in try tx.outbox.update(unknown) { $0.attempts = 1 } }
            }
            await #expect(throws: RolledBack()) {
                try await storage.write { tx in try tx.outbox.update(message.id) { _ in throw RolledBack() } }
            }
            #expect(try await storage.read { tx in try tx.outbox.message(message.id) } == expected)
        },
        Case("deleteFinished deletes only finished messages older than the horizon, by sentAt or else createdAt") { storage in
            let samples = StoreSamples()
            let horizon = StoreSamples.t0.adding(seconds: 100)
            let oldSent = with(outboxMessage(samples, created: 0)) { $0.status = .sent; $0.body = nil; $0.sentAt = StoreSamples.t0.adding(seconds: 99) }
            let recentlySent = with(outboxMessage(samples, created: 0)) { $0.status = .sent; $0.body = nil; $0.sentAt = horizon }
            let oldFailed = with(outboxMessage(samples, created: 50)) { $0.status = .failed; $0.body = nil }
            let oldDropped = with(outboxMessage(samples, channel: .email, created: 99)) { $0.status = .dropped; $0.body = nil }
            let newFailed = with(outboxMessage(samples, created: 100)) { $0.status = .failed; $0.body = nil }
            let oldPending = outboxMessage(samples, created: 0)
            let all = [oldSent, recentlySent, oldFailed, oldDropped, newFailed, oldPending]
            try await storage.write { tx in
                for message in all { try tx.outbox.insert(message) }
            }
            #expect(try await storage.write { tx in try tx.outbox.deleteFinished(before: horizon) } == 3)
            let remaining = try await storage.read { tx in try all.compactMap { try tx.outbox.message($0.id)?.id } }
            #expect(remaining == [recentlySent.id, newFailed.id, oldPending.id])
            #expect(try await storage.write { tx in try tx.outbox.deleteFinished(before: horizon) } == 0)
        },
    ]
}
