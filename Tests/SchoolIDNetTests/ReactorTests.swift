#if canImport(Glibc)
import Glibc
#endif
@testable import SchoolIDNet
import Testing

/// The reactor end to end over a socket pair: every way a wait can end.
@Suite struct ReactorTests {
    /// A started reactor and a registered non-blocking socket pair; `peer` is the other end.
    struct Fixture {
        let reactor: Reactor
        let registration: Reactor.Registration
        let peer: Int32

        init() throws {
            var fds: [Int32] = [0, 0]
            #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0, &fds) == 0)
            reactor = try Reactor()
            reactor.start(name: "reactor-test")
            registration = try reactor.register(fds[0])
            peer = fds[1]
        }

        func tearDown() async {
            reactor.deregister(registration)
            close(registration.fd)
            close(peer)
            await reactor.stop()
        }
    }

    @Test("a wait ends with ready when the peer writes")
    func readable() async throws {
        let fixture = try Fixture()
        async let readiness = fixture.reactor.wait(fixture.registration, for: .read, deadline: nil, interruptible: false)
        _ = write(fixture.peer, "x", 1)
        #expect(await readiness == .ready)
        await fixture.tearDown()
    }

    @Test("a wait ends with timedOut at its deadline when nothing arrives")
    func deadline() async throws {
        let fixture = try Fixture()
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(20))
        #expect(await fixture.reactor.wait(fixture.registration, for: .read, deadline: deadline, interruptible: false) == .timedOut)
        #expect(ContinuousClock.now >= deadline)
        await fixture.tearDown()
    }

    @Test("cancelling the waiting task resumes it once with cancelled, and the descriptor can wait again")
    func cancellation() async throws {
        let fixture = try Fixture()
        let task = Task { await fixture.reactor.wait(fixture.registration, for: .read, deadline: nil, interruptible: false) }
        task.cancel()
        #expect(await task.value == .cancelled)
        _ = write(fixture.peer, "x", 1)
        #expect(await fixture.reactor.wait(fixture.registration, for: .read, deadline: nil, interruptible: false) == .ready)
        await fixture.tearDown()
    }

    @Test("shutdown ends interruptible waits, now and later, and leaves others waiting")
    func shutdown() async throws {
        let fixture = try Fixture()
        async let idle = fixture.reactor.wait(fixture.registration, for: .read, deadline: nil, interruptible: true)
        while !fixture.reactor.state.withLock({ $0.slots[fixture.registration.fd]?.isWaiting ?? false }) { await Task.yield() }
        fixture.reactor.beginShutdown()
        #expect(await idle == .shutdown)
        #expect(await fixture.reactor.wait(fixture.registration, for: .read, deadline: nil, interruptible: true) == .shutdown)
        async let busy = fixture.reactor.wait(fixture.registration, for: .read, deadline: nil, interruptible: false)
        _ = write(fixture.peer, "x", 1)
        #expect(await busy == .ready)
        await fixture.tearDown()
    }
}

@Suite struct SocketTests {
    @Test("retryingSyscall reports EAGAIN as would-block and other failures as SocketError with errno and call")
    func syscallMapping() throws {
        var fds: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0, &fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        var byte: UInt8 = 0
        let empty = try withUnsafeMutableBytes(of: &byte) { try Socket.read(fds[0], into: $0) }
        guard case .wouldBlock = empty else { Issue.record("expected would-block"); return }
        #expect(throws: SocketError(errno: EBADF, call: "read")) {
            try withUnsafeMutableBytes(of: &byte) { _ = try Socket.read(-1, into: $0) }
        }
    }

    @Test("binding an address that is not an IP literal throws EINVAL")
    func badHost() {
        #expect(throws: SocketError(errno: EINVAL, call: "inet_pton")) { try Socket.listen(host: "localhost", port: 0) }
    }

    @Test("raising the open-file limit leaves the soft limit at the hard limit")
    func openFileLimit() {
        let limits = ProcessLimits.raiseOpenFileLimit()
        #expect(limits.soft == limits.hard)
        #expect(limits.soft > 0)
    }
}
