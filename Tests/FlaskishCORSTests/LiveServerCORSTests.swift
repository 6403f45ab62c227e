import FlaskishTestSupport
import Flaskish
import Testing
@testable import FlaskishCORS

/// CORS on a real server over loopback: the headers reach the wire, on every kind of answer,
/// with keep-alive connections carrying preflight and actual request one after the other.
struct LiveServerCORSTests {
    struct Boom: Error {}

    static func makeApp() throws -> Flask {
        let app = Flask("cors-live")
        app.config["ACCESS_LOG"] = false
        app.route("/api/items", methods: ["GET", "POST"]) { _ in "items" }
        app.route("/boom") { _ -> String in throw Boom() }
        try app.route("/decorated", crossOrigin: CORSOptions(origins: "http://only.example", maxAge: 10)) { _ in "decorated" }
        try CORS(app, origins: ["http://a.example", #"https://.*\.example\.com"#], exposeHeaders: ["X-Total"],
                 supportsCredentials: true, maxAge: 600)
        return app
    }

    func cors(_ reply: RawHTTPClient.Reply) -> [String] {
        reply.headers.filter { $0.0.hasPrefix("Access-Control-") || $0.0 == "Vary" }.map { "\($0.0): \($0.1)" }
    }

    @Test func preflightThenActualRequestOnOneConnection() async throws {
        try await withLiveServer(try Self.makeApp()) { port in
            let client = try RawHTTPClient(port: port)
            client.send("OPTIONS /api/items HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type, X-Token\r\n\r\n")
            let preflight = try client.readResponse()
            #expect(preflight.status == 200)
            #expect(cors(preflight) == [
                "Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Expose-Headers: X-Total",
                "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Headers: X-Token, content-type",
                "Access-Control-Max-Age: 600", "Access-Control-Allow-Methods: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
                "Vary: Origin",
            ])
            client.send("POST /api/items HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\r\nContent-Length: 0\r\n\r\n")
            let actual = try client.readResponse()
            #expect(actual.text == "items")
            #expect(cors(actual) == [
                "Access-Control-Allow-Origin: https://app.example.com", "Access-Control-Expose-Headers: X-Total",
                "Access-Control-Allow-Credentials: true", "Vary: Origin",
            ])
        }
    }

    @Test(arguments: [("/missing", 404), ("/boom", 500), ("/api/items", 200)])
    func everyStatusCarriesTheHeaders(_ path: String, _ status: Int) async throws {
        try await withLiveServer(try Self.makeApp()) { port in
            let reply = try RawHTTPClient.get(path, port: port, headers: "Origin: http://A.example\r\n")
            #expect(reply.status == status)
            #expect(reply.header("Access-Control-Allow-Origin") == "http://A.example")
            #expect(reply.header("Vary") == "Origin")
        }
    }

    @Test func methodNotAllowedCarriesTheHeaders() async throws {
        try await withLiveServer(try Self.makeApp()) { port in
            let client = try RawHTTPClient(port: port)
            client.send("DELETE /api/items HTTP/1.1\r\nHost: x\r\nOrigin: http://a.example\r\n\r\n")
            let reply = try client.readResponse()
            #expect(reply.status == 405)
            #expect(reply.header("Access-Control-Allow-Origin") == "http://a.example")
        }
    }

    @Test func disallowedOriginGetsNoCORSFields() async throws {
        try await withLiveServer(try Self.makeApp()) { port in
            let reply = try RawHTTPClient.get("/api/items", port: port, headers: "Origin: https://example.com.evil\r\n")
            #expect(reply.status == 200)
            #expect(cors(reply).isEmpty)
        }
    }

    @Test func noOriginGetsTheFirstLiteralOrigin() async throws {
        try await withLiveServer(try Self.makeApp()) { port in
            let reply = try RawHTTPClient.get("/api/items", port: port)
            #expect(reply.header("Access-Control-Allow-Origin") == "http://a.example")
        }
    }

    @Test func decoratedRouteUsesItsOwnOptions() async throws {
        try await withLiveServer(try Self.makeApp()) { port in
            let client = try RawHTTPClient(port: port)
            client.send("OPTIONS /decorated HTTP/1.1\r\nHost: x\r\nOrigin: http://only.example\r\nAccess-Control-Request-Method: GET\r\n\r\n")
            let preflight = try client.readResponse()
            #expect(preflight.status == 200)
            #expect(cors(preflight) == [
                "Access-Control-Allow-Origin: http://only.example", "Access-Control-Max-Age: 10",
                "Access-Control-Allow-Methods: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
            ])
            client.send("GET /decorated HTTP/1.1\r\nHost: x\r\nOrigin: http://a.example\r\n\r\n")
            let refused = try client.readResponse()
            #expect(refused.text == "decorated")
            #expect(cors(refused).isEmpty)
        }
    }

    /// Werkzeug's server joins a repeated `Origin` into `a,b`, which flask-cors matches against
    /// no listed origin: no CORS fields at all, as there.
    @Test func repeatedOriginIsRefused() async throws {
        try await withLiveServer(try Self.makeApp()) { port in
            let client = try RawHTTPClient(port: port)
            client.send("GET /api/items HTTP/1.1\r\nHost: x\r\nOrigin: http://a.example\r\nOrigin: http://a.example\r\n\r\n")
            let repeated = try client.readResponse()
            #expect(repeated.status == 200)
            #expect(cors(repeated).isEmpty)
        }
    }

    /// A body over `MAX_CONTENT_LENGTH` is refused unread, yet its 413 carries the CORS fields,
    /// as flask-cors adds them to Flask's 413.
    @Test func bodyOverTheLimitStillGetsCORSFields() async throws {
        let app = try Self.makeApp()
        try await withLiveServer(app, configure: { $0.limits.maxBodyBytes = 4 }) { port in
            let client = try RawHTTPClient(port: port)
            client.send("POST /api/items HTTP/1.1\r\nHost: x\r\nOrigin: http://a.example\r\nContent-Length: 5\r\n\r\n12345")
            let refused = try client.readResponse()
            #expect(refused.status == 413)
            #expect(cors(refused).first == "Access-Control-Allow-Origin: http://a.example")
            #expect(cors(refused).contains("Vary: Origin"))
        }
    }
}
