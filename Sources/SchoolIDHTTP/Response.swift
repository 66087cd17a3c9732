/// A response a handler returns; `ResponseWriter` turns it into bytes.
public struct Response: Sendable {
    /// The status (RFC 9110 §15).
    public var status: HTTPStatus
    /// Header fields written as given (`Content-Length` is computed by the writer).
    public var headers: HTTPHeaders
    /// The content.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
