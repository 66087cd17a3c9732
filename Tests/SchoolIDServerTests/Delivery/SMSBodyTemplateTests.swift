import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDServer
import SchoolIDTesting
import Testing

@Suite struct SMSBodyTemplateTests {
    @Test("placeholders become JSON strings, quotes and escapes included, each value inserted once")
    func substitution() throws {
        let template = try SMSBodyTemplate(#"{"phone": {{to}}, "message": {{text}}, "client_ref": {{id}}}"#)
        let body = template.render(to: "+79161234567", text: "Код \"1\"\n\\ {{to}}", id: "msg_1")
        #expect(String(decoding: body, as: UTF8.self)
            == #"{"phone": "+79161234567", "message": "Код \"1\"\n\\ {{to}}", "client_ref": "msg_1"}"#)
    }

    @Test("the default body is today's {id, text, to}")
    func standard() {
        let body = SMSBodyTemplate.standard.render(to: "+79161234567", text: "hi", id: "msg_1")
        #expect(String(decoding: body, as: UTF8.self) == #"{"id":"msg_1","text":"hi","to":"+79161234567"}"#)
    }

    @Test("templates are refused without {{to}} or {{text}}, or when they are not JSON", arguments: [
        (#"{"message": {{text}}}"#, SMSBodyTemplate.Invalid.missingPlaceholder("to")),
        (#"{"phone": {{to}}}"#, .missingPlaceholder("text")),
        (#"{"phone": {{to}}, "message": {{text}}"#, .notJSON),
        (#"{"phone": "{{to}}", "message": {{text}}}"#, .notJSON),
        (#"{"phone": {{to}}, "message": {{body}}, "t": {{text}}}"#, .notJSON),
        (#"{"phone": {{to}}, "message": {{text}}} trailing"#, .notJSON),
    ])
    func refused(text: String, error: SMSBodyTemplate.Invalid) {
        #expect(throws: error) { try SMSBodyTemplate(text) }
    }

    @Test("sms_gateway_body_template is a configuration key validated at startup, naming the key")
    func configuration() throws {
        var configuration = ServeConfiguration()
        try configuration.apply(environment: ["SCHOOLID_SMS_GATEWAY_BODY_TEMPLATE": #"{"p": {{to}}, "m": {{text}}}"#])
        #expect(configuration.smsGatewayBodyTemplate.text == #"{"p": {{to}}, "m": {{text}}}"#)
        #expect(performing: { try configuration.set("sms_gateway_body_template", "{{to}} {{text}}", source: "--sms-gateway-body-template") },
                throws: { ($0 as? ServeConfiguration.Invalid)?.description.hasPrefix("--sms-gateway-body-template: ") == true })
    }

    @Test("HTTPSMSChannel posts the templated body")
    func channelUsesTemplate() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let gateway = try await FakeSMSGateway()
        let template = try SMSBodyTemplate(#"{"to": {{to}}, "text": {{text}}, "id": {{id}}, "sender": "SchoolID"}"#)
        let channel = HTTPSMSChannel(url: gateway.url, token: Secret(gateway.token), timeout: DeliveryHarness.generousTimeout,
                                     bodyTemplate: template)
        let message = OutgoingMessage(id: .random(using: SeededRandomSource(seed: 4)), channel: .sms,
                                      destination: "+79161234567", body: "код 123456")
        let result = await channel.send(message)
        #expect(result == .delivered)
        #expect(gateway.received.map(\.text) == ["код 123456"])
        try await gateway.stop()
    }
}
