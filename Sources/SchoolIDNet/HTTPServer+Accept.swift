#if canImport(Glibc)
import Glibc
#endif
import SchoolIDHTTP

extension HTTPServer {
    /// The accept loop and every connection, as one discarding task group: returns when
    /// the loop has stopped (shutdown or cancellation) and every connection has closed.
    func serve(listener: Int32, registration: Reactor.Registration, reactors: [Reactor]) async {
        await withDiscardingTaskGroup { group in
            var next = 0
            while await limiter.waitForCapacity() {
                let readiness = await reactors[0].wait(registration, for: .read, deadline: nil, interruptible: true)
                guard readiness == .ready else { break }
                while limiter.hasCapacity, let (fd, peer) = await acceptOne(listener) {
                    guard limiter.admit(peer) else {
                        close(fd)  // per-address cap: refuse at once, others keep being served
                        continue
                    }
                    let reactor = reactors[next % reactors.count]
                    next &+= 1
                    guard let connection = try? reactor.register(fd) else {
                        close(fd)
                        limiter.release(peer)
                        continue
                    }
                    group.addTask(executorPreference: reactor) { [self] in
                        if let transport = ConnectionTransport.accepted(fd: fd, tls: configuration.tls) {
                            var http = HTTPConnection(fd: fd, peer: peer, registration: connection, reactor: reactor,
                                                      transport: transport, configuration: configuration, handler: handler)
                            await http.run()
                        }
                        reactor.deregister(connection)
                        close(fd)
                        limiter.release(peer)
                    }
                }
            }
        }
    }

    /// Accepts one connection; nil when none is pending or accepting failed.
    private func acceptOne(_ listener: Int32) async -> (Int32, String)? {
        do {
            return try Socket.accept(listener)
        } catch {
            logger.warning("accept failed", ["errno": .int(Int64(error.errno))])
            if error.errno == EMFILE || error.errno == ENFILE || error.errno == ENOMEM {
                // Out of descriptors: the listener stays readable, so back off instead of spinning.
                try? await Task.sleep(for: .milliseconds(50))
            }
            return nil
        }
    }
}
