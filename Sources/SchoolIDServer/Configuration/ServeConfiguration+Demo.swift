import Foundation

extension ServeConfiguration {
    /// The demo sink's file: `outbox.log` in the data directory.
    public var demoOutboxFile: String { data + "/outbox.log" }

    /// Checks the demo mode's two conditions (nothing to check without ``demo``): the
    /// listen address is loopback (`127.0.0.0/8` or `::1`), since the demo sink writes
    /// codes in clear, and no SMS gateway is configured (demo replaces it; both at once
    /// would hide which one a code went to), nor any SMTP relay (likewise for email).
    /// - Throws: ``Invalid`` starting `demo_requires_loopback:`, `demo_excludes_sms_gateway:`
    ///   or `demo_excludes_smtp:`.
    public func checkDemo() throws {
        guard demo else { return }
        guard Self.isLoopback(host) else {
            throw Invalid(description: "demo_requires_loopback: --demo writes codes in clear to \(demoOutboxFile) and the console; bind 127.0.0.1 or ::1, not \(host)")
        }
        guard smsGatewayURL == nil, smsGatewayToken == nil else {
            throw Invalid(description: "demo_excludes_sms_gateway: --demo replaces the SMS gateway; unset sms_gateway_url and sms_gateway_token")
        }
        guard smtp.host == nil else {
            throw Invalid(description: "demo_excludes_smtp: --demo replaces the SMTP relay; unset smtp_host")
        }
    }

    /// Whether `host` is a loopback address literal: `127.0.0.0/8` or `::1` (a name such
    /// as `localhost` is not accepted: it could resolve elsewhere).
    static func isLoopback(_ host: String) -> Bool {
        var literal = host
        if literal.hasPrefix("["), literal.hasSuffix("]") { literal = String(literal.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, literal, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, literal, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        return bytes == Array(repeating: 0, count: 15) + [1]
    }
}
