import Foundation

/// Finds the client's address behind trusted reverse proxies.
///
/// `Forwarded` (RFC 7239) and `X-Forwarded-For` are believed only when the TCP peer is
/// a trusted proxy; then the hops are walked from the right and the first address that
/// is not itself a trusted proxy is the client (anything further left could be forged
/// by the client). The result feeds logs, audit events and throttles.
public struct ClientAddressResolver: Sendable {
    /// The proxies whose forwarding headers are believed.
    public let trustedProxies: [IPAddressRange]

    /// Creates a resolver; no trusted proxies means the TCP peer is always the client.
    public init(trustedProxies: [IPAddressRange] = []) { self.trustedProxies = trustedProxies }

    /// The client address for a request from `peer` carrying these header values.
    /// - Parameters:
    ///   - peer: the TCP peer's address.
    ///   - forwarded: the `Forwarded` header values, in order (preferred when present).
    ///   - xForwardedFor: the `X-Forwarded-For` header values, in order.
    /// - Returns: the resolved client address, `peer` when nothing trustworthy says otherwise.
    public func clientAddress(peer: String, forwarded: [String], xForwardedFor: [String]) -> String {
        guard isTrusted(peer) else { return peer }
        let hops = forwarded.isEmpty ? Self.xForwardedForHops(xForwardedFor) : Self.forwardedHops(forwarded)
        for hop in hops.reversed() {
            guard IPAddressRange.bytes(of: hop) != nil else { return peer }  // garbage: believe nothing further
            if !isTrusted(hop) { return hop }
        }
        return hops.first ?? peer
    }

    private func isTrusted(_ address: String) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }

    static func xForwardedForHops(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `for=` parameters of RFC 7239 elements; quotes, IPv6 brackets and ports removed.
    static func forwardedHops(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.compactMap { element in
            for pair in element.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, parts[0].lowercased() == "for" else { continue }
                var node = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                if node.hasPrefix("["), let end = node.firstIndex(of: "]") {
                    node = String(node[node.index(after: node.startIndex)..<end])
                } else if node.filter({ $0 == ":" }).count == 1, let colon = node.firstIndex(of: ":") {
                    node = String(node[..<colon])
                }
                return node
            }
            return nil
        }
    }
}
