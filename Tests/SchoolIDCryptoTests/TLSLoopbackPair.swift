import SchoolIDCrypto

/// A server and a client session over one ``SocketPair``, in-process.
final class TLSLoopbackPair {
    let sockets: SocketPair
    let server: TLSSession
    let client: TLSSession

    init(client clientContext: TLSContext, serverName: String = "localhost") throws {
        sockets = try SocketPair()
        server = try TLSSession(context: try TLSFixtures.serverContext(), fileDescriptor: sockets.server)
        client = try TLSSession(context: clientContext, fileDescriptor: sockets.client, serverName: serverName)
    }

    /// Runs both handshakes to completion, the client stepping first: a client that
    /// rejects the server's certificate throws before the server sees its alert.
    func handshake() throws {
        try TLSPump.run([TLSPump.handshake(client, sockets.client), TLSPump.handshake(server, sockets.server)])
    }
}
