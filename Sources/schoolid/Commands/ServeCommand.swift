import Dispatch
import Foundation
import Synchronization
import SchoolIDBase
import SchoolIDCrypto
import SchoolIDServer

/// `schoolid serve`: the HTTP service.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "run the HTTP service"
    static let help = """
    usage: schoolid serve [--config FILE] [--host H] [--port P] [--data DIR] [--keys DIR]
                          [--policies DIR] [--issuer URL] [--reactors N] [--trusted-proxy CIDR]...
                          [--tls-certificate PEM --tls-private-key PEM]
                          [--sms-gateway-url URL --sms-gateway-token TOKEN] [--demo]

    Serves SchoolID over HTTP/1.1, or HTTPS (TLS 1.2/1.3) when given a certificate
    and key. Settings come from defaults, then the JSON --config
    file, then SCHOOLID_* environment variables (SCHOOLID_HOST, SCHOOLID_PORT,
    SCHOOLID_DATA, SCHOOLID_KEYS, SCHOOLID_POLICIES, SCHOOLID_ISSUER,
    SCHOOLID_TRUSTED_PROXIES, SCHOOLID_METRICS_TOKEN, SCHOOLID_HASHING_THREADS,
    SCHOOLID_DRAIN_SECONDS, SCHOOLID_REACTORS, SCHOOLID_TLS_CERTIFICATE,
    SCHOOLID_TLS_PRIVATE_KEY, SCHOOLID_SMS_GATEWAY_URL, SCHOOLID_SMS_GATEWAY_TOKEN,
    SCHOOLID_DEMO),
    then flags. A fresh directory (no database and no key
    files) is initialised on first start; a database without its keyring, or keys
    without their database, is refused (keyring_missing / database_missing).

    Signals: SIGTERM/SIGINT stop accepting, finish in-flight requests, exit; SIGHUP
    reloads the keyring (so does a change of keys/keyring.json).

    options:
      --host H              listen address (default 127.0.0.1; 0.0.0.0 for all IPv4, :: for all IPv6)
      --port P              listen port (default 8080; 0 picks a free one)
      --trusted-proxy CIDR  believe Forwarded/X-Forwarded-For from these peers (repeatable)
      --issuer URL          public base URL behind a proxy
      --reactors N          epoll reactor threads (default 1)
      --tls-certificate PEM serve HTTPS with this certificate chain (leaf first, then intermediates)
      --tls-private-key PEM its private key (unencrypted PEM); refused if readable by group or
                            others (chmod 600). Both or neither; the listen URL then reads https://
      --sms-gateway-url URL send SMS by JSON POST to this gateway (https, or http to loopback);
                            without it SMS messages stay pending in the outbox
      --sms-gateway-token T the gateway's bearer token (prefer SCHOOLID_SMS_GATEWAY_TOKEN:
                            flags show in the process list)
      --sms-gateway-body-template JSON
                            the gateway's JSON body with {{to}}, {{text}}, {{id}} placeholders
      --smtp-host H         send email through this SMTP relay; without it email stays pending
      --smtp-port P         its port (default 587 for starttls, 465 for tls, 25 for none)
      --smtp-security S     starttls (default), tls (implicit, RFC 8314) or none (loopback relay only)
      --smtp-username U     AUTH PLAIN user (only over TLS), with --smtp-password
      --smtp-password P     prefer SCHOOLID_SMTP_PASSWORD (flags show in the process list)
      --smtp-from ADDRESS   the sender address (required with --smtp-host)
      --smtp-ca-file PEM    trust anchors for the relay's certificate (default: the system's)
      --access-log-dir DIR  write the access log as one file per UTC day (access-YYYY-MM-DD.jsonl)
                            in DIR, destroyed after access_logs_days of retention.json; without
                            it access lines go to standard error with the rest of the log
      --demo                DEVELOPMENT ONLY: write every SMS and email, codes in clear, to
                            DATA/outbox.log and the console instead of a gateway; refused
                            unless --host is loopback (127.0.0.0/8 or ::1) and without a gateway or SMTP relay.
                            The first demo start also seeds a demo school (code demo, class 5 А),
                            its teacher, two students (a credential batch), a guardian with a
                            verified phone linked to the first, a link code for the second and the
                            confidential diary-demo client, and prints their logins, passwords, the
                            client secret and the diary-demo command ONCE, to standard output only
                            (passwords are never stored readable). Later starts print the logins.
                            Demo accounts and the client are audited as demo.seeded.
    \(CommonPaths.helpText)
    """

    static func run(_ arguments: consuming Arguments) async throws {
        var configuration = ServeConfiguration()
        if let file = try arguments.option("--config") { try configuration.apply(file: file) }
        try configuration.apply(environment: ProcessInfo.processInfo.environment)
        for (flag, key) in [("--host", "host"), ("--port", "port"), ("--data", "data"), ("--keys", "keys"),
                            ("--policies", "policies"), ("--issuer", "issuer"), ("--reactors", "reactors"),
                            ("--tls-certificate", "tls_certificate"), ("--tls-private-key", "tls_private_key"),
                            ("--sms-gateway-url", "sms_gateway_url"), ("--sms-gateway-token", "sms_gateway_token"),
                            ("--sms-gateway-body-template", "sms_gateway_body_template"),
                            ("--smtp-host", "smtp_host"), ("--smtp-port", "smtp_port"), ("--smtp-security", "smtp_security"),
                            ("--smtp-username", "smtp_username"), ("--smtp-password", "smtp_password"),
                            ("--smtp-from", "smtp_from"), ("--smtp-ca-file", "smtp_ca_file"),
                            ("--access-log-dir", "access_log_dir")] {
            if let value = try arguments.option(flag) { try configuration.set(key, value, source: flag) }
        }
        if arguments.flag("--demo") { try configuration.set("demo", "1", source: "--demo") }
        var proxies: [String] = []
        while let proxy = try arguments.option("--trusted-proxy") { proxies.append(proxy) }
        if !proxies.isEmpty { try configuration.set("trusted_proxies", proxies.joined(separator: ","), source: "--trusted-proxy") }
        try arguments.finish()
        try await serve(configuration)
    }

    static func serve(_ configuration: ServeConfiguration) async throws {
        signal(SIGPIPE, SIG_IGN)
        let clock = SystemWallClock(floor: HighWaterMarkFile(path: configuration.data + "/clock-high-water").load())
        let logSink = BufferedStandardErrorSink()
        defer { logSink.flush() }
        let logger = Logger(label: "schoolid", sink: logSink, clock: clock)
        let application = try await ServerApplication(configuration: configuration, clock: clock,
                                                      random: OpenSSLRandomSource(), logger: logger)
        // Seeded before the socket listens; shown after the "listening" line, which stays
        // the first line (scripts and tests read the port from it) and gives the issuer.
        let welcome = configuration.demo ? try await DemoSeed(environment: application.environment).prepare() : nil
        let scheme = configuration.scheme
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        // STYLE §5.3: ignore the signals first, then observe them through DispatchSource —
        // before the server starts, so a SIGTERM right after the "listening" line is never
        // taken by the default action. A stop that arrives before the task exists is kept.
        // `resume()` registers a source asynchronously and a signal that comes before the
        // registration is ignored, so the server starts only once all three are registered.
        let server = Mutex<(task: Task<Void, any Error>?, stopRequested: Bool)>((nil, false))
        let registered = DispatchGroup()
        let sources = [SIGTERM, SIGINT, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            registered.enter()
            source.setRegistrationHandler { registered.leave() }
            source.setEventHandler {
                if number == SIGHUP {
                    application.reloadKeys()
                } else {
                    server.withLock { state in
                        state.stopRequested = true
                        state.task?.cancel()
                    }
                }
            }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        await withCheckedContinuation { continuation in registered.notify(queue: .global()) { continuation.resume() } }
        let task = Task {
            try await application.run { port in
                // Unbuffered: scripts and tests wait for this line to learn the port.
                FileHandle.standardOutput.write(Data("SchoolID listening on \(scheme)://\(host):\(port)\n".utf8))
                // Standard output only: never the log, never a file (issue 11).
                if let welcome {
                    let text = welcome.text(issuer: application.issuer, outboxFile: configuration.demoOutboxFile)
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            }
        }
        server.withLock { state in
            state.task = task
            if state.stopRequested { task.cancel() }
        }
        try await task.value
    }
}
