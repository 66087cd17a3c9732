import SchoolIDBase
import SchoolIDCore
@testable import SchoolIDServer
import Testing

@Suite struct DeliveryRulesTests {
    @Test("the backoff doubles from 2 s per failed attempt and stops growing at an hour", arguments: [
        (1, 2), (2, 4), (3, 8), (9, 512), (11, 2048), (12, 3600), (40, 3600),
    ] as [(Int, Int64)])
    func backoff(attempts: Int, seconds: Int64) {
        #expect(DeliveryRetry.delay(afterAttempts: attempts) == seconds)
    }

    @Test("gateway statuses: 2xx delivered; 5xx, 408 and 429 retryable; other statuses permanent", arguments: [
        (200, DeliveryResult.delivered), (202, .delivered), (204, .delivered),
        (500, .retryable("gateway answered 500")), (503, .retryable("gateway answered 503")),
        (408, .retryable("gateway answered 408")), (429, .retryable("gateway answered 429")),
        (400, .permanent("gateway answered 400")), (401, .permanent("gateway answered 401")),
        (404, .permanent("gateway answered 404")), (422, .permanent("gateway answered 422")),
        (301, .permanent("gateway answered 301")),
    ])
    func classify(status: Int, result: DeliveryResult) {
        #expect(HTTPSMSChannel.classify(status: status) == result)
    }

    @Test("the SMS gateway settings come from file keys, variables and flags; the token is redacted")
    func configuration() throws {
        var configuration = ServeConfiguration()
        #expect(try configuration.smsGateway() == nil)
        try configuration.apply(environment: ["SCHOOLID_SMS_GATEWAY_URL": "https://sms.example.ru/v1/send",
                                              "SCHOOLID_SMS_GATEWAY_TOKEN": "tok-0123456789abcdef"])
        let gateway = try #require(try configuration.smsGateway())
        #expect(gateway.url.absoluteString == "https://sms.example.ru/v1/send")
        #expect(gateway.token.unredacted == "tok-0123456789abcdef")
        #expect(!String(describing: configuration).contains("tok-0123456789abcdef"))
        try configuration.set("sms_gateway_url", "http://127.0.0.1:9000/sms", source: "--sms-gateway-url")
        #expect(configuration.smsGatewayURL?.port == 9000)
    }

    @Test("a gateway URL must be https, or http to loopback, without credentials", arguments: [
        "http://sms.example.ru/send", "ftp://sms.example.ru/", "sms.example.ru", "https://user:pw@sms.example.ru/",
        "https:///nohost",
    ])
    func refusesURL(_ text: String) {
        var configuration = ServeConfiguration()
        #expect(throws: ServeConfiguration.Invalid.self) {
            try configuration.set("sms_gateway_url", text, source: "SCHOOLID_SMS_GATEWAY_URL")
        }
    }

    @Test("a gateway URL without a token, or a token without a URL, stops the start")
    func needsBoth() throws {
        var urlOnly = ServeConfiguration()
        try urlOnly.set("sms_gateway_url", "https://sms.example.ru/send", source: "test")
        #expect(throws: ServeConfiguration.Invalid.self) { try urlOnly.smsGateway() }
        var tokenOnly = ServeConfiguration()
        try tokenOnly.set("sms_gateway_token", "tok-0123456789abcdef", source: "test")
        #expect(throws: ServeConfiguration.Invalid.self) { try tokenOnly.smsGateway() }
    }
}
