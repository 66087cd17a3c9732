/// Where a request came from, for throttling and the audit log.
public struct RequestContext: Sendable, Hashable {
    /// The client address as resolved by the server (trusted proxies applied), or `cli`.
    public var clientAddress: String
    /// The request id, shared with the access log.
    public var requestID: String
    /// Whether the request came through a page (`web`) or the JSON API (`api`), as
    /// recorded with a consent given in it.
    public var channel: ConsentRecord.Channel

    public init(clientAddress: String, requestID: String, channel: ConsentRecord.Channel = .api) {
        self.clientAddress = clientAddress
        self.requestID = requestID
        self.channel = channel
    }

    /// The context of a command-line action.
    public static func commandLine(requestID: String) -> RequestContext {
        RequestContext(clientAddress: "cli", requestID: requestID)
    }
}
