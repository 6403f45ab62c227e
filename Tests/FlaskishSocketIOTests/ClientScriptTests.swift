import Flaskish
import FlaskishTestSupport
import Testing
@testable import FlaskishSocketIO

struct ClientScriptTests {
    @Test func clientScriptIsBundled() {
        #expect(!ClientScript.bytes.isEmpty)
        #expect(!String(decoding: ClientScript.bytes, as: UTF8.self).contains("resource missing"))
    }

    @Test(arguments: [("socket.io", "/socket.io/socket.io.js"), ("/realtime/", "/realtime/socket.io.js")])
    func socketIOServesTheClientUnderItsPath(path: String, scriptPath: String) async throws {
        let app = Flask()
        _ = SocketIO(app, path: path)
        try await withLiveServer(app) { port in
            let script = try RawHTTPClient.get(scriptPath, port: port)
            #expect(script.status == 200)
            #expect(script.header("Content-Type") == "application/javascript; charset=utf-8")
            #expect(script.body == ClientScript.bytes)
            let elsewhere = try RawHTTPClient.get("/socket.io.js", port: port)
            #expect(elsewhere.status == 404)
        }
    }

    @Test func aBrowserRevalidatesTheScriptWithItsETag() async throws {
        let app = Flask()
        _ = SocketIO(app)
        try await withLiveServer(app) { port in
            let first = try RawHTTPClient.get("/socket.io/socket.io.js", port: port)
            let etag = try #require(first.header("ETag"))
            let again = try RawHTTPClient.get("/socket.io/socket.io.js", port: port, headers: "If-None-Match: \(etag)\r\n")
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
        }
    }

    @Test func otherMethodsOnTheScriptPathGoOnToTheApp() async throws {
        let app = Flask()
        _ = SocketIO(app)
        app.post("/socket.io/socket.io.js") { _ in "posted" }
        try await withLiveServer(app) { port in
            let client = try RawHTTPClient(port: port)
            client.send("POST /socket.io/socket.io.js HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
            let reply = try client.readResponse()
            #expect(reply.text == "posted")
        }
    }
}
