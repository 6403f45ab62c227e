import Testing
@testable import Flaskish

/// Every `HTTPLimits` member, at its limit (accepted) and one past it (refused), in every split.
struct HTTPRequestParserLimitsTests {
    private func status(_ raw: String, _ limits: HTTPLimits) -> Int? {
        guard let outcomes = outcomesCheckingEverySplit(raw.bytes, limits: limits) else {
            Issue.record("splits disagree")
            return nil
        }
        switch outcomes.last {
        case .error(let status): return status
        case .request: return 200
        case .continue100, nil: return nil
        }
    }

    private func limits(_ change: (inout HTTPLimits) -> Void) -> HTTPLimits {
        var limits = HTTPLimits()
        change(&limits)
        return limits
    }

    @Test func requestLineAtTheLimitIsAcceptedAndOnePastIs414() {
        let limits = limits { $0.maxRequestLineLength = 32 }
        let line = { (n: Int) in "GET /" + String(repeating: "a", count: n - 14) + " HTTP/1.1" }
        #expect(line(32).utf8.count == 32)
        #expect(status(line(32) + "\r\nHost: h\r\n\r\n", limits) == 200)
        #expect(status(line(33) + "\r\nHost: h\r\n\r\n", limits) == 414)
        #expect(status(line(32) + "\nHost: h\n\n", limits) == 200)
    }

    @Test func overlongRequestLineFailsBeforeItsLineEnding() {
        let limits = limits { $0.maxRequestLineLength = 32 }
        let endless = ("GET /" + String(repeating: "a", count: 40)).bytes
        #expect(feedParser([endless], limits: limits).outcomes == [.error(status: 414)])
        // At the limit with a pending CR the parser still waits for the LF.
        let pendingCR = ("GET /" + String(repeating: "a", count: 18) + " HTTP/1.1\r").bytes
        #expect(pendingCR.count == 33)
        #expect(feedParser([pendingCR], limits: limits).outcomes.isEmpty)
    }

    @Test func headerBlockAtTheLimitIsAcceptedAndOnePastIs431() {
        let limits = limits { $0.maxHeaderBytes = 64 }
        // "Host: h\r\n" is 9 bytes; "X: <pad>\r\n" is 5 + pad bytes.
        let block = { (n: Int) in "Host: h\r\nX: " + String(repeating: "v", count: n - 14) + "\r\n" }
        #expect(block(64).utf8.count == 64)
        #expect(status("GET / HTTP/1.1\r\n" + block(64) + "\r\n", limits) == 200)
        #expect(status("GET / HTTP/1.1\r\n" + block(65) + "\r\n", limits) == 431)
    }

    @Test func overlongHeaderFailsBeforeItsLineEnding() {
        let limits = limits { $0.maxHeaderBytes = 64 }
        let endless = ("GET / HTTP/1.1\r\nHost: h\r\nX: " + String(repeating: "v", count: 100)).bytes
        #expect(feedParser([endless], limits: limits).outcomes == [.error(status: 431)])
    }

    @Test func headerCountAtTheLimitIsAcceptedAndOnePastIs431() {
        let limits = limits { $0.maxHeaderCount = 3 }
        #expect(status("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", limits) == 200)
        #expect(status("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits) == 431)
    }

    @Test func contentLengthAtTheLimitIsAcceptedAndOnePastIs413() {
        let limits = limits { $0.maxBodyBytes = 10 }
        #expect(status("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789", limits) == 200)
        #expect(status("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n01234567890", limits) == 413)
    }

    @Test func oversizedContentLengthFailsBeforeTheBodyIsSent() {
        let limits = limits { $0.maxBodyBytes = 10 }
        let head = "POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n".bytes
        #expect(feedParser([head], limits: limits).outcomes == [.error(status: 413)])
    }

    @Test func noBodyLimitAcceptsLargeDeclaredLengths() {
        let limits = limits { $0.maxBodyBytes = nil }
        let head = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1000000000000\r\n\r\nabc".bytes
        let (outcomes, trailing) = feedParser([head], limits: limits)
        #expect(outcomes.isEmpty)
        #expect(trailing.isEmpty)
    }

    @Test func chunkedBodyAtTheLimitIsAcceptedAndOnePastIs413() {
        let limits = limits { $0.maxBodyBytes = 10 }
        let prefix = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(status(prefix + "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n", limits) == 200)
        #expect(status(prefix + "5\r\n01234\r\n6\r\n567890\r\n0\r\n\r\n", limits) == 413)
        // The size line alone is enough to refuse: the data need not arrive.
        #expect(feedParser([(prefix + "B\r\n").bytes], limits: limits).outcomes == [.error(status: 413)])
    }

    @Test func leadingEmptyLinesAtTheLimitAreSkippedAndOneMoreIs400() {
        let limits = limits { $0.maxLeadingEmptyLines = 2 }
        #expect(status("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", limits) == 200)
        #expect(status("\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", limits) == 400)
    }

    @Test func chunkLineAtTheLimitIsAcceptedAndOnePastIs400() {
        let limits = limits { $0.maxChunkLineLength = 16 }
        let prefix = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        let sizeLine = { (n: Int) in "3;" + String(repeating: "e", count: n - 2) }
        #expect(status(prefix + sizeLine(16) + "\r\nabc\r\n0\r\n\r\n", limits) == 200)
        #expect(status(prefix + sizeLine(17) + "\r\nabc\r\n0\r\n\r\n", limits) == 400)
    }

    @Test func trailerSectionIsBoundedByTheHeaderLimits() {
        let prefix = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        let count = limits { $0.maxHeaderCount = 2 }
        #expect(status(prefix + "A: 1\r\nB: 2\r\n\r\n", count) == 200)
        #expect(status(prefix + "A: 1\r\nB: 2\r\nC: 3\r\n\r\n", count) == 431)
        // The head's own fields take 37 of these 40 bytes; trailers are counted separately,
        // with their line endings.
        let bytes = limits { $0.maxHeaderBytes = 40 }
        let trailer = { (n: Int) in "X: " + String(repeating: "t", count: n - 5) + "\r\n" }
        #expect(status(prefix + trailer(40) + "\r\n", bytes) == 200)
        #expect(status(prefix + trailer(41) + "\r\n", bytes) == 431)
    }
}
