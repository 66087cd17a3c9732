import Foundation
import Synchronization
import SchoolIDBase
import SchoolIDCore
import SchoolIDHTTP
import SchoolIDNet
import SchoolIDStore

/// The composition root: the only place that knows every concrete type. It is built
/// the same way by `schoolid serve` and by the integration tests; only the clock, the
/// random source, paths and port differ.
public final class ServerApplication: Sendable {
    public let configuration: ServeConfiguration
    public let storage: SQLiteStorage
    public let keyring: Keyring
    public let policies: PolicySet
    /// The bounded pool for password hashing (lanes `interactive` and `batch`).
    public let hashingPool: BlockingWorkPool
    let metrics = Metrics()
    let logger: Logger
    /// Answers and logs writes the database refused (read-only or full disk, I/O error).
    let storageFaults: StorageFaultReporter
    let clock: any WallClock
    let http: HTTPServer
    /// The Core services' collaborators, built once.
    public let environment: ServiceEnvironment
    let batchRunner: CredentialBatchRunner
    /// The courier worker that sends the outbox (SMS over HTTP, email over SMTP, or everything to the demo sink).
    public let dispatcher: OutboxDispatcher
    /// Every registered route (method and `:name` pattern), for the OpenAPI coverage test.
    public let routeTable: [Router.Registration]
    /// The day files of the access log, when `access_log_dir` is set.
    let accessLog: AccessLogDirectory?
    /// The configured issuer, or the one resolved from the bound port (set in
    /// ``run(onListening:)`` before the first connection is accepted).
    private let resolvedIssuer: ResolvedIssuer
    /// Whether `serve` speaks TLS (for the issuer derived from the listening address).
    private let speaksTLS: Bool

    /// The issuer every token and discovery document names: the configured `issuer`
    /// when set, otherwise the URL `serve` listens on (scheme, host and bound port),
    /// known once the socket is bound, before the first request is answered. Until then
    /// it is derived from the configured port.
    public var issuer: String { resolvedIssuer.current }

    /// Prepares storage, keys, policies and routes; serves nothing until ``run(onListening:)``.
    /// - Parameters:
    ///   - configuration: paths, address and settings.
    ///   - clock: the service's wall clock.
    ///   - random: the source of request ids and tokens.
    ///   - logger: JSON-lines logger (access log and events).
    ///   - extraRoutes: routes added after the built-in ones (tests use it for probes).
    /// - Throws: ``ServeConfiguration/Invalid`` for a bad TLS certificate or key or a demo
    ///   mode off loopback (``ServeConfiguration/checkDemo()``), ``StartupCheck/Refusal``,
    ///   ``KeyringError``, a policy error or a storage error.
    public init(configuration: ServeConfiguration, clock: any WallClock, random: any RandomSource, logger: Logger,
                extraRoutes: (inout Router, BlockingWorkPool) -> Void = { _, _ in }) async throws
    {
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        try configuration.checkDemo()
        let tls = try configuration.tlsContext()
        speaksTLS = tls != nil
        resolvedIssuer = ResolvedIssuer(configured: configuration.issuer,
                                        fallback: configuration.listeningIssuer(port: configuration.port, secure: tls != nil))
        if try StartupCheck.prepare(configuration, now: clock.now()) {
            logger.notice("initialised a new installation", ["data": .string(configuration.data), "keys": .string(configuration.keys)])
        }
        policies = try PolicySet.load(directory: URL(fileURLWithPath: configuration.policies, isDirectory: true))
        keyring = try Keyring(path: configuration.keys)
        storage = try await SQLiteStorage(path: configuration.databaseFile, clock: clock, vfs: configuration.sqliteVFS)
        storageFaults = StorageFaultReporter(logger: logger.child("storage"), commits: { [storage] in storage.statistics.commits })
        // Cores + 1 threads; the batch lane may use all but one, so logins always have one.
        let threads = configuration.hashingThreads
        let batchThreads = max(1, threads - 1)
        hashingPool = BlockingWorkPool(name: "hashing", threads: threads, lanes: [
            .init(name: HashingPriority.interactive.rawValue, maximumThreads: threads, maximumQueued: 16 * threads),
            .init(name: HashingPriority.batch.rawValue, maximumThreads: batchThreads, maximumQueued: 4 * batchThreads),
        ])
        let keyring = keyring, policies = policies
        environment = ServiceEnvironment(storage: storage, hasher: PoolPasswordHasher(pool: hashingPool), clock: clock,
                                         random: random, policies: { policies }, dataKeys: { keyring.snapshot })
        batchRunner = CredentialBatchRunner(service: CredentialBatchService(environment: environment),
                                            concurrency: batchThreads)
        var channels: [OutboxMessage.Channel: any MessageChannel] = [:]
        if configuration.demo {
            let sink = FileChannel(path: configuration.demoOutboxFile, clock: clock) { line in
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
            channels[.sms] = sink
            channels[.email] = sink
            logger.warning("demo mode: every message and code goes in clear to the console and \(configuration.demoOutboxFile); never use it in production")
        } else {
            if let gateway = try configuration.smsGateway() {
                channels[.sms] = HTTPSMSChannel(url: gateway.url, token: gateway.token,
                                                bodyTemplate: configuration.smsGatewayBodyTemplate)
            }
            if let smtp = try configuration.smtpSettings() {
                do {
                    channels[.email] = try SMTPChannel(settings: smtp, clock: clock)
                } catch {
                    throw ServeConfiguration.Invalid(description: "smtp_ca_file: cannot load trust anchors (\(error))")
                }
            }
        }
        dispatcher = OutboxDispatcher(storage: storage, clock: clock, dataKeys: { keyring.snapshot }, channels: channels,
                                      logger: logger.child("outbox"))

        var router = Router()
        let pool = hashingPool, metrics = metrics
        let box = HTTPServerBox()
        OperationsRoutes(storage: storage, keyring: keyring, policies: policies, clock: clock, metrics: metrics,
                         gauges: { Self.gauges(pool: pool, http: box.server) }, metricsToken: configuration.metricsToken)
            .register(in: &router)
        let secure = tls != nil || configuration.issuer?.hasPrefix("https://") == true
        let api = APIContext(environment: environment, attempts: PasswordAttempts(environment: environment),
                             authenticator: RequestAuthenticator(sessions: SessionService(environment: environment),
                                                                 cookie: SessionCookie(secure: secure)),
                             batchRunner: batchRunner,
                             clientAuthFailures: ClientAuthenticationThrottle(clock: WallClockTime(clock)))
        AccessRoutes(context: api, scheme: secure ? "https" : "http").register(in: &router)
        SecondFactorLoginRoutes(context: api).register(in: &router)
        SecurityRoutes(context: api).register(in: &router)
        FactorManagementRoutes(context: api).register(in: &router)
        RecoveryRoutes(context: api).register(in: &router)
        DirectoryRoutes(context: api).register(in: &router)
        SNILSRoutes(context: api).register(in: &router)
        ExportRoutes(context: api).register(in: &router)
        AccountDeletionRoutes(context: api).register(in: &router)
        TrustedAccessRoutes(context: api).register(in: &router)
        CredentialRoutes(context: api).register(in: &router)
        GuardianshipRoutes(context: api).register(in: &router)
        AuditRoutes(context: api).register(in: &router)
        RegistrationRoutes(context: api, scheme: secure ? "https" : "http").register(in: &router)
        ConsentRoutes(context: api).register(in: &router)
        ClientRoutes(context: api).register(in: &router)
        TokenRoutes(environment: environment, keyring: keyring, issuer: resolvedIssuer,
                    throttle: api.clientAuthFailures).register(in: &router)
        IntrospectionRoutes(environment: environment, keyring: keyring, issuer: resolvedIssuer,
                            throttle: api.clientAuthFailures).register(in: &router)
        UserinfoRoutes(environment: environment, keyring: keyring, issuer: resolvedIssuer).register(in: &router)
        AcknowledgementRoutes(context: api, keyring: keyring, issuer: resolvedIssuer).register(in: &router)
        AcknowledgementSigningRoutes(context: api, keyring: keyring, issuer: resolvedIssuer).register(in: &router)
        OpenAPIRoutes().register(in: &router)
        AckKeysRoutes(keyring: keyring).register(in: &router)
        LedgerRoutes(environment: environment, keyring: keyring, issuer: resolvedIssuer).register(in: &router)
        DiscoveryRoutes(issuer: resolvedIssuer, policies: { policies }).register(in: &router)
        AuthorizeRoutes(context: api, scheme: secure ? "https" : "http", issuer: resolvedIssuer).register(in: &router)
        LogoutRoutes(context: api, keyring: keyring, scheme: secure ? "https" : "http", issuer: resolvedIssuer)
            .register(in: &router)
        PageRoutes(context: api, scheme: secure ? "https" : "http", publicBaseURL: configuration.issuer,
                   keyring: keyring, issuer: resolvedIssuer).register(in: &router)
        extraRoutes(&router, hashingPool)
        routeTable = router.registrations
        accessLog = try configuration.accessLogDirectory.map { try AccessLogDirectory(path: $0, clock: clock) }
        let accessLogger = accessLog.map { Logger(label: logger.label + ".http", minimumLevel: logger.minimumLevel,
                                                  sink: $0, clock: clock) } ?? logger.child("http")
        let pipeline = RequestPipeline(router: router, resolver: ClientAddressResolver(trustedProxies: configuration.trustedProxies),
                                       metrics: metrics, logger: accessLogger, random: random,
                                       storageFaults: storageFaults)
        var serverConfiguration = ServerConfiguration(host: configuration.host, port: configuration.port)
        serverConfiguration.drainTimeout = .seconds(configuration.drainSeconds)
        serverConfiguration.reactorCount = configuration.reactors
        serverConfiguration.tls = tls
        serverConfiguration.errorResponse = { error in
            var response = ErrorResponse.render(ErrorResponse.apiError(for: error), language: .default,
                                                requestID: random.token(bytes: 12))
            RequestPipeline.addStandardHeaders(&response, requestID: response.headers["X-Request-ID"] ?? "")
            return response
        }
        http = HTTPServer(configuration: serverConfiguration, logger: logger.child("net")) { await pipeline.handle($0) }
        box.server = http
    }

    /// Serves until the calling task is cancelled (SIGTERM/SIGINT in `serve`), then lets
    /// in-flight requests finish, stops the workers and closes the database.
    /// - Parameter onListening: called with the bound port once the socket listens.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let limits = ProcessLimits.raiseOpenFileLimit()
        logger.info("open file limit", ["soft": .int(Int64(limits.soft)), "hard": .int(Int64(limits.hard))])
        do {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask {
                    try await self.http.run { port in
                        let issuer = self.configuration.listeningIssuer(port: port, secure: self.speaksTLS)
                        self.resolvedIssuer.bind(issuer)
                        onListening(port)
                    }
                }
                group.addTask { await self.watchKeyring() }
                group.addTask { await self.persistClock() }
                group.addTask { await self.batchRunner.maintain() }
                group.addTask { await self.collectGarbage() }
                group.addTask { await self.dispatcher.run() }
                group.addTask { await self.signCheckpoints() }
            }
        } catch {
            await shutdown()
            throw error
        }
        await shutdown()
    }

    /// Re-reads the keyring (SIGHUP, or a change under `keys/`); a broken keyring is
    /// logged and the previous keys stay in force.
    public func reloadKeys() {
        do {
            try keyring.reload()
            logger.notice("keyring reloaded", ["keys": .int(Int64(keyring.snapshot.records.count))])
        } catch {
            logger.error("keyring reload failed; the previous keys stay in force", ["error": .string(String(describing: error))])
        }
    }

    private func shutdown() async {
        hashingPool.shutdown()
        await storage.close()
        try? HighWaterMarkFile(path: configuration.data + "/clock-high-water").advance(to: clock.now())
    }

    /// Polls the manifest's modification time: rotations by `schoolid keys rotate`
    /// (another process) take effect without a signal.
    private func watchKeyring() async {
        let manifest = configuration.keys + "/keyring.json"
        var seen = Self.modificationDate(manifest)
        while (try? await Task.sleep(for: .seconds(2))) != nil {
            let current = Self.modificationDate(manifest)
            if current != seen {
                seen = current
                reloadKeys()
            }
        }
    }

    /// Persists the clock's high-water mark every minute (and at shutdown).
    private func persistClock() async {
        let mark = HighWaterMarkFile(path: configuration.data + "/clock-high-water")
        repeat {
            try? mark.advance(to: clock.now())
        } while (try? await Task.sleep(for: .seconds(60))) != nil
    }

    /// Every 10 minutes runs one retention pass (``RetentionService``, ages in
    /// `retention.json`) and destroys access-log days past `access_logs_days`.
    private func collectGarbage() async {
        while (try? await Task.sleep(for: .seconds(600))) != nil {
            await collectGarbageOnce()
        }
    }

    /// Signs a ledger checkpoint whenever the oldest uncovered entry is
    /// `checkpoint.every_seconds` old (`acknowledgements.json`), checking every
    /// `min(60, every_seconds)` seconds.
    private func signCheckpoints() async {
        repeat {
            do {
                let keyring = keyring
                _ = try await Ledger(environment: environment, issuer: issuer, keys: { keyring.snapshot }).signIfDue()
            } catch {
                // A storage fault is logged once per burst by the reporter.
                if !storageFaults.record(error) {
                    logger.error("ledger checkpoint failed", ["error": .string(String(describing: error))])
                }
            }
        } while (try? await Task.sleep(
            for: .seconds(min(60, policies.acknowledgements.checkpointEverySeconds)))) != nil
    }

    /// One garbage-collection pass at the clock's time (a failure is logged; the next
    /// pass tries again).
    func collectGarbageOnce() async {
        do {
            try await RetentionService(environment: environment).purge()
            if let accessLog {
                let days = policies.retention.accessLogsDays, now = clock.now()
                let count = accessLog.purge(olderThanDays: days, now: now)
                if count > 0 {
                    _ = try await storage.write { tx in
                        try tx.audit.append(AuditEvent(
                            at: now, action: .dataDestroyed, clientAddress: "job", requestID: "retention",
                            detail: "what=access_logs why=retention.access_logs_days age_days=\(days) count=\(count)"))
                    }
                }
            }
        } catch {
            if !storageFaults.record(error) {
                logger.error("garbage collection failed", ["error": .string(String(describing: error))])
            }
        }
    }

    private static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    private static func gauges(pool: BlockingWorkPool, http: HTTPServer?) -> [(name: String, help: String, value: Double)] {
        var gauges: [(name: String, help: String, value: Double)] = [
            ("schoolid_http_open_connections", "Open client connections.", Double(http?.openConnections ?? 0)),
        ]
        for (lane, depth) in pool.queueDepths.sorted(by: { $0.key < $1.key }) {
            gauges.append(("schoolid_pool_\(pool.name)_\(lane)_queued", "Jobs waiting in the \(pool.name) pool's \(lane) lane.", Double(depth)))
        }
        return gauges
    }
}

/// Lets the metrics gauge closure reach the HTTP server created after it. The reference
/// is weak: the server's handler holds the router, whose metrics route holds this box,
/// so a strong one would be a cycle that kept every stopped server, its storage and the
/// storage's SQLite threads alive.
private final class HTTPServerBox: Sendable {
    private struct Weak {
        weak var server: HTTPServer?
    }

    private let value = Mutex(Weak())
    var server: HTTPServer? {
        get { value.withLock { $0.server } }
        set { value.withLock { $0.server = newValue } }
    }
}
