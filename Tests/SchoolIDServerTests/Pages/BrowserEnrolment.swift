import Foundation
import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import SchoolIDTesting
import Testing

/// Enrolling TOTP on `/login/enrol` as a person with an authenticator app would: the
/// browser holds the enrolment ticket a login or a first password change left.
enum BrowserEnrolment {
    /// What a person holds after enrolling through the pages.
    struct Enrolled {
        let secret: [UInt8]
        let recoveryCodes: [String]
        /// The confirming answer (it sets the session cookie).
        let response: TestResponse
    }

    /// The text between `start` and the next `end` in `text`, if any.
    static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let lower = text.range(of: start)?.upperBound, let upper = text[lower...].range(of: end)?.lowerBound
        else { return nil }
        return String(text[lower..<upper])
    }

    /// Opens the enrolment page, reads the shown secret and confirms with a code at
    /// `server`'s clock; the answer shows ten recovery codes and sets the session cookie.
    static func complete(_ browser: Browser, server: TestServer) async throws -> Enrolled {
        let page = try await browser.get("/login/enrol")
        #expect(page.status == 200)
        #expect(page.header("Cache-Control") == "no-store")
        #expect(page.bodyText.contains(SecondFactorPageText.enrolIntro.russian))
        #expect(page.bodyText.contains("href=\"otpauth://totp/"))
        #expect(page.bodyText.contains("inputmode=\"numeric\"") && page.bodyText.contains("autocomplete=\"one-time-code\""))
        let grouped = try #require(between(page.bodyText, "<strong class=\"secret\">", "</strong>"))
        #expect(grouped.contains(" "))
        let secret = try #require(Base32.decode(grouped.replacingOccurrences(of: " ", with: "")))
        // The QR code above the key encodes the very URI of the link, drawn inline (the
        // page's CSP allows no image fetch and no style attribute is used).
        let uri = try #require(between(page.bodyText, "href=\"otpauth://", "\""))
            .replacingOccurrences(of: "&amp;", with: "&")
        let svg = try QRCode(encoding: Array("otpauth://\(uri)".utf8))
            .svg(label: SecondFactorPageText.enrolQRLabel.russian)
        #expect(page.bodyText.contains("<svg ") && page.bodyText.contains("role=\"img\""))
        #expect(page.bodyText.contains("aria-label=\"\(SecondFactorPageText.enrolQRLabel.russian)\""))
        #expect(page.bodyText.contains(svg))
        #expect(page.bodyText.contains(SecondFactorPageText.enrolQRCaption.russian))
        #expect(page.header("Content-Security-Policy")?.contains("default-src 'none'") == true)

        let confirmed = try await browser.post("/login/enrol", form: [
            ("csrf_token", try #require(Browser.csrfToken(in: page))),
            ("code", TOTP.standard.code(secret: secret, at: server.clock.now())),
        ])
        #expect(confirmed.status == 200)
        #expect(confirmed.header("Cache-Control") == "no-store")
        #expect(confirmed.bodyText.contains("<body class=\"printable\">"))
        #expect(confirmed.bodyText.contains("href=\"/account\""))
        #expect(Browser.setCookie("schoolid_session", in: confirmed) != nil)
        #expect(Browser.setCookie("schoolid_enrolment_ticket", in: confirmed)?.contains("Max-Age=0") == true)
        let codes = confirmed.bodyText.components(separatedBy: "<code class=\"secret\">").dropFirst()
            .compactMap { $0.components(separatedBy: "</code>").first }
        #expect(codes.count == 10)
        return Enrolled(secret: secret, recoveryCodes: Array(codes), response: confirmed)
    }

}
