import Foundation

/// Reference figures from `openssl speed`, measured in the same run as ours.
struct OpenSSLSpeed {
    /// sign/s and verify/s per algorithm label (`ecdsap256`, `ed25519`, `rsa3072`).
    var signatures: [String: (sign: Double, verify: Double)] = [:]
    /// Operations per second on 64-byte inputs (`aes-256-gcm`, `hmac-sha256`).
    var perBlock: [String: Double] = [:]

    /// Runs `openssl speed`; missing figures stay absent (for example without the CLI).
    static func measure(seconds: Int) -> OpenSSLSpeed {
        var speed = OpenSSLSpeed()
        let signatures = run(["speed", "-seconds", "\(seconds)", "ecdsap256", "ed25519", "rsa3072"])
        for line in signatures.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4, let sign = Double(fields[fields.count - 2]), let verify = Double(fields[fields.count - 1]) else { continue }
            if line.contains("nistp256") { speed.signatures["ecdsap256"] = (sign, verify) }
            if line.contains("Ed25519") { speed.signatures["ed25519"] = (sign, verify) }
            if line.contains("rsa 3072") { speed.signatures["rsa3072"] = (sign, verify) }
        }
        speed.perBlock["aes-256-gcm"] = blockRate(run(["speed", "-seconds", "\(seconds)", "-bytes", "64", "-evp", "aes-256-gcm"]), label: "AES-256-GCM")
        speed.perBlock["hmac-sha256"] = blockRate(run(["speed", "-seconds", "\(seconds)", "-bytes", "64", "-hmac", "sha256"]), label: "hmac(sha256)")
        return speed
    }

    /// `openssl speed` prints thousands of bytes per second; at 64 bytes per operation.
    private static func blockRate(_ output: String, label: String) -> Double? {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix(label) }),
              let field = line.split(separator: " ").last, field.hasSuffix("k"),
              let kilobytes = Double(field.dropLast())
        else { return nil }
        return kilobytes * 1000 / 64
    }

    private static func run(_ arguments: [String]) -> String {
        Subprocess.run(["openssl"] + arguments)
    }
}
