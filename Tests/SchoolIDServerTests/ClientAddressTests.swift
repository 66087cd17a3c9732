import SchoolIDServer
import Testing

@Suite struct ClientAddressTests {
    static let resolver = ClientAddressResolver(trustedProxies: ["10.0.0.0/8", "2001:db8::/32"].map { IPAddressRange($0)! })

    @Test("forwarding headers count only from trusted peers; the rightmost untrusted hop is the client", arguments: [
        ("203.0.113.9", [], ["198.51.100.1"], "203.0.113.9"),                     // untrusted peer: header ignored
        ("10.1.2.3", [], ["198.51.100.1"], "198.51.100.1"),
        ("10.1.2.3", [], ["6.6.6.6, 198.51.100.1, 10.9.9.9"], "198.51.100.1"),   // forged left part ignored
        ("10.1.2.3", ["for=192.0.2.60;proto=http, for=\"[2001:db8:cafe::17]:4711\""], [], "192.0.2.60"),
        ("10.1.2.3", ["for=198.51.100.4:8080"], ["1.1.1.1"], "198.51.100.4"),     // Forwarded wins
        ("10.1.2.3", [], ["not-an-address"], "10.1.2.3"),
        ("10.1.2.3", [], [], "10.1.2.3"),
        ("::ffff:10.0.0.5", [], ["198.51.100.2"], "198.51.100.2"),               // IPv4-mapped peer
    ] as [(String, [String], [String], String)])
    func resolves(_ peer: String, _ forwarded: [String], _ xff: [String], _ expected: String) {
        #expect(Self.resolver.clientAddress(peer: peer, forwarded: forwarded, xForwardedFor: xff) == expected)
    }

    @Test("CIDR ranges parse and match IPv4 and IPv6", arguments: [
        ("10.0.0.0/8", "10.255.1.1", true), ("10.0.0.0/8", "11.0.0.1", false), ("192.168.1.7", "192.168.1.7", true),
        ("2001:db8::/32", "2001:db8:1::1", true), ("2001:db8::/32", "2001:db9::1", false), ("::1", "::1", true),
        ("0.0.0.0/0", "8.8.8.8", true), ("10.0.0.0/8", "::1", false),
    ])
    func ranges(_ cidr: String, _ address: String, _ inside: Bool) throws {
        #expect(try #require(IPAddressRange(cidr)).contains(address) == inside)
    }

    @Test("malformed CIDR is rejected", arguments: ["10.0.0.0/33", "::1/129", "10.0.0", "abc", "10.0.0.0/-1", "10.0.0.0/8/1"])
    func malformed(_ text: String) { #expect(IPAddressRange(text) == nil) }
}
