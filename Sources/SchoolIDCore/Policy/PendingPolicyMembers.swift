// TEMPORARY until the policy branch merges (sessions.json, lockout additions).
public struct SessionPolicy: Hashable, Sendable {
    public let idleSeconds: Int64 = 1800
    public let absoluteSeconds: Int64 = 43200
    public let passwordChangeTicketSeconds: Int64 = 600
}
extension PolicySet { public var sessions: SessionPolicy { SessionPolicy() } }
extension LockoutPolicy {
    public var perAddressAttemptsPerMinute: Int { 120 }
    public func isOverAccountCap(consecutiveFailures: Int) -> Bool { consecutiveFailures >= 100 }
}
