@testable import SchoolIDNet
import SchoolIDTesting
import Testing

@Suite struct ConnectionStateMachineTests {
    typealias Machine = ConnectionStateMachine<ManualClock>

    let clock = ManualClock()

    func machine() -> Machine {
        Machine(headerTimeout: .seconds(10), bodyTimeout: .seconds(30), idleTimeout: .seconds(60), clock: clock)
    }

    func at(_ seconds: Int) -> ManualClock.Instant { ManualClock.Instant(offset: .seconds(seconds)) }

    @Test("a fresh connection must deliver its first head within the header timeout")
    func firstRequestHeaderDeadline() {
        var machine = machine()
        #expect(machine.start() == .scheduleTimeout(deadline: at(10)))
        clock.advance(by: .seconds(10))
        #expect(machine.timeoutFired() == .respondTimeoutAndClose)
    }

    @Test("slowloris: trickling header bytes never extends the header deadline")
    func slowlorisCutOff() {
        var machine = machine()
        _ = machine.start()
        for _ in 0..<9 {
            clock.advance(by: .seconds(1))
            #expect(machine.readProgress(phase: .head) == .nothing)
        }
        #expect(machine.deadline == at(10))
        clock.advance(by: .seconds(1))
        #expect(machine.timeoutFired() == .respondTimeoutAndClose)
    }

    @Test("a timeout reported before the deadline is rescheduled, not acted on")
    func earlyTimeoutRescheduled() {
        var machine = machine()
        _ = machine.start()
        clock.advance(by: .seconds(9))
        #expect(machine.timeoutFired() == .scheduleTimeout(deadline: at(10)))
    }

    @Test("the body deadline starts when the head is complete")
    func bodyDeadline() {
        var machine = machine()
        _ = machine.start()
        clock.advance(by: .seconds(2))
        #expect(machine.readProgress(phase: .body) == .scheduleTimeout(deadline: at(32)))
        clock.advance(by: .seconds(29))
        #expect(machine.readProgress(phase: .body) == .nothing)
        clock.advance(by: .seconds(1))
        #expect(machine.timeoutFired() == .respondTimeoutAndClose)
    }

    @Test("no timeout while the handler runs; idle timeout after a keep-alive response closes silently")
    func idleAfterResponse() {
        var machine = machine()
        _ = machine.start()
        #expect(machine.requestReceived() == .cancelTimeout)
        #expect(machine.deadline == nil)
        clock.advance(by: .seconds(500))
        #expect(machine.writeStarted() == .scheduleTimeout(deadline: at(530)))
        #expect(machine.responseWritten(keepAlive: true) == .scheduleTimeout(deadline: at(560)))
        clock.advance(by: .seconds(60))
        #expect(machine.timeoutFired() == .close)
    }

    @Test("the header clock of a keep-alive request starts at its first byte, not at the last response")
    func headerClockFromFirstByte() {
        var machine = machine()
        _ = machine.start()
        _ = machine.requestReceived()
        _ = machine.writeStarted()
        _ = machine.responseWritten(keepAlive: true)
        clock.advance(by: .seconds(45))
        #expect(machine.readProgress(phase: .idle) == .nothing)
        #expect(machine.readProgress(phase: .head) == .scheduleTimeout(deadline: at(55)))
    }

    @Test("a response write that stalls for the body timeout closes without a response")
    func stalledWrite() {
        var machine = machine()
        _ = machine.start()
        _ = machine.requestReceived()
        #expect(machine.writeStarted() == .scheduleTimeout(deadline: at(30)))
        clock.advance(by: .seconds(30))
        #expect(machine.timeoutFired() == .close)
    }

    @Test("100-continue: the body deadline restarts once the interim response is written")
    func continueRestartsBodyClock() {
        var machine = machine()
        _ = machine.start()
        _ = machine.readProgress(phase: .body)
        clock.advance(by: .seconds(5))
        _ = machine.writeStarted()
        #expect(machine.continueWritten() == .scheduleTimeout(deadline: at(35)))
    }

    @Test("without keep-alive the response ends the connection, and later events do nothing")
    func closeAfterResponse() {
        var machine = machine()
        _ = machine.start()
        _ = machine.requestReceived()
        #expect(machine.responseWritten(keepAlive: false) == .close)
        #expect(machine.requestReceived() == .nothing)
        clock.advance(by: .seconds(1000))
        #expect(machine.timeoutFired() == .nothing)
    }
}
