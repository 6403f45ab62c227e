import Testing
@testable import Flaskish

struct HTTPRequestParserTests {
    // MARK: Valid requests, each fed in every two-way split and byte by byte.

    struct ValidFixture: Sendable, CustomStringConvertible {
        var description: String
        var raw: String
        var expected: [ParserOutcome]
    }

    static func head(
        _ method: HTTPMethod, _ target: String, _ version: HTTPVersion = .http1_1,
        _ headers: [(String, String)], keepAlive: Bool = true
    ) -> HTTPRequestHead {
        HTTPRequestHead(method: method, target: target, version: version, headers: HTTPHeaders(headers), keepAlive: keepAlive)
    }

    static let validFixtures: [ValidFixture] = [
        ValidFixture(
            description: "GET with a query",
            raw: "GET /a%20b?x=1 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t/1\r\n\r\n",
            expected: [.request(head(.GET, "/a%20b?x=1", .http1_1, [("Host", "example.com"), ("User-Agent", "t/1")]), body: [])]
        ),
        ValidFixture(
            description: "pipelined pair",
            raw: "GET /one HTTP/1.1\r\nHost: h\r\n\r\nGET /two HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
            expected: [
                .request(head(.GET, "/one", .http1_1, [("Host", "h")]), body: []),
                .request(head(.GET, "/two", .http1_1, [("Host", "h"), ("Connection", "close")], keepAlive: false), body: []),
            ]
        ),
        ValidFixture(
            description: "POST with Content-Length, then a pipelined GET",
            raw: "POST /submit HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello worldGET / HTTP/1.1\r\nHost: h\r\n\r\n",
            expected: [
                .request(head(.POST, "/submit", .http1_1, [("Host", "h"), ("Content-Length", "11")]), body: "hello world".bytes),
                .request(head(.GET, "/", .http1_1, [("Host", "h")]), body: []),
            ]
        ),
        ValidFixture(
            description: "chunked with extensions and trailers",
            raw: "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=val\r\nhello\r\n6 ; ext=\"q\"\r\n world\r\n000;last\r\nX-Trailer: yes\r\nX-Other: 1\r\n\r\n",
            expected: [.request(head(.POST, "/c", .http1_1, [("Host", "h"), ("Transfer-Encoding", "chunked")]), body: "hello world".bytes)]
        ),
        ValidFixture(
            description: "chunked with upper-case hex and LF-only lines",
            raw: "PUT /x HTTP/1.1\nHost: h\nTransfer-Encoding: Chunked\n\nA\n0123456789\n0\n\n",
            expected: [.request(head(.PUT, "/x", .http1_1, [("Host", "h"), ("Transfer-Encoding", "Chunked")]), body: "0123456789".bytes)]
        ),
        ValidFixture(
            description: "HTTP/1.0 without Host closes by default",
            raw: "GET / HTTP/1.0\r\n\r\n",
            expected: [.request(head(.GET, "/", .http1_0, [], keepAlive: false), body: [])]
        ),
        ValidFixture(
            description: "HTTP/1.0 asking for keep-alive",
            raw: "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
            expected: [.request(head(.GET, "/", .http1_0, [("Connection", "Keep-Alive")], keepAlive: true), body: [])]
        ),
        ValidFixture(
            description: "Expect 100-continue",
            raw: "POST /u HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
            expected: [
                .continue100,
                .request(head(.POST, "/u", .http1_1, [("Host", "h"), ("Expect", "100-continue"), ("Content-Length", "3")]), body: "abc".bytes),
            ]
        ),
        ValidFixture(
            description: "Expect 100-continue without a body is not answered",
            raw: "GET / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n\r\n",
            expected: [.request(head(.GET, "/", .http1_1, [("Host", "h"), ("Expect", "100-continue")]), body: [])]
        ),
        ValidFixture(
            description: "LF-only line endings",
            raw: "GET /lf HTTP/1.1\nHost: h\nAccept: */*\n\n",
            expected: [.request(head(.GET, "/lf", .http1_1, [("Host", "h"), ("Accept", "*/*")]), body: [])]
        ),
        ValidFixture(
            description: "empty lines before the request line are skipped",
            raw: "\r\n\r\n\nGET / HTTP/1.1\r\nHost: h\r\n\r\n",
            expected: [.request(head(.GET, "/", .http1_1, [("Host", "h")]), body: [])]
        ),
        ValidFixture(
            description: "values are trimmed, names keep their case, a repeated equal Content-Length is accepted",
            raw: "POST / HTTP/1.1\r\nhost:h\r\nX-A: \t spaced value \t\r\nContent-Length: 2, 2\r\ncontent-length: 2\r\n\r\nok",
            expected: [.request(head(.POST, "/", .http1_1, [
                ("host", "h"), ("X-A", "spaced value"), ("Content-Length", "2, 2"), ("content-length", "2"),
            ]), body: "ok".bytes)]
        ),
        ValidFixture(
            description: "method tokens are case-sensitive and kept as sent",
            raw: "get /x HTTP/1.1\r\nHost: h\r\n\r\n",
            expected: [.request(head("get", "/x", .http1_1, [("Host", "h")]), body: [])]
        ),
        ValidFixture(
            description: "raw UTF-8 in the target and an empty header value",
            raw: "GET /caf\u{e9} HTTP/1.1\r\nHost: h\r\nX-Empty:\r\n\r\n",
            expected: [.request(head(.GET, "/caf\u{e9}", .http1_1, [("Host", "h"), ("X-Empty", "")]), body: [])]
        ),
        ValidFixture(
            description: "Content-Length: 0",
            raw: "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n",
            expected: [.request(head(.POST, "/", .http1_1, [("Host", "h"), ("Content-Length", "0")]), body: [])]
        ),
    ]

    @Test(arguments: validFixtures)
    func validRequestParsesIdenticallyInEverySplit(_ fixture: ValidFixture) {
        let outcomes = outcomesCheckingEverySplit(fixture.raw.bytes)
        #expect(outcomes != nil, "splits disagree")
        #expect(outcomes == fixture.expected)
    }

    @Test func pathAndQueryAreSlicesOfTheTarget() {
        let head = HTTPRequestHead(method: .GET, target: "/a%20b?x=1&y=?")
        #expect(head.path == "/a%20b")
        #expect(head.query == "x=1&y=?")
        #expect(HTTPRequestHead(method: .GET, target: "/p").query == nil)
        #expect(HTTPRequestHead(method: .GET, target: "/p?").query == "")
    }

    @Test func unconsumedBytesOfAPartialNextRequestAreLeftForTheCaller() {
        let raw = "GET / HTTP/1.1\r\nHost: h\r\n\r\nGET /next HTT".bytes
        let (outcomes, trailing) = feedParser([raw])
        #expect(outcomes.count == 1)
        #expect(trailing == "GET /next HTT".bytes)
    }

    @Test func incompleteHeadConsumesNothing() {
        var parser = HTTPRequestParser()
        let partial = "GET / HTTP/1.1\r\nHost: h\r\n".bytes
        let (consumed, result) = partial.withUnsafeBytes { parser.parse($0) }
        #expect(consumed == 0)
        guard case .needMoreData = result else { Issue.record("expected needMoreData"); return }
    }

    @Test func bodyBytesAreTakenAsTheyArrive() {
        var parser = HTTPRequestParser()
        let first = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc".bytes
        let (consumed, result) = first.withUnsafeBytes { parser.parse($0) }
        #expect(consumed == first.count)
        guard case .needMoreData = result else { Issue.record("expected needMoreData"); return }
        #expect(parser.isReadingBody)
        let rest = "defghij".bytes
        let (consumed2, result2) = rest.withUnsafeBytes { parser.parse($0) }
        #expect(consumed2 == 7)
        guard case .request(_, let body) = result2 else { Issue.record("expected request"); return }
        #expect(body == "abcdefghij".bytes)
        #expect(!parser.isReadingBody)
    }

    @Test func errorIsStickyUntilTheConnectionCloses() {
        var parser = HTTPRequestParser()
        let bad = "BAD\r\n\r\n".bytes
        let first = bad.withUnsafeBytes { parser.parse($0) }
        let again = "GET / HTTP/1.1\r\nHost: h\r\n\r\n".bytes.withUnsafeBytes { parser.parse($0) }
        guard case .error(let e1) = first.result, case .error(let e2) = again.result else {
            Issue.record("expected errors"); return
        }
        #expect(e1.status == .badRequest)
        #expect(e2 == e1)
    }

    @Test func lineFeedSearchAgreesWithAByteByByteSearch() {
        // Neighbours of LF in value (0x0B, 0x8A, 0x09) must not be taken for it.
        let fillers: [UInt8] = [0x0B, 0x8A, 0x09, 0x00, 0xFF, 0x41, 0x0D]
        for length in 0..<24 {
            for lfAt in -1..<length {
                var bytes = (0..<length).map { fillers[$0 % fillers.count] }
                if lfAt >= 0 { bytes[lfAt] = 0x0A }
                for start in 0...length {
                    let expected = bytes[start...].firstIndex(of: 0x0A)
                    let found = bytes.withUnsafeBytes { ASCII.firstIndex(of: 0x0A, in: $0, from: start) }
                    #expect(found == expected, "length \(length), LF at \(lfAt), from \(start)")
                }
            }
        }
    }
}
