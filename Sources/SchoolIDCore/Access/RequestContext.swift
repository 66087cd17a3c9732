/// Where a request came from, for throttling and the audit log.
public struct RequestContext: Sendable, Hashable {
    /// The client address as resolved by the server (trusted proxies applied), or `cli`.
    public var clientAddress: String
    /// The request id, shared with the access log.
    public var requestID: String

    public init(clientAddress: String, requestID: String) {
        self.clientAddress = clientAddress
        self.requestID = requestID
    }

    /// The context of a command-line action.
    public static func commandLine(requestID: String) -> RequestContext {
        RequestContext(clientAddress: "cli", requestID: requestID)
    }
}
