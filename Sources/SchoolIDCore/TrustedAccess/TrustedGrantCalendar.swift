import Foundation
import SchoolIDBase

/// Ends of trusted-person grants, computed in the child's school's time zone.
///
/// "The end of the school year" is local midnight starting the next school year (00:00
/// on 1 September by default) in the SCHOOL's zone — a school in Vladivostok ends its
/// year seven hours before one in Moscow — stored as UTC. The computation names its
/// time zone explicitly, so the process's `TZ` never changes the instant.
public enum TrustedGrantCalendar {
    /// The default end of a grant that becomes active at `start` (``InvitationPolicy/grantExpiry(startingAt:calendar:)``
    /// with the calendar policy's year boundaries in the school's zone).
    /// - Parameters:
    ///   - start: when access becomes active.
    ///   - timeZone: the school's IANA zone (an unknown one falls back to the policy's).
    ///   - policy: the invitation policy (grant duration).
    ///   - calendar: the school calendar policy (first and last day of the year).
    public static func defaultExpiry(startingAt start: UnixTime, timeZone: String, policy: InvitationPolicy,
                                     calendar: CalendarPolicy) -> UnixTime
    {
        policy.grantExpiry(startingAt: start, calendar: schoolCalendar(calendar, timeZone: timeZone))
    }

    /// The instant a guardian's chosen last day ends: local midnight after `lastDay` in
    /// the school's zone.
    public static func endOfDay(_ lastDay: CalendarDate, timeZone: String) -> UnixTime {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: School.defaultTimeZone)!
        let midnight = gregorian.date(from: DateComponents(year: lastDay.year, month: lastDay.month, day: lastDay.day))!
        let next = gregorian.date(byAdding: .day, value: 1, to: midnight)!
        return UnixTime(seconds: Int64(next.timeIntervalSince1970))
    }

    private static func schoolCalendar(_ calendar: CalendarPolicy, timeZone: String) -> CalendarPolicy {
        guard TimeZone(identifier: timeZone) != nil else { return calendar }
        return CalendarPolicy(startsOn: calendar.startsOn, endsOn: calendar.endsOn, timeZoneIdentifier: timeZone)
    }
}
