import Foundation
import Testing
@testable import Flaskish

struct JSONEncodingDatesTests {
    /// Right: `email.utils.format_datetime(dt, usegmt=True)`, which Werkzeug's `http_date` uses.
    @Test(arguments: [
        (0.0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (1795881600.0, "Sat, 28 Nov 2026 16:00:00 GMT"),
        (-1.0, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (951782400.0, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (4102444799.0, "Thu, 31 Dec 2099 23:59:59 GMT"),
        (-62135596800.0, "Mon, 01 Jan 0001 00:00:00 GMT"),
        (253402300799.0, "Fri, 31 Dec 9999 23:59:59 GMT"),
        (1000000000.999, "Sun, 09 Sep 2001 01:46:40 GMT"),
    ])
    func httpDatesMatchWerkzeug(seconds: Double, python: String) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(JSONEncodingDates.httpDate(date) == python)
        #expect(JSONEncodingDates.date(from: python) == Date(timeIntervalSince1970: seconds.rounded(.down)))
    }

    @Test func datesOutsidePythonsRangeHaveNoHTTPDate() {
        #expect(JSONEncodingDates.httpDate(Date(timeIntervalSince1970: 253402300800)) == nil)
        #expect(JSONEncodingDates.httpDate(Date(timeIntervalSince1970: -62135596801)) == nil)
        #expect(JSONEncodingDates.httpDate(Date(timeIntervalSince1970: .infinity)) == nil)
    }

    @Test(arguments: [
        ("2026-11-25T16:00:00Z", 1795622400.0),
        ("2026-11-25T16:00:00.250Z", 1795622400.25),
        ("2026-11-25t16:00z", 1795622400.0),
        ("2026-11-25 17:00:00+01:00", 1795622400.0),
        ("2026-11-25T15:30:00-00:30", 1795622400.0),
        ("2026-11-25T16:00:00", 1795622400.0),
    ])
    func readsISO8601(text: String, seconds: Double) {
        #expect(JSONEncodingDates.date(from: text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: [
        "", "yesterday", "Wed, 25 Nov 2026 16:00:00 UTC", "Wed, 25 Foo 2026 16:00:00 GMT",
        "2026-13-01T00:00:00Z", "2026-11-25T25:00:00Z", "2026-11-25T16:00:00.Z", "2026-11-25T16:00:00Zjunk",
    ])
    func rejectsOtherTexts(text: String) {
        #expect(JSONEncodingDates.date(from: text) == nil)
    }
}
