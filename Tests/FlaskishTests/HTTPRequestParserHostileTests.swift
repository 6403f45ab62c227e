import Testing
@testable import Flaskish

/// Malformed and oversized requests: each must end in one error with the right status, in
/// every split of its bytes.
struct HTTPRequestParserHostileTests {
    struct HostileFixture: Sendable, CustomStringConvertible {
        var description: String
        var raw: String
        var status: Int
    }

    static let host = "Host: h\r\n"

    static let fixtures: [HostileFixture] = [
        // Framing conflicts (request smuggling).
        .init(description: "Content-Length with Transfer-Encoding", raw: "POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", status: 400),
        .init(description: "differing Content-Length fields", raw: "POST / HTTP/1.1\r\n\(host)Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", status: 400),
        .init(description: "differing Content-Length list", raw: "POST / HTTP/1.1\r\n\(host)Content-Length: 5, 6\r\n\r\nhello!", status: 400),
        .init(description: "empty Content-Length list element", raw: "POST / HTTP/1.1\r\n\(host)Content-Length: 5,\r\n\r\nhello", status: 400),
        .init(description: "non-digit Content-Length", raw: "POST / HTTP/1.1\r\n\(host)Content-Length: 1a\r\n\r\n", status: 400),
        .init(description: "negative Content-Length", raw: "POST / HTTP/1.1\r\n\(host)Content-Length: -1\r\n\r\n", status: 400),
        .init(description: "signed Content-Length", raw: "POST / HTTP/1.1\r\n\(host)Content-Length: +1\r\n\r\nx", status: 400),
        .init(description: "empty Content-Length", raw: "POST / HTTP/1.1\r\n\(host)Content-Length:\r\n\r\n", status: 400),
        .init(description: "overflowing Content-Length", raw: "POST / HTTP/1.1\r\n\(host)Content-Length: 99999999999999999999999\r\n\r\n", status: 400),
        // Chunked bodies.
        .init(description: "bad chunk size", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\nzz\r\n", status: 400),
        .init(description: "missing chunk size", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n;ext\r\n", status: 400),
        .init(description: "overflowing chunk size", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n", status: 400),
        .init(description: "chunk data longer than its size", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n", status: 400),
        .init(description: "bare CR after chunk size", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n3\rabc\r\n0\r\n\r\n", status: 400),
        .init(description: "control character in chunk extension", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n3;a\u{0}\r\nabc\r\n0\r\n\r\n", status: 400),
        .init(description: "folded trailer", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0\r\nA: b\r\n c\r\n\r\n", status: 400),
        .init(description: "invalid trailer name", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked\r\n\r\n0\r\nA b: c\r\n\r\n", status: 400),
        .init(description: "chunked twice", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", status: 400),
        .init(description: "empty Transfer-Encoding", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: ,\r\n\r\n", status: 400),
        // Unsupported codings.
        .init(description: "gzip transfer coding", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip\r\n\r\n", status: 501),
        .init(description: "chunked not last", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: chunked, gzip\r\n\r\n", status: 501),
        .init(description: "gzip then chunked", raw: "POST / HTTP/1.1\r\n\(host)Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", status: 501),
        // Field syntax.
        .init(description: "space in header name", raw: "GET / HTTP/1.1\r\n\(host)Bad Name: x\r\n\r\n", status: 400),
        .init(description: "space before colon", raw: "GET / HTTP/1.1\r\n\(host)Name : x\r\n\r\n", status: 400),
        .init(description: "control character in header name", raw: "GET / HTTP/1.1\r\n\(host)Na\u{1}me: x\r\n\r\n", status: 400),
        .init(description: "header line without colon", raw: "GET / HTTP/1.1\r\n\(host)NoColon\r\n\r\n", status: 400),
        .init(description: "empty header name", raw: "GET / HTTP/1.1\r\n\(host): x\r\n\r\n", status: 400),
        .init(description: "obs-fold with a space", raw: "GET / HTTP/1.1\r\n\(host)X-A: 1\r\n 2\r\n\r\n", status: 400),
        .init(description: "obs-fold with a tab", raw: "GET / HTTP/1.1\r\n\(host)X-A: 1\r\n\t2\r\n\r\n", status: 400),
        .init(description: "first field folded", raw: "GET / HTTP/1.1\r\n Host: h\r\n\r\n", status: 400),
        .init(description: "NUL in value", raw: "GET / HTTP/1.1\r\n\(host)X-A: a\u{0}b\r\n\r\n", status: 400),
        .init(description: "bare CR in value", raw: "GET / HTTP/1.1\r\n\(host)X-A: a\rb\r\n\r\n", status: 400),
        .init(description: "bare CR as a line ending", raw: "GET / HTTP/1.1\rHost: h\r\n\r\n", status: 400),
        // Request line.
        .init(description: "garbage", raw: "HELLO\r\n\r\n", status: 400),
        .init(description: "invalid method characters", raw: "G(T / HTTP/1.1\r\n\(host)\r\n", status: 400),
        .init(description: "double space", raw: "GET  / HTTP/1.1\r\n\(host)\r\n", status: 400),
        .init(description: "trailing space", raw: "GET / HTTP/1.1 \r\n\(host)\r\n", status: 400),
        .init(description: "HTTP/0.9 style", raw: "GET /\r\n\r\n", status: 400),
        .init(description: "lower-case protocol", raw: "GET / http/1.1\r\n\(host)\r\n", status: 400),
        .init(description: "two-digit version", raw: "GET / HTTP/1.10\r\n\(host)\r\n", status: 400),
        .init(description: "control character in target", raw: "GET /a\u{7f}b HTTP/1.1\r\n\(host)\r\n", status: 400),
        .init(description: "HTTP/2.0", raw: "GET / HTTP/2.0\r\n\(host)\r\n", status: 505),
        .init(description: "HTTP/2 preface", raw: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", status: 400),
        .init(description: "HTTP/1.2", raw: "GET / HTTP/1.2\r\n\(host)\r\n", status: 505),
        .init(description: "HTTP/0.9 version", raw: "GET / HTTP/0.9\r\n\(host)\r\n", status: 505),
        // Host.
        .init(description: "HTTP/1.1 without Host", raw: "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", status: 400),
        .init(description: "two Host fields", raw: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", status: 400),
        // Leading empty lines.
        .init(description: "too many empty lines first", raw: "\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n\(host)\r\n", status: 400),
    ]

    @Test(arguments: fixtures)
    func hostileRequestFailsWithItsStatusInEverySplit(_ fixture: HostileFixture) {
        let outcomes = outcomesCheckingEverySplit(fixture.raw.bytes)
        #expect(outcomes != nil, "splits disagree")
        #expect(outcomes == [.error(status: fixture.status)])
    }

    @Test func errorComesAfterTheRequestsBeforeIt() {
        let raw = "GET /ok HTTP/1.1\r\n\(Self.host)\r\nGET / HTTP/9.9\r\n\r\n"
        let outcomes = outcomesCheckingEverySplit(raw.bytes)
        #expect(outcomes?.count == 2)
        #expect(outcomes?.last == .error(status: 505))
    }

    @Test func parseErrorCarriesAReason() {
        var parser = HTTPRequestParser()
        let raw = "POST / HTTP/1.1\r\n\(Self.host)Transfer-Encoding: gzip\r\n\r\n".bytes
        guard case .error(let error) = raw.withUnsafeBytes({ parser.parse($0) }).result else {
            Issue.record("expected an error"); return
        }
        #expect(error.status == .notImplemented)
        #expect(error.reason == "Transfer-Encoding gzip is not supported")
    }
}
