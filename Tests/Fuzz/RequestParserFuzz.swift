// libFuzzer entry point for SchoolIDHTTP's RequestParser (see README.md, run.sh).
// Compiled into one module with the codec sources, so it is not a SwiftPM target.

/// What a run produced, as text, so two runs can be compared.
private func outcome(_ chunks: [ArraySlice<UInt8>], limits: HTTPLimits) -> [String] {
    var parser = RequestParser(limits: limits)
    var seen: [String] = []
    for chunk in chunks {
        parser.feed(chunk)
        while let event = parser.next() {
            switch event {
            case .expectContinue:
                seen.append("100")
            case .request(let request):
                // Invariants of every accepted request.
                precondition(request.body.count <= limits.maxBodyBytes, "body over the limit")
                precondition(request.headers.count <= limits.maxHeaderCount, "too many headers")
                precondition(request.target.utf8.count <= limits.maxRequestLineBytes, "target over the limit")
                precondition(request.target == "*" || request.target.hasPrefix("/"), "not origin-form")
                precondition(!request.headers.contains("content-length") || !request.headers.contains("transfer-encoding"),
                             "CL and TE both accepted")
                let headers = request.headers.map { "\($0.name):\($0.value)" }.joined(separator: "\n")
                seen.append("\(request.method) \(request.target) \(request.version) \(headers) \(request.body)")
                _ = request.wantsKeepAlive
                _ = try? request.queryItems()
                _ = request.cookies
            case .failed(let error):
                seen.append("failed \(error)")
                precondition(parser.next() == nil, "events after a failure")
            }
        }
    }
    return seen
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = HTTPLimits()
    limits.maxRequestLineBytes = 128
    limits.maxHeaderBytes = 512
    limits.maxHeaderCount = 16
    limits.maxBodyBytes = 1024
    limits.maxChunkLineBytes = 64

    // Differential oracle: whole, byte by byte, and in chunks whose sizes come from
    // the input itself must all produce the same events.
    let whole = outcome([bytes[...]], limits: limits)
    let dripped = outcome(bytes.indices.map { bytes[$0...$0] }, limits: limits)
    precondition(whole == dripped, "byte-by-byte feeding disagrees with whole")
    var chunks: [ArraySlice<UInt8>] = []
    var index = 0
    var step = 1
    while index < bytes.count {
        let end = min(bytes.count, index + step)
        chunks.append(bytes[index..<end])
        step = Int(bytes[index] % 13) + 1
        index = end
    }
    precondition(outcome(chunks, limits: limits) == whole, "chunked feeding disagrees with whole")

    // Pure helpers that see attacker bytes.
    _ = try? FormData.parse(bytes)
    _ = Cookie.parse(header: String(decoding: bytes, as: UTF8.self))
    _ = ResponseWriter.serialize(Response(status: .ok, headers: HTTPHeaders([("X", String(decoding: bytes, as: UTF8.self))]),
                                          body: bytes), keepAlive: false, headRequest: false)
    return 0
}
