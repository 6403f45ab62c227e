import Testing
@testable import Flaskish

struct HTTPRequestHeadTests {
    @Test(arguments: [
        (HTTPVersion.http1_1, [(String, String)](), true),
        (.http1_1, [("Connection", "close")], false),
        (.http1_1, [("Connection", "Upgrade, Close")], false),
        (.http1_0, [], false),
        (.http1_0, [("Connection", "keep-alive")], true),
        (.http1_0, [("Connection", "keep-alive, close")], false),
    ])
    func keepAliveDefaultsFollowRFC9112(_ version: HTTPVersion, _ fields: [(String, String)], _ expected: Bool) {
        let head = HTTPRequestHead(method: .GET, target: "/", version: version, headers: HTTPHeaders(fields))
        #expect(head.keepAlive == expected)
    }

    @Test func parsedKeepAliveMatchesTheDefaultsAndHTTP10ChunkedCloses() {
        let raw = "POST / HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        guard case .request(let head, _)? = outcomesCheckingEverySplit(Array(raw.utf8))?.first else {
            Issue.record("no request"); return
        }
        #expect(head.keepAlive == false)
    }

    @Test func otherTargetFormsAreKeptVerbatim() {
        let raw = "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\nGET http://example.com/a?b HTTP/1.1\r\nHost: example.com\r\n\r\n"
        let outcomes = outcomesCheckingEverySplit(Array(raw.utf8)) ?? []
        let targets: [String] = outcomes.compactMap { if case .request(let head, _) = $0 { head.target } else { nil } }
        #expect(targets == ["*", "http://example.com/a?b"])
    }
}
