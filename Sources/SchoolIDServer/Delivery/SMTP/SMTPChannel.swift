import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDCrypto

/// Email over SMTP (RFC 5321) to one configured relay, one connection per message.
///
/// The outbox body of an email is an ``EmailText`` (subject, blank line, body); it goes
/// out as a UTF-8 `text/plain` message in base64 (see `SMTPMessage`) whose Message-ID is
/// `<msg_…@schoolid>`, the outbox id: delivery is at-least-once, and a receiver can
/// drop a second copy by that id.
///
/// Security (``SMTPSecurity``): `starttls` (RFC 3207) and `tls` (RFC 8314) verify the
/// relay's certificate chain and name; `none` is for a loopback relay only. AUTH PLAIN
/// (RFC 4616) is only ever sent inside TLS. A relay that does not offer STARTTLS in
/// `starttls` mode gets nothing but EHLO and QUIT, and the message stays retryable: a
/// stripped STARTTLS is either an attack on the path or a relay being reconfigured,
/// and both may pass, whereas failing it for good would lose the message.
///
/// Outcomes: 2xx after the data `.delivered`; 4xx `.retryable`; 5xx `.permanent`;
/// connection, timeout and TLS failures `.retryable`. Error texts carry the step and
/// reply code only.
///
/// Each send runs its blocking socket dialogue on a dedicated `Thread`, never on the
/// cooperative pool. TLS writes may raise `SIGPIPE`: the process must ignore it
/// (`schoolid serve` does).
public final class SMTPChannel: MessageChannel {
    private let connection: SMTPConnection
    private let clock: any WallClock

    /// - Parameters:
    ///   - settings: the relay, security mode, sender and timeouts.
    ///   - clock: the time of the `Date:` header.
    /// - Throws: ``CryptoError`` when the trust anchors cannot be loaded.
    public init(settings: SMTPSettings, clock: any WallClock) throws {
        let tls = settings.security == .none ? nil : try TLSContext.client(trustedCAPEMPath: settings.trustedCAFile)
        connection = SMTPConnection(settings: settings, tls: tls)
        self.clock = clock
    }

    public func send(_ message: OutgoingMessage) async -> DeliveryResult {
        guard message.channel == .email, let recipient = try? Email(parsing: message.destination) else {
            return .permanent("destination is not an email address")
        }
        let text = SMTPMessage.text(id: message.id, email: EmailText(message.body), from: connection.settings.from,
                                    to: recipient, date: clock.now())
        let data = SMTPMessage.dotStuffed(text)
        let connection = connection
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: connection.deliver(to: recipient, data: data))
            }
            thread.name = "smtp"
            thread.start()
        }
    }
}
