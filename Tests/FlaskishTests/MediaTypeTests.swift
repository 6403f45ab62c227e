import Testing
@testable import Flaskish

// Expected values follow Werkzeug 3.1's parse_options_header (type lower-cased as
// request.mimetype does).
struct MediaTypeTests {
    @Test func splitsTypeAndParameters() {
        let (type, params) = parseMediaType(#"text/html; charset="utf-8"; Q=1; bad; x="a\"b""#)
        #expect(type == "text/html")
        #expect(params == ["charset": "utf-8", "q": "1", "x": "a\"b"])
    }

    @Test func typeIsTrimmedAndLowerCased() {
        #expect(parseMediaType("  TEXT/Plain  ").type == "text/plain")
        #expect(parseMediaType("").type == "")
        #expect(parseMediaType("application/json").params.isEmpty)
    }

    @Test func extendedAndPercentQuotedFilenames() {
        #expect(parseMediaType(#"form-data; name="f"; filename*=UTF-8''%E2%82%AC.txt"#).params["filename"] == "\u{20ac}.txt")
        #expect(parseMediaType(#"form-data; name="f"; filename*=UTF-8''%E2%82%AC.txt; filename="a%22b.txt""#).params
            == ["name": "f", "filename": "a\"b.txt"])
        #expect(parseMediaType("attachment; filename*=iso-8859-1''%E9t%E9").params["filename"] == "\u{e9}t\u{e9}")
    }

    @Test func malformedParametersAreSkipped() {
        #expect(parseMediaType(#"a/b; =x; k="unterminated; ok=1"#).params == ["ok": "1"])
        #expect(parseMediaType(#"a/b; k="v"junk; z=2"#).params == ["k": "v", "z": "2"])
        #expect(parseMediaType("a/b; k = v; z=2").params == ["z": "2"])
    }
}
