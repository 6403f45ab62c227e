import Testing
@testable import FlaskishCORS

struct HeaderNamesTests {
    @Test func namesAreSpelledAsFlaskCORSSendsThem() {
        #expect(HeaderNames.allowOrigin == "Access-Control-Allow-Origin")
        #expect(HeaderNames.vary == "Vary")
    }
}
