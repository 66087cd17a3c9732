import Foundation
import SchoolIDBase
import SchoolIDCore
import Testing

@Suite struct CalendarPolicyTests {
    let calendar = TestPolicies.set.calendar

    /// Seconds since the epoch of a Moscow (UTC+3) wall time.
    static func moscow(_ text: String) -> UnixTime {
        let formatter = ISO8601DateFormatter()
        return UnixTime(seconds: Int64(formatter.date(from: text + "+03:00")!.timeIntervalSince1970))
    }

    @Test("finds the school year containing an instant, in Moscow time", arguments: [
        ("2025-09-01T00:00:00", 2025), ("2025-08-31T23:59:59", 2024), ("2026-01-15T12:00:00", 2025),
        ("2026-08-31T23:59:59", 2025), ("2026-09-01T00:00:00", 2026),
    ])
    func containing(_ wallTime: String, _ startYear: Int) {
        #expect(calendar.schoolYear(containing: Self.moscow(wallTime)).startYear == startYear)
    }

    @Test("a school year runs from local midnight of 1 September to local midnight after 31 August") func bounds() {
        let year = calendar.schoolYear(startingIn: 2025)
        #expect(year.start == Self.moscow("2025-09-01T00:00:00"))
        #expect(year.end == Self.moscow("2026-09-01T00:00:00"))
        #expect(year.description == "2025/26")
    }

    @Test("a grant made during the year expires at its end; a grant by days after that many days") func grantExpiry() {
        let invitations = TestPolicies.set.invitations
        let start = Self.moscow("2026-03-10T15:00:00")
        #expect(invitations.grantExpiry(startingAt: start, calendar: calendar) == Self.moscow("2026-09-01T00:00:00"))
        #expect(calendar.endOfSchoolYear(after: Self.moscow("2026-08-31T23:59:59")) == Self.moscow("2026-09-01T00:00:00"))
    }

    @Test("with a summer gap, the end of the school year after the gap is next year's") func summerGap() throws {
        let json = #"{"version": 1, "school_year": {"starts": "09-01", "ends": "06-30"}, "time_zone": "Europe/Moscow"}"#
        let directory = try PolicyFixtureDirectory(replacing: "calendar.json", with: json)
        defer { directory.remove() }
        let gapped = try PolicySet.load(directory: directory.url).calendar
        #expect(gapped.schoolYear(startingIn: 2025).end == Self.moscow("2026-07-01T00:00:00"))
        #expect(gapped.endOfSchoolYear(after: Self.moscow("2026-07-15T00:00:00")) == Self.moscow("2027-07-01T00:00:00"))
    }
}
