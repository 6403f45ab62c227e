import Testing
@testable import Flaskish

struct HTTPDateTests {
    // Expected strings are Python's email.utils.formatdate(s, usegmt=True), which Werkzeug's
    // http_date wraps.
    @Test(arguments: [
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (4_102_444_800, "Fri, 01 Jan 2100 00:00:00 GMT"),
        (1_795_622_400, "Wed, 25 Nov 2026 16:00:00 GMT"),
    ])
    func formatsIMFFixdate(_ seconds: Int, _ text: String) {
        #expect(HTTPDate.format(seconds) == text)
        #expect(HTTPDate.parse(text) == seconds)
    }

    @Test func parsesTheThreeFormsOfRFC9110() {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == 784_111_777)
        #expect(HTTPDate.parse("Wed Nov 25 16:00:00 2026") == 1_795_622_400)
        #expect(HTTPDate.parse("  Sun, 06 Nov 1994 08:49:37 GMT ") == 784_111_777)
    }

    @Test func twoDigitYearsFollowPythonsPivot() {
        #expect(HTTPDate.parse("Thursday, 01-Jan-70 00:00:00 GMT") == 0)
        #expect(HTTPDate.parse("Wednesday, 25-Nov-26 16:00:00 GMT") == 1_795_622_400)
        #expect(HTTPDate.parse("Monday, 01-Jan-68 00:00:00 GMT") == HTTPDate.parse("Mon, 01 Jan 2068 00:00:00 GMT"))
        #expect(HTTPDate.parse("Wednesday, 01-Jan-69 00:00:00 GMT") == HTTPDate.parse("Wed, 01 Jan 1969 00:00:00 GMT"))
    }

    @Test(arguments: [
        "", "garbage", "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Xyz 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
        "Abc, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-1994 08:49:37 GMT", "Sun Nov 06 08:49:37 94",
        "Sun, 06 Nov 1994 08:49:37 GMT extra",
    ])
    func rejectsMalformedDates(_ text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test func roundTripsAcrossCenturiesAndLeapDays() {
        var seconds = -2_208_988_800  // 1900-01-01
        while seconds < 7_258_118_400 {  // 2200-01-01
            #expect(HTTPDate.parse(HTTPDate.format(seconds)) == seconds)
            seconds += 86_400 * 97 + 3_661
        }
    }

    @Test func formatsWerkzeugsAccessLogTimestamp() {
        #expect(HTTPDate.formatLogTimestamp(1_795_622_400) == "25/Nov/2026 16:00:00")
        #expect(HTTPDate.formatLogTimestamp(784_111_777) == "06/Nov/1994 08:49:37")
    }
}
