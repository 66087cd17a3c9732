import Foundation
import SchoolIDBase
import SchoolIDTesting
import Testing

/// Enumeration through the answers themselves (issue 12): registration, recovery and
/// login answer a known and an unknown phone, email or login with the same status,
/// the same body shape (members, their types, and every value but per-request ids of
/// equal length) and the same header fields (values too, apart from the request id).
/// Timing is `AntiEnumerationTimingTests`' part (the same probes, login included).
@Suite struct EnumerationResponseTests {
    /// Members whose value is fresh per request: compared by type and length only.
    static let perRequest: Set<String> = ["request_id", "flow_id", "registration_id"]
    /// Header fields whose value is fresh per request.
    static let perRequestHeaders: Set<String> = ["x-request-id", "date"]

    /// A JSON value reduced to what may not differ between the two cases.
    static func shape(_ json: [String: Any]) -> [String: String] {
        json.reduce(into: [:]) { shape, member in
            let (key, value) = member
            shape[key] = perRequest.contains(key) ? "\(type(of: value)) of length \((value as? String)?.count ?? -1)"
                : "\(value)"
        }
    }

    static func headers(_ response: APIResponse) -> [String] {
        response.headers.map { field in
            let name = field.name.lowercased()
            return perRequestHeaders.contains(name) ? name : "\(name): \(field.value)"
        }.sorted()
    }

    @Test("known and unknown identifiers get the same status, body shape and headers",
          arguments: AntiEnumerationTimingTests.probes)
    func sameAnswer(probe: AntiEnumerationTimingTests.Probe) async throws {
        try await RecoveryFixture.run { fixture in
            try await AntiEnumerationTimingTests.seed(fixture)
            let clock = fixture.world.server.clock
            var answers: [Bool: [APIResponse]] = [:]
            // Three rounds, so that a second and third request (cooldowns, backoff) are compared too.
            for round in 0..<3 {
                for isKnown in [true, false] {
                    let client = fixture.client.from("198.51.100.\(isKnown ? 10 : 11)")
                    answers[isKnown, default: []].append(
                        try await client.post(probe.path, json: isKnown ? probe.known : probe.unknown))
                }
                if round == 1 { clock.advance(seconds: 86_401) }
            }
            for (known, unknown) in zip(answers[true]!, answers[false]!) {
                #expect(known.status == unknown.status, "\(known.text) vs \(unknown.text)")
                #expect(Self.shape(known.json) == Self.shape(unknown.json), "\(known.text) vs \(unknown.text)")
                #expect(Self.headers(known) == Self.headers(unknown))
            }
            let first = answers[true]![0]
            print("enumeration \(probe.name): \(answers[true]!.map(\.status)) for both, body members "
                  + "\(first.json.keys.sorted()), headers \(first.headers.map { $0.name.lowercased() }.sorted())")
        }
    }
}
