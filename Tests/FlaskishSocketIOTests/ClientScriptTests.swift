import Flaskish
import FlaskishTestSupport
import Testing
@testable import FlaskishSocketIO

struct ClientScriptTests {
    @Test func clientScriptIsBundled() {
        #expect(!ClientScript.bytes.isEmpty)
        #expect(!String(decoding: ClientScript.bytes, as: UTF8.self).contains("resource missing"))
    }

    @Test func socketIOServesItsClientAtTheDefaultPath() async throws {
        let app = Flask("client-script")
        _ = SocketIO(app)
        try await withLiveServer(app) { port in
            let reply = try RawHTTPClient.get("/socket.io/socket.io.js", port: port)
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "text/javascript; charset=utf-8")
            #expect(reply.body == ClientScript.bytes)
            let etag = try #require(reply.header("ETag"))
            let again = try RawHTTPClient.get("/socket.io/socket.io.js", port: port, headers: "If-None-Match: \(etag)\r\n")
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
        }
    }

    @Test func aCustomPathMovesTheClientToo() async throws {
        let app = Flask("client-script-path")
        _ = SocketIO(app, path: "chat-io")
        try await withLiveServer(app) { port in
            let moved = try RawHTTPClient.get("/chat-io/socket.io.js", port: port)
            let old = try RawHTTPClient.get("/socket.io/socket.io.js", port: port)
            #expect(moved.body == ClientScript.bytes)
            #expect(old.status == 404)
        }
    }
}
