import Testing
@testable import Flaskish

struct HTTPHeadersTests {
    @Test func lookupIgnoresCaseAndKeepsOrder() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "Set-Cookie": "a=1"]
        headers.add(name: "set-cookie", value: "b=2")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        headers["Set-Cookie"] = "c=3"
        #expect(headers.values(for: "set-cookie") == ["c=3"])
        headers["Content-Type"] = nil
        #expect(!headers.contains("content-type"))
    }

    @Test func tokensInCommaSeparatedValues() {
        let headers: HTTPHeaders = ["Connection": "keep-alive, Upgrade"]
        #expect(headers.containsToken("upgrade", in: "connection"))
        #expect(!headers.containsToken("close", in: "Connection"))
    }

    @Test func fieldValuesWithLineBreaksAreInvalid() {
        #expect(!HTTPHeaders.isValidFieldValue("a\r\nSet-Cookie: x"))
        #expect(HTTPHeaders.isValidFieldValue("text/html; charset=utf-8"))
        #expect(!HTTPHeaders.isValidFieldName("Bad Name"))
        #expect(HTTPHeaders.isValidFieldName("X-Request-ID"))
    }
}
