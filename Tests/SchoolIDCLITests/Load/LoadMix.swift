import Foundation
import SchoolIDTesting
import Synchronization

/// The morning-peak mix: what one virtual user does for each kind of request, on its
/// own keep-alive ``LoadConnection`` (blocking, so always on a dedicated thread).
///
/// Reads and cheap writes (logins, refreshes, JWKS, introspection, pages) are drawn
/// by weight; the writes that send an SMS (registrations, acknowledgement signings)
/// and password changes run as streams at fixed rates, because the OTP policy caps
/// codes per phone and per hour whatever the server's capacity.
final class LoadMix: Sendable {
    /// A weighted request of the mix.
    enum Kind: String, CaseIterable, Sendable {
        case login, refresh, jwks, introspect, loginPage, accountPage

        /// Out of 100.
        var weight: Int {
            switch self {
            case .login: 10
            case .refresh: 25
            case .jwks: 20
            case .introspect: 20
            case .loginPage: 10
            case .accountPage: 15
            }
        }

        static func draw(_ generator: inout SeededGenerator) -> Kind {
            var ticket = Int.random(in: 0..<100, using: &generator)
            for kind in allCases {
                if ticket < kind.weight { return kind }
                ticket -= kind.weight
            }
            return .jwks
        }
    }

    let world: LoadWorld
    let pool: GuardianPool
    let journal = LoadJournal()
    /// Swapped per phase (capacity, load, cycle).
    let recorder = Mutex(LoadRecorder())
    private let addresses = Atomic<Int>(0)
    private let serial = Atomic<Int>(0)
    private let clientToken = Mutex<(token: String, at: ContinuousClock.Instant)?>(nil)
    /// Accounts registered during the run (login, phone) with no user holding them.
    private let registered = Mutex<[String]>([])

    init(world: LoadWorld) {
        self.world = world
        pool = GuardianPool(world.guardians)
    }

    /// A fresh client address (10.x.y.z) for `X-Forwarded-For`.
    func address() -> String {
        let n = addresses.add(1, ordering: .relaxed).newValue
        return "10.\(2 + n / 62_500 % 200).\(n / 250 % 250).\(n % 250 + 1)"
    }

    private func next() -> Int { serial.add(1, ordering: .relaxed).newValue }

    /// Sends one request and records its status and latency under `route` (from `since`
    /// for a paced arrival, so waiting for a free user counts); nil on a transport error.
    @discardableResult
    func timed(_ route: String, since: ContinuousClock.Instant? = nil,
               _ body: () throws -> LoadConnection.Reply) -> LoadConnection.Reply?
    {
        let start = since ?? .now
        do {
            let reply = try body()
            record(route, status: reply.status, since: start, body: reply.status >= 400 ? reply.text : "")
            return reply
        } catch {
            recorder.withLock { $0 }.transportError(route)
            return nil
        }
    }

    /// Records an answer of `route` with its latency from `start`.
    func record(_ route: String, status: Int, since start: ContinuousClock.Instant, body: String = "") {
        let elapsed = start.duration(to: .now)
        recorder.withLock { $0 }.record(route, status: status, milliseconds: Double(elapsed.components.attoseconds) / 1e15
            + Double(elapsed.components.seconds) * 1000, body: body)
    }

    // MARK: - The weighted requests

    /// Performs one weighted request.
    /// - Returns: false after a transport error (the caller may back off).
    func perform(_ kind: Kind, on connection: LoadConnection, generator: inout SeededGenerator,
                 scheduled: ContinuousClock.Instant? = nil) -> Bool
    {
        let xff = [("X-Forwarded-For", address())]
        switch kind {
        case .jwks:
            return timed("GET /.well-known/jwks.json", since: scheduled) {
                try connection.send("GET", "/.well-known/jwks.json", headers: xff)
            } != nil
        case .loginPage:
            return timed("GET /login", since: scheduled) { try connection.send("GET", "/login", headers: xff) } != nil
        case .login, .refresh, .introspect, .accountPage:
            guard let (index, guardian) = pool.checkout(startingAt: Int.random(in: 0..<pool.count, using: &generator)) else {
                return timed("GET /.well-known/jwks.json", since: scheduled) {
                    try connection.send("GET", "/.well-known/jwks.json", headers: xff)
                } != nil
            }
            var held = guardian
            defer { pool.checkin(index, held) }
            return personal(kind, &held, on: connection, headers: xff, scheduled: scheduled)
        }
    }

    private func personal(_ kind: Kind, _ guardian: inout GuardianPool.Guardian, on connection: LoadConnection,
                          headers: [(String, String)], scheduled: ContinuousClock.Instant?) -> Bool
    {
        switch kind {
        case .login:
            // A visit from a shared school computer: sign in, then sign out. The guardian's
            // own session (its refresh tokens, its pages) stays; without the sign-out every
            // virtual guardian would pile up hundreds of live sessions a minute, which no
            // person does and which introspection reads (`sid` is found among them).
            guard let reply = timed("POST /v1/login", since: scheduled, {
                try connection.post("/v1/login", json: ["login": guardian.login, "password": LoadWorld.password], headers: headers)
            }) else { return false }
            guard reply.status == 200, let session = reply.string("session_token") else { return true }
            return timed("POST /v1/logout") {
                try connection.send("POST", "/v1/logout", headers: headers + [("Authorization", "Bearer \(session)")])
            } != nil
        case .refresh:
            guard let refresh = guardian.refresh else { return reauthorize(&guardian, on: connection, headers: headers) }
            guard let reply = timed("POST /oauth/token (refresh)", since: scheduled, {
                try connection.post("/oauth/token", form: [("grant_type", "refresh_token"), ("refresh_token", refresh)],
                                    headers: headers + [("Authorization", world.basic)])
            }) else {
                guardian.refresh = nil  // rotated or not: unknown, so start a new family
                return false
            }
            guardian.refresh = reply.status == 200 ? reply.string("refresh_token") : nil
            if reply.status == 200 { guardian.access = reply.string("access_token") }
        case .introspect:
            guard let token = guardian.access ?? clientAccessToken(connection) else { return false }
            return timed("POST /oauth/introspect", since: scheduled) {
                try connection.post("/oauth/introspect", form: [("token", token)],
                                    headers: headers + [("Authorization", world.basic)])
            } != nil
        case .accountPage:
            return timed("GET /account", since: scheduled) {
                try connection.send("GET", "/account", headers: headers + [("Cookie", "schoolid_session=\(guardian.session)")])
            } != nil
        case .jwks, .loginPage:
            break
        }
        return true
    }

    /// A new refresh token family through `/oauth/authorize` (after a refresh whose answer was lost).
    private func reauthorize(_ guardian: inout GuardianPool.Guardian, on connection: LoadConnection,
                             headers: [(String, String)]) -> Bool
    {
        let started = ContinuousClock.now
        do {
            guardian.refresh = try LoadWorld.authorize(on: connection, session: guardian.session, basic: world.basic)
            record("authorize + code redemption", status: 200, since: started)
            return true
        } catch is LoadConnection.TransportError {
            recorder.withLock { $0 }.transportError("authorize + code redemption")
            return false
        } catch {
            // Refused (the session ended, e.g. by a password change): log in again for the next try.
            record("authorize + code redemption", status: 400, since: started, body: "\(error)")
            if let reply = try? connection.post("/v1/login", json: ["login": guardian.login, "password": LoadWorld.password],
                                                headers: headers),
               let session = reply.string("session_token")
            {
                guardian.session = session
            }
            return true
        }
    }

    /// The client's `client_credentials` token (`ack:request`), renewed every two minutes.
    func clientAccessToken(_ connection: LoadConnection) -> String? {
        if let cached = clientToken.withLock({ $0 }), cached.at.duration(to: .now) < .seconds(120) { return cached.token }
        guard let reply = timed("POST /oauth/token (client)", {
            try connection.post("/oauth/token", form: [("grant_type", "client_credentials"), ("scope", "ack:request")],
                                headers: [("Authorization", world.basic)])
        }), reply.status == 200, let token = reply.string("access_token") else { return nil }
        clientToken.withLock { $0 = (token, .now) }
        return token
    }

    // MARK: - The write streams

    /// A guardian registers with a new phone and confirms with the gateway's code.
    func register(on connection: LoadConnection) {
        let n = next()
        let login = String(format: "load.new%05d", n)
        let phone = String(format: "+7917%07d", n)
        let password = "Вечерний-звон-над-рекой-\(n)"
        let headers = [("X-Forwarded-For", address())]
        guard let started = timed("POST /v1/registrations", {
            try connection.post("/v1/registrations", json: [
                "last_name": "Смирнова", "first_name": "Ольга", "phone": phone, "password": password, "login": login,
                "consent_version": world.consentVersion,
            ], headers: headers)
        }), started.status == 201, let id = started.string("registration_id") else { return }
        journal.messageQueued(to: phone)
        guard let code = waitForCode(to: phone, after: 0) else { return }
        guard let confirmed = timed("POST /v1/registrations/{id}/confirm", {
            try connection.post("/v1/registrations/\(id)/confirm", json: ["code": code], headers: headers)
        }), confirmed.status == 201 else { return }
        journal.accountCreated(login, password: password)
        registered.withLock { $0.append(login) }
    }

    /// A registered guardian changes their password (logged in first).
    func changePassword(on connection: LoadConnection) {
        guard let login = registered.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return }
        defer { registered.withLock { $0.append(login) } }
        guard let current = journal.snapshot.accounts[login]?.first else { return }
        let headers = [("X-Forwarded-For", address())]
        guard let session = timed("POST /v1/login", {
            try connection.post("/v1/login", json: ["login": login, "password": current], headers: headers)
        })?.string("session_token") else { return }
        let new = "Новый-пароль-для-теста-\(next())"
        let reply = timed("POST /v1/password/change", {
            try connection.post("/v1/password/change", json: ["current_password": current, "new_password": new],
                                headers: headers + [("Authorization", "Bearer \(session)")])
        })
        switch reply?.status {
        case 200?: journal.passwordChanged(login, to: new)
        case nil: journal.passwordMaybeChanged(login, to: new)
        default: break
        }
    }

    /// The diary service asks for an acknowledgement; the guardian signs it with an SMS
    /// code while the phone's quota allows, else by re-entering the password.
    func sign(on connection: LoadConnection, generator: inout SeededGenerator) {
        let start = Int.random(in: 0..<pool.count, using: &generator)
        let bySMS = pool.checkout(startingAt: start, forSMS: true)
        guard let (index, guardian) = bySMS ?? pool.checkout(startingAt: start) else { return }
        var held = guardian
        defer { pool.checkin(index, held) }
        guard let token = clientAccessToken(connection) else { return }
        let n = next()
        let digest = (0..<4).map { _ in String(format: "%016llx", UInt64.random(in: 0...UInt64.max, using: &generator)) }.joined()
        guard let requested = timed("POST /v1/acknowledgements", {
            try connection.post("/v1/acknowledgements", json: [
                "student": held.studentID, "document": "note-\(n)", "title": "Замечание № \(n)", "digest": digest,
            ], headers: [("Authorization", "Bearer \(token)")])
        }), requested.status == 201, let id = requested.string("id") else { return }
        let auth = [("Authorization", "Bearer \(held.session)"), ("X-Forwarded-For", address())]
        var body: [String: Any] = ["method": "password", "password": LoadWorld.password]
        if bySMS != nil {
            let before = world.gateway.received.filter { $0.to == held.phone }.count
            let sent = timed("POST /v1/acknowledgements/{id}/code") {
                try connection.post("/v1/acknowledgements/\(id)/code", json: [:], headers: auth)
            }
            held.lastSMS = .now
            guard let sent, sent.status == 201, let challenge = sent.string("challenge_id") else { return }
            held.smsSent += 1
            journal.messageQueued(to: held.phone)
            guard let code = waitForCode(to: held.phone, after: before) else { return }
            body = ["method": "sms-otp", "challenge_id": challenge, "code": code]
        }
        let route = bySMS != nil ? "POST /v1/acknowledgements/{id}/sign (sms)" : "POST /v1/acknowledgements/{id}/sign (password)"
        guard let signed = timed(route, { try connection.post("/v1/acknowledgements/\(id)/sign", json: body, headers: auth) }),
              signed.status == 201, signed.string("receipt") != nil || signed.json["receipt"] != nil
        else { return }
        journal.receiptIssued(id)
    }

    /// Polls the gateway from this (dedicated) thread.
    private func waitForCode(to phone: String, after count: Int) -> String? {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            // Skip the notices (a new acknowledgement request is announced by SMS too).
            if let code = world.gateway.received.filter({ $0.to == phone }).dropFirst(count)
                .lazy.compactMap({ DeliveryWorld.code(in: $0.text) }).first
            {
                return code
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }
}
