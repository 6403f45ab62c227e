import Testing
@testable import Flaskish

// Expected strings were produced with Werkzeug 3.1's dump_cookie / parse_cookie.
struct CookiesTests {
    @Test func parsesPairsInOrderLikeWerkzeug() {
        let pairs = Cookies.parse(#"a=1; b="x\"y"; c; =d; e = f g ; h="foo\054bar"; a=2; i="unterminated; j=k=l"#)
        #expect(pairs.map(\.0) == ["a", "b", "c", "e", "h", "a", "i", "j"])
        #expect(pairs.map(\.1) == ["1", "x\"y", "", "f g", "foo,bar", "2", "\"unterminated", "k=l"])
    }

    @Test func quotedValuesMayHoldSemicolonsAndOctalUTF8() {
        let pairs = Cookies.parse(#"q="a;b"; r="x"y; s="\303\251""#)
        #expect(pairs.map(\.0) == ["q", "r", "s"])
        #expect(pairs.map(\.1) == ["a;b", "\"x\"y", "\u{e9}"])
    }

    @Test func emptyHeaderHasNoCookies() {
        #expect(Cookies.parse("").isEmpty)
        #expect(Cookies.parse(" ; ;").isEmpty)
    }

    @Test func setCookieWithEveryAttributeInWerkzeugsOrder() throws {
        let value = try Cookies.setCookieValue(
            name: "session", value: "abc", maxAge: 0, expires: 0, path: "/", domain: ".Example.com:5000",
            secure: false, httpOnly: true, sameSite: "lax", partitioned: true
        )
        #expect(value == "session=abc; Domain=Example.com; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; HttpOnly; Path=/; SameSite=Lax; Partitioned")
    }

    @Test func maxAgeAlsoSetsExpiresFromNow() throws {
        let value = try Cookies.setCookieValue(name: "a", value: "b", maxAge: 60, now: 1_795_622_400)
        #expect(value == "a=b; Expires=Wed, 25 Nov 2026 16:01:00 GMT; Max-Age=60; Path=/")
        #expect(try Cookies.setCookieValue(name: "foo", value: "bar baz blub", maxAge: 360, httpOnly: true)
            == #"foo="bar baz blub"; Max-Age=360; HttpOnly; Path=/"#)
    }

    @Test func valuesWithSpecialCharactersAreQuotedAndEscaped() throws {
        #expect(try Cookies.setCookieValue(name: "k", value: "a\"b\\c,d;e\u{1}\u{e9}\u{7f}")
            == #"k="a\"b\\c\054d\073e\001\303\251\177"; Path=/"#)
        #expect(try Cookies.setCookieValue(name: "k", value: "?foo") == "k=?foo; Path=/")
        #expect(try Cookies.setCookieValue(name: "key", value: "xxx/") == "key=xxx/; Path=/")
        #expect(try Cookies.setCookieValue(name: "k", value: "", path: nil) == "k=")
    }

    @Test func pathIsPercentEncoded() throws {
        #expect(try Cookies.setCookieValue(name: "k", value: "v", path: "/a b/\u{fc};x%20") == "k=v; Path=/a%20b/%C3%BC%3Bx%20")
    }

    @Test func sameSiteIsTitleCasedOrRefused() throws {
        #expect(try Cookies.setCookieValue(name: "k", value: "v", sameSite: "STRICT") == "k=v; Path=/; SameSite=Strict")
        #expect(try Cookies.setCookieValue(name: "k", value: "v", secure: true, sameSite: "none") == "k=v; Secure; Path=/; SameSite=None")
        #expect(throws: CookieError.invalidSameSite("sometimes")) {
            try Cookies.setCookieValue(name: "k", value: "v", sameSite: "sometimes")
        }
    }

    @Test func dumpedValuesParseBack() throws {
        for value in ["plain", "with space", "q\"uote", "semi;colon", "comma,", "\u{e9}t\u{e9}", "back\\slash"] {
            let header = try Cookies.setCookieValue(name: "k", value: value, path: nil)
            #expect(Cookies.parse(header).first?.1 == value)
        }
    }
}
