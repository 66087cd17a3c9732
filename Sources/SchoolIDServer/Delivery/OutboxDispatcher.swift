import SchoolIDBase
import SchoolIDCore

/// The courier worker: takes due outbox messages, opens them, hands them to their
/// channel's adapter and records the outcome.
///
/// Each pass (``runOnce()``) reads up to ``batchSize`` pending, due messages of the
/// configured channels, sends them concurrently, and writes each outcome in its own unit
/// (so one slow gateway answer never holds the others' bookkeeping):
/// - delivered: `sent`, `sentAt`, body erased;
/// - retryable: one more attempt after an exponential backoff (``DeliveryRetry``), `failed`
///   after ten;
/// - permanent: `failed` at once;
/// - decoy: `dropped`, never sent.
///
/// At-least-once: a crash after the gateway accepted and before the row is marked sends
/// again after the restart, with the same `Idempotency-Key` (the message id). Messages of
/// a channel without an adapter stay pending; the first pass logs that once.
///
/// Time comes from the injected clock; ``run(interval:)`` sleeps in real time between
/// passes, and tests call ``runOnce()`` directly with a manual clock.
public actor OutboxDispatcher {
    private let storage: any Storage
    private let clock: any WallClock
    private let dataKeys: @Sendable () -> any DataKeyProvider
    private let channels: [OutboxMessage.Channel: any MessageChannel]
    private let logger: Logger
    private let batchSize: Int
    private var reportedMissingChannels = false
    /// The pass in progress: passes never overlap, or two would send the same due message.
    private var currentPass: Task<Report, any Error>?

    /// What one pass did.
    public struct Report: Sendable, Hashable {
        public var delivered = 0
        public var retried = 0
        public var failed = 0
        public var dropped = 0

        public init() {}
    }

    /// - Parameters:
    ///   - storage: where the outbox lives.
    ///   - clock: the wall clock for due times, backoff and `sentAt`.
    ///   - dataKeys: the current keyring's data keys (reloadable).
    ///   - channels: the adapter for each configured channel.
    ///   - logger: delivery events (message ids and outcomes, never content).
    ///   - batchSize: messages taken per pass.
    public init(storage: any Storage, clock: any WallClock, dataKeys: @escaping @Sendable () -> any DataKeyProvider,
                channels: [OutboxMessage.Channel: any MessageChannel], logger: Logger, batchSize: Int = 32)
    {
        precondition(batchSize > 0, "a pass takes at least one message")
        self.storage = storage
        self.clock = clock
        self.dataKeys = dataKeys
        self.channels = channels
        self.logger = logger
        self.batchSize = batchSize
    }

    /// Passes every `interval` until the task is cancelled; a failed pass (the database
    /// busy or closing) is logged and the next one tries again.
    public func run(interval: Duration = .seconds(1)) async {
        repeat {
            do {
                try await runOnce()
            } catch is CancellationError {
                return
            } catch {
                logger.error("outbox pass failed", ["error": .string(String(describing: error))])
            }
        } while (try? await Task.sleep(for: interval)) != nil
    }

    /// One pass over the due messages. A call while another pass runs (the loop of
    /// ``run(interval:)`` and a direct call) waits for it to end and then makes its own:
    /// passes never overlap, so one process never sends a due message twice.
    /// - Throws: a storage error reading the outbox (outcomes that fail to be written are
    ///   logged; those messages are simply sent again later).
    /// - Returns: what the pass did.
    @discardableResult
    public func runOnce() async throws -> Report {
        while let running = currentPass {
            _ = try? await running.value
            // Whoever sees the finished pass first clears it (awaiting a finished task
            // may not suspend, so waiting for its starter to clear it could spin).
            if currentPass == running { currentPass = nil }
        }
        let pass = Task { try await self.pass() }
        currentPass = pass
        defer { if currentPass == pass { currentPass = nil } }
        return try await pass.value
    }

    private func pass() async throws -> Report {
        reportMissingChannelsOnce()
        let available = Set(channels.keys)
        guard !available.isEmpty else { return Report() }
        let now = clock.now()
        let limit = batchSize
        let due = try await storage.read { tx in try tx.outbox.due(at: now, channels: available, limit: limit) }
        var report = Report()
        await withTaskGroup(of: Outcome.self) { group in
            for message in due {
                group.addTask { await self.deliver(message) }
            }
            for await outcome in group {
                switch outcome {
                case .delivered: report.delivered += 1
                case .retried: report.retried += 1
                case .failed: report.failed += 1
                case .dropped: report.dropped += 1
                case .unrecorded: break
                }
            }
        }
        return report
    }

    private enum Outcome: Sendable { case delivered, retried, failed, dropped, unrecorded }

    /// Sends one message (unless it is a decoy) and records the outcome.
    private nonisolated func deliver(_ message: OutboxMessage) async -> Outcome {
        if message.decoy { return await record(message.id, .dropped) { DeliveryRetry.markDropped(&$0) } }
        let outgoing: OutgoingMessage
        do {
            outgoing = try Courier.open(message, keys: dataKeys())
        } catch {
            // A damaged row or a data key gone from the keyring: no retry can fix it.
            let reason = "cannot open the sealed message: \(error)"
            return await record(message.id, .failed) { DeliveryRetry.markPermanent(&$0, reason: reason) }
        }
        guard let channel = channels[message.channel] else { return .unrecorded }
        let result = await channel.send(outgoing)
        let now = clock.now()
        switch result {
        case .delivered:
            return await record(message.id, .delivered) { DeliveryRetry.markSent(&$0, at: now) }
        case .retryable(let reason):
            return await record(message.id, .retried) { DeliveryRetry.markRetryable(&$0, reason: reason, at: now) }
        case .permanent(let reason):
            return await record(message.id, .failed) { DeliveryRetry.markPermanent(&$0, reason: reason) }
        }
    }

    /// Writes an outcome, only onto a message still pending (another pass or node may
    /// have finished it meanwhile). A retry that ran out of attempts counts as failed;
    /// a failure is audited (`message.failed`: id, channel, reason, never content), since
    /// it means someone did not get a code or a notice.
    private nonisolated func record(_ id: OutboxMessage.ID, _ outcome: Outcome,
                                    _ change: @escaping @Sendable (inout OutboxMessage) -> Void) async -> Outcome
    {
        do {
            let now = clock.now()
            let stored = try await storage.write { tx -> OutboxMessage? in
                guard try tx.outbox.message(id)?.status == .pending else { return nil }
                let stored = try tx.outbox.update(id, change)
                if stored.status == .failed {
                    _ = try tx.audit.append(AuditEvent(
                        at: now, action: .messageFailed, clientAddress: "dispatcher", requestID: id.rawValue,
                        detail: "\(stored.channel.rawValue) message \(id) failed after \(stored.attempts) attempts: "
                            + (stored.lastError ?? "unknown")))
                }
                return stored
            }
            guard let stored else { return .unrecorded }
            let final: Outcome = outcome == .retried && stored.status == .failed ? .failed : outcome
            log(stored, final)
            return final
        } catch {
            logger.error("outbox outcome not recorded; the message will be sent again",
                         ["message": .string(id.rawValue), "error": .string(String(describing: error))])
            return .unrecorded
        }
    }

    private nonisolated func log(_ message: OutboxMessage, _ outcome: Outcome) {
        var metadata: [String: LogValue] = ["message": .string(message.id.rawValue),
                                            "channel": .string(message.channel.rawValue),
                                            "status": .string(message.status.rawValue),
                                            "attempts": .int(Int64(message.attempts))]
        if let error = message.lastError { metadata["error"] = .string(error) }
        switch outcome {
        case .failed: logger.warning("outbox message failed", metadata)
        case .retried: logger.info("outbox message will be retried", metadata)
        default: logger.info("outbox message \(message.status.rawValue)", metadata)
        }
    }

    private func reportMissingChannelsOnce() {
        guard !reportedMissingChannels else { return }
        reportedMissingChannels = true
        if channels[.sms] == nil {
            logger.warning("no SMS gateway is configured (sms_gateway_url); SMS messages stay pending")
        }
        if channels[.email] == nil {
            logger.warning("no SMTP relay is configured (smtp_host); email messages stay pending")
        }
    }
}
