import Testing
@testable import FlaskishCORS

/// `max_age` as flask-cors sends it (checked with flask-cors 6.0.2).
struct CORSMaxAgeTests {
    @Test(arguments: [(600, "600"), (1, "1"), (-5, "-5")])
    func secondsAreSentAsDigits(_ seconds: Int, _ expected: String) {
        #expect(CORSMaxAge.seconds(seconds).headerValue == expected)
    }

    @Test func zeroSecondsSendNothingLikePythonsFalsyZero() {
        #expect(CORSMaxAge.seconds(0).headerValue == nil)
        let literal: CORSMaxAge = 0
        #expect(literal.headerValue == nil)
    }

    @Test(arguments: [
        (Duration.seconds(600), "600"), (.zero, "0"), (.milliseconds(1500), "1"), (.milliseconds(-1500), "-1"),
        (.milliseconds(999), "0"), (.seconds(3600), "3600"),
    ])
    func durationsAreWholeSecondsTruncatedTowardZero(_ duration: Duration, _ expected: String) {
        #expect(CORSMaxAge.duration(duration).headerValue == expected)
    }

    @Test func textIsVerbatimUnlessEmpty() {
        #expect(CORSMaxAge.text("0").headerValue == "0")
        #expect(CORSMaxAge.text("").headerValue == nil)
        let literal: CORSMaxAge = "3600"
        #expect(literal.headerValue == "3600")
    }
}
