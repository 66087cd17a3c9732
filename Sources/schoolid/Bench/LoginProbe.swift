import Foundation
import Synchronization

/// One login at a time with a pause between, through curl, until stopped: shows that
/// logins keep answering while a batch holds the batch lane, without itself taking the
/// CPU the batch is measured on.
final class LoginProbe: Sendable {
    struct Result {
        var answered = 0
        var failures = 0
        var slowestMilliseconds = 0.0
    }

    static let pauseMilliseconds = 5000.0

    private let port: Int
    private let body: String
    private let stopped = Mutex(false)

    init(port: Int, login: String, password: String) {
        self.port = port
        body = #"{"login":"\#(login)","password":"\#(password)"}"#
    }

    func stop() { stopped.withLock { $0 = true } }

    func run() -> Result {
        var result = Result()
        while !stopped.withLock({ $0 }) {
            let output = Subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total}",
                                         "-H", "Content-Type: application/json", "-d", body,
                                         "http://127.0.0.1:\(port)/v1/login"])
            let fields = output.split(separator: " ")
            result.answered += 1
            if fields.first != "200" { result.failures += 1 }
            if fields.count > 1, let seconds = Double(fields[1]) {
                result.slowestMilliseconds = max(result.slowestMilliseconds, seconds * 1000)
            }
            usleep(useconds_t(Self.pauseMilliseconds * 1000))
        }
        return result
    }
}
