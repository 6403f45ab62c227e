import FlaskishTestSupport
import Testing
@testable import Flaskish

/// The routing behaviours of `RoutingBehaviourTests`, over a real socket: status lines,
/// `Allow`, `Location`, bodies and HEAD framing as a client receives them.
struct RoutingBehaviourLiveTests {
    @Test func pagesAndHeadersOverTheWire() async throws {
        try await withLiveServer(RoutingBehaviourTests.app()) { port in
            let missing = try RawHTTPClient.get("/nope", port: port)
            #expect(missing.status == 404)
            #expect(missing.reason == "NOT FOUND")
            #expect(missing.text == RoutingBehaviourTests.notFoundPage)
            #expect(missing.header("Content-Length") == "207")

            let wrongMethod = try RawHTTPClient.get("/post", port: port)
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.header("Allow") == "OPTIONS, POST")
            #expect(wrongMethod.text == RoutingBehaviourTests.methodNotAllowedPage)

            let slash = try RawHTTPClient.get("/dir?x=1", port: port)
            #expect(slash.status == 308)
            #expect(slash.header("Location") == "http://127.0.0.1:\(port)/dir/?x=1")

            let user = try RawHTTPClient.get("/user/7", port: port)
            #expect(user.text == "int 7")
        }
    }

    @Test func headHasTheLengthButNoBodyAndOptionsListsMethods() async throws {
        try await withLiveServer(RoutingBehaviourTests.app()) { port in
            let client = try RawHTTPClient(port: port)
            client.send("HEAD /dir/ HTTP/1.1\r\nHost: x\r\n\r\nOPTIONS /post HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "3")
            let options = try client.readResponse()
            #expect(options.status == 200)
            #expect(options.header("Allow") == "OPTIONS, POST")
            #expect(options.body.isEmpty)
        }
    }
}
