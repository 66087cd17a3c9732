/// Plain-language notices shown beside a result (not errors, not outgoing messages):
/// a small ru/en catalogue like ``ErrorCode``'s messages, for the API and the pages.
public enum NoticeText: String, Sendable, CaseIterable, Hashable {
    /// Shown when SMS codes become a second factor: SMS is a restricted authenticator
    /// (NIST SP 800-63B-4 §3.1.3.3, OWASP ASVS 5.0 §6.6.1), so the person is told why
    /// an authenticator app is safer.
    case smsFactorRisk = "sms_factor_risk"

    /// The notice in `language`. English texts are ASCII except – — ’.
    public func text(in language: MessageLanguage) -> String {
        switch (self, language) {
        case (.smsFactorRisk, .russian):
            "Коды из SMS защищают слабее приложения-аутентификатора: SMS можно перехватить, а мошенники "
                + "могут перевыпустить вашу SIM-карту и получать коды вместо вас. Если можете, подключите "
                + "приложение-аутентификатор. Никому не сообщайте коды из SMS."
        case (.smsFactorRisk, .english):
            "SMS codes are weaker than an authenticator app: a text message can be intercepted, and a fraudster "
                + "can have your SIM card reissued (a SIM swap) and receive your codes. If you can, set up an "
                + "authenticator app instead. Never share an SMS code with anyone."
        }
    }
}
