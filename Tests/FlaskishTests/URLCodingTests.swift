import Testing
@testable import Flaskish

// Expected values come from Python: urllib.parse.quote / quote_plus with Werkzeug's safe sets,
// and parse_qsl(..., keep_blank_values=True, errors="werkzeug.url_quote").
struct URLCodingTests {
    @Test func queryKeepsBlankValuesAndOrder() {
        let pairs = URLCoding.parseQuery("a=1&b=&c&a=2&&d=%ff%41&e=x+y%2B&%C3%A9=%E2%82%AC&f=%zz%4&g=%C3")
        let expected: [(String, String)] = [
            ("a", "1"), ("b", ""), ("c", ""), ("a", "2"), ("d", "%FFA"), ("e", "x y+"),
            ("\u{e9}", "\u{20ac}"), ("f", "%zz%4"), ("g", "%C3"),
        ]
        #expect(pairs.map(\.0) == expected.map(\.0))
        #expect(pairs.map(\.1) == expected.map(\.1))
    }

    @Test func emptyQueryHasNoPairs() {
        #expect(URLCoding.parseQuery("").isEmpty)
        #expect(URLCoding.parseQuery("&&").isEmpty)
        #expect(URLCoding.parseQuery("=").map(\.0) == [""])
    }

    @Test func pathDecodingReplacesInvalidUTF8AndKeepsPlus() {
        #expect(URLCoding.percentDecode("/caf%C3%A9%FF%E2%82") == "/caf\u{e9}\u{FFFD}\u{FFFD}")
        #expect(URLCoding.percentDecode("/a+b%20c") == "/a+b c")
        #expect(URLCoding.percentDecode("/a+b", plusAsSpace: true) == "/a b")
        #expect(URLCoding.percentDecode("100%") == "100%")
        #expect(URLCoding.percentDecode("%4") == "%4")
        #expect(URLCoding.percentDecode("%%41") == "%A")
        #expect(URLCoding.percentDecodedBytes("%00%ff") == [0, 255])
    }

    @Test func pathSegmentsKeepWerkzeugsSafeCharacters() {
        #expect(URLCoding.encodePathSegment("/a b/\u{fc}?x#%") == "/a%20b/%C3%BC%3Fx%23%25")
        #expect(URLCoding.encodePathSegment("!$&'()*+,/:;=@-._~") == "!$&'()*+,/:;=@-._~")
        #expect(URLCoding.encodePathSegment("plain") == "plain")
    }

    @Test func queryEncodingUsesPlusForSpaces() {
        #expect(URLCoding.encodeQuery([("a b&c=d/\u{e9}", "x y"), ("q", "1+1?")]) == "a+b%26c%3Dd/%C3%A9=x+y&q=1%2B1?")
        #expect(URLCoding.percentEncode("a b/c", safe: .quoteDefault) == "a%20b/c")
        #expect(URLCoding.percentEncode("a/b", safe: .unreserved) == "a%2Fb")
    }

    @Test func encodingThenDecodingIsIdentity() {
        let samples = ["", "simple", "sp ace", "\u{1F600} emoji", "a&b=c+d%e", "\u{0}ctl\u{7f}"]
        for s in samples {
            #expect(URLCoding.percentDecode(URLCoding.percentEncode(s, safe: .unreserved)) == s)
            #expect(URLCoding.percentDecode(URLCoding.percentEncode(s, safe: .query, spaceAsPlus: true), plusAsSpace: true) == s)
        }
    }
}
