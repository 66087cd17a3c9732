import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

/// The SMS gateway and the SMTP relay down, then back (issue 12 "SMS gateway and SMTP
/// server down, then back: codes delayed, not lost; the API keeps answering").
///
/// A real in-process server with its dispatcher running, on the production
/// ``SystemWallClock`` over injected system and monotonic clocks (``OutboxTimeline``
/// jumps through the backoff). The gateway is down in one of two ways (``GatewayOutage``:
/// answering every request 503, or its port refusing connections); the relay's port
/// refuses connections (a ``ClosedPort``); both come back on the same ports.
/// Codes asked for during the outage are answered at once, delivered once each when the
/// services return, and still complete their flows within their TTL; the one that
/// outlived its TTL is refused as expired and a resend works.
@Suite struct DeliveryOutageTests {
    static let earlyPhone = "+79161230011"
    static let latePhone = "+79161230012"
    static let annaEmail = "anna.outage@example.ru"
    static let borisPhone = "+79161230002"
    static let claraPhone = "+79161230003"
    static let claraEmail = "clara.outage@example.ru"

    /// When the services come back, and when the test has driven the backoff far enough
    /// for the first code (sent at 0, 9 failures by 510 s) to make its tenth attempt (1022 s).
    static let restoredAt: Int64 = 700
    static let drivenTo: Int64 = 1_030
    /// When the later requests are made: after the first code's TTL (600 s), so its
    /// delivery is late, while theirs (until 1240 s) are not.
    static let laterRequestsAt: Int64 = 640

    /// How the SMS gateway is down.
    enum GatewayOutage: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// Up, but answering every request 503 (a gateway failing behind its load balancer).
        case answering503
        /// Its port refuses connections (the gateway or the network gone).
        case portClosed

        var testDescription: String { self == .answering503 ? "gateway answering 503" : "gateway port closed" }
    }

    @Test("codes asked for while the SMS gateway and SMTP relay are down are answered at once and arrive once each when they return",
          arguments: GatewayOutage.allCases)
    func outageThenBack(gatewayOutage: GatewayOutage) async throws {
        let monotonic = ManualClock()
        let closedRelay = try ClosedPort()
        let closedGateway = gatewayOutage == .portClosed ? try ClosedPort() : nil
        try await DeliveryWorld.run(monotonic: monotonic, configure: {
            $0.trustedProxies = [IPAddressRange("127.0.0.1/32")!]
            $0.smtp.port = closedRelay.port
            if let closedGateway {
                $0.smsGatewayURL = URL(string: "http://127.0.0.1:\(closedGateway.port)/v1/sms")!
            }
        }) { world in
            world.gateway.respondAlways(with: 503)
            let timeline = OutboxTimeline(world: world, monotonic: monotonic)
            let recovery = RecoveryFixture(world)
            let registrations = RegistrationClient(world: world)
            try await recovery.guardian(login: "anna.petrova", phone: nil, email: Self.annaEmail)
            try await recovery.guardian(login: "boris.petrov", phone: Self.borisPhone, email: nil)
            let clara = try await SecurityPerson.make(in: world, login: "clara.sidorova", phone: Self.claraPhone)
            var latencies: [String: Duration] = [:]
            func timed(_ name: String, _ body: () async throws -> APIResponse) async throws -> APIResponse {
                let started = ContinuousClock.now
                let response = try await body()
                latencies[name] = ContinuousClock.now - started
                return response
            }

            // During the outage: every request answers its usual success at once.
            let early = try await timed("registration (early)") { try await registrations.start(phone: Self.earlyPhone) }
            #expect(early.status == 201, "\(early.text)")
            let earlyID = try #require(early.string("registration_id"))
            try await timeline.advance(to: Self.laterRequestsAt)
            let late = try await timed("registration") { try await registrations.start(phone: Self.latePhone) }
            #expect(late.status == 201, "\(late.text)")
            let lateID = try #require(late.string("registration_id"))
            let annaFlow = try await timed("recovery by email") {
                try await recovery.client.from("198.51.100.1").post("/v1/recovery/password", json: ["identifier": Self.annaEmail])
            }
            let borisFlow = try await timed("recovery by SMS") {
                try await recovery.client.from("198.51.100.2").post("/v1/recovery/password", json: ["identifier": Self.borisPhone])
            }
            #expect(annaFlow.status == 202 && borisFlow.status == 202, "\(annaFlow.text) \(borisFlow.text)")
            let change = try await timed("contact change") { try await clara.startChange("email", to: Self.claraEmail) }
            #expect(change.status == 202, "\(change.text)")
            let jwks = try await timed("GET jwks") { try await APIClient(world.server).get(Routes.jwks) }
            let me = try await timed("GET /v1/me") { try await clara.client.get(Routes.me) }
            #expect(jwks.status == 200 && me.status == 200, "\(jwks.text) \(me.text)")
            try await timeline.advance(to: Self.restoredAt)
            let during = try await timeline.rows()
            #expect(world.gateway.received.isEmpty, "an SMS got through the outage")
            #expect(during.count == 5 && during.allSatisfy { $0.status == "pending" && $0.attempts >= 1 },
                    "\(during)")
            let refusedBy503 = world.gateway.attempts.filter { $0.status == 503 }.count

            // Both come back on the same ports; the backoff runs out and everything arrives.
            let gateway: FakeSMSGateway
            if let closedGateway {
                #expect(world.gateway.attempts.isEmpty)
                closedGateway.close()
                gateway = try await FakeSMSGateway(token: world.gateway.token, port: closedGateway.port)
            } else {
                world.gateway.respondAlways(with: 200)
                gateway = world.gateway
            }
            closedRelay.close()
            let relay = try FakeSMTPServer(mode: .plain, port: closedRelay.port)
            defer { relay.stop() }
            try await timeline.advance(to: Self.drivenTo)
            try await timeline.settle()
            func texted(to phone: String, after count: Int = 0) throws -> String {
                let message = try #require(gateway.received.filter { $0.to == phone }.dropFirst(count).first)
                return try #require(DeliveryWorld.code(in: message.text))
            }
            func mail(to address: String) throws -> String {
                let message = try #require(relay.received.first { $0.recipients.contains(address) })
                return try #require(DeliveryWorld.code(in: message.body))
            }

            // The codes still inside their TTL complete their flows.
            let confirmed = try await registrations.confirm(lateID, code: try texted(to: Self.latePhone))
            #expect(confirmed.status == 201, "\(confirmed.text)")
            let annaID = try #require(annaFlow.string("flow_id")), borisID = try #require(borisFlow.string("flow_id"))
            let annaDone = try await recovery.confirm(annaID, sms: nil, email: try mail(to: Self.annaEmail))
            let borisDone = try await recovery.confirm(borisID, sms: try texted(to: Self.borisPhone),
                                                       from: "198.51.100.2")
            #expect(annaDone.status == 200 && borisDone.status == 200, "\(annaDone.text) \(borisDone.text)")
            for login in ["anna.petrova", "boris.petrov"] {
                let loggedIn = try await recovery.login(login, RecoveryFixture.newPassword)
                #expect(loggedIn.status == 200, "\(login): \(loggedIn.text)")
            }
            let challengeID = try #require(change.string("challenge_id"))
            let changed = try await clara.confirm(challengeID, code: try mail(to: Self.claraEmail))
            #expect(changed.status == 200, "\(changed.text)")

            // The code that outlived its TTL is refused as expired; a resend works.
            let stale = try await registrations.confirm(earlyID, code: try texted(to: Self.earlyPhone))
            #expect(stale.status == 410 && stale.errorCode == "code_expired", "\(stale.text)")
            let resent = try await registrations.api.post("/v1/registrations/\(earlyID)/resend")
            #expect(resent.status == 200 || resent.status == 202, "\(resent.text)")
            try await timeline.settle()
            let fresh = try await registrations.confirm(earlyID, code: try texted(to: Self.earlyPhone, after: 1))
            #expect(fresh.status == 201, "\(fresh.text)")

            // Exactly once per Idempotency-Key (gateway) and per Message-ID (relay). A send
            // retried after a timeout on a busy machine reaches the gateway again under its
            // key (at-least-once): counted, not asserted.
            try await timeline.settle()
            let rows = try await timeline.rows()
            let sms = rows.filter { $0.channel == "sms" }, email = rows.filter { $0.channel == "email" }
            #expect(rows.allSatisfy { $0.status == "sent" }, "\(rows)")
            let keys = gateway.received.compactMap(\.idempotencyKey)
            #expect(keys.count == gateway.received.count && Set(keys).count == keys.count)
            #expect(Set(keys) == Set(sms.map(\.id)) && keys.count == sms.count, "SMS delivered once per outbox row")
            let messageIDs = relay.received.compactMap(\.messageID)
            #expect(messageIDs.count == email.count && Set(messageIDs).count == email.count,
                    "email delivered once per outbox row: \(messageIDs)")

            if gateway !== world.gateway { try await gateway.stop() }
            let delayed = rows.filter { $0.createdAt - timeline.origin.seconds < Self.restoredAt }
            let perMessage = delayed.map { row in
                "\(row.channel) \(row.attempts + 1) tries, sent after \(row.sentAt.map { "\($0 - row.createdAt) s" } ?? "-")"
            }
            let slowest = latencies.max { $0.value < $1.value }
            print("""
                delivery outage (\(gatewayOutage.testDescription), SMTP port closed), both down for \(Self.restoredAt) s: \
                \(delayed.count) messages asked for while down, each delivered once: \(perMessage.joined(separator: "; ")); \
                \(rows.count) messages in all with the notices and the resend (\(sms.count) SMS, \(email.count) email); \
                gateway answered \(refusedBy503) requests 503; repeated keys \(gateway.duplicates); API during the outage: \(latencies.count) \
                requests answered 2xx, slowest \(slowest.map { "\($0.key) \($0.value)" } ?? "-")
                """)
        }
    }
}
