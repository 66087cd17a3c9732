import Foundation
import SchoolIDBase
import SchoolIDCore
import SchoolIDTesting
import Testing

/// The end of a grant is computed in the school's time zone whatever the process's `TZ`
/// (serialized: the test changes the process environment).
@Suite(.serialized) struct TrustedGrantCalendarTests {
    /// Runs `body` with the process time zone set to `zone`, then restores it.
    static func withProcessTimeZone<T>(_ zone: String, _ body: () throws -> T) rethrows -> T {
        // Under the launch lock: a child launching meanwhile would copy `environ` while
        // `setenv` rewrites it.
        try ProcessLaunch.exclusive {
            let previous = getenv("TZ").map { String(cString: $0) }
            setenv("TZ", zone, 1)
            tzset()
            defer {
                if let previous { setenv("TZ", previous, 1) } else { unsetenv("TZ") }
                tzset()
            }
            return try body()
        }
    }

    @Test("a Vladivostok school's year ends at 2027-08-31T14:00:00Z under TZ=Asia/Vladivostok and TZ=Europe/Moscow",
          arguments: ["Asia/Vladivostok", "Europe/Moscow"])
    func sameInstantUnderEitherProcessZone(processZone: String) throws {
        let policies = try PolicySet.load(directory: Fixtures.url("policies"))
        let start = UnixTime(seconds: 1_790_000_000)  // 2026-09-21T14:13:20Z
        let expiry = Self.withProcessTimeZone(processZone) {
            TrustedGrantCalendar.defaultExpiry(startingAt: start, timeZone: "Asia/Vladivostok",
                                               policy: policies.invitations, calendar: policies.calendar)
        }
        #expect(expiry == UnixTime(seconds: 1_819_720_800))  // 2027-09-01T00:00:00+10:00
    }

    @Test("a grant starting on 31 August at 23:30 Vladivostok time ends half an hour later, at local midnight")
    func endsAtLocalMidnight() throws {
        let policies = try PolicySet.load(directory: Fixtures.url("policies"))
        let start = UnixTime(seconds: 1_788_184_800 - 1_800)  // 2026-08-31T23:30+10:00
        let expiry = TrustedGrantCalendar.defaultExpiry(startingAt: start, timeZone: "Asia/Vladivostok",
                                                        policy: policies.invitations, calendar: policies.calendar)
        #expect(expiry == UnixTime(seconds: 1_788_184_800))
    }

    @Test("a guardian's last day ends at local midnight after it in the school's zone")
    func lastDay() throws {
        let day = try CalendarDate(year: 2027, month: 5, day: 31)
        #expect(TrustedGrantCalendar.endOfDay(day, timeZone: "Asia/Vladivostok") == UnixTime(seconds: 1_811_772_000))
    }
}
