import FlaskishTestSupport
import Testing
@testable import Flaskish

/// The first Flask app API: registration, conversion of return values, run options, logs.
struct AppBasicsTests {
    @Test(arguments: [
        ("/", "index"),
        ("/hello", "hello"),
        ("/user/<int:id>", "user_id"),
        ("/files/<path:name>/raw", "files_name_raw"),
        ("/a-b/<x>", "a_b_x"),
    ])
    func endpointNamesAreDerivedFromTheRule(rule: String, endpoint: String) {
        #expect(Flask.endpointName(for: rule) == endpoint)
    }

    @Test func handlersReturnStringsBytesJSONAndResponses() async throws {
        struct User: Encodable, ResponseConvertible { let name: String; let id: Int }
        let app = Flask()
        app.route("/text") { _ in "plain" }
        app.route("/bytes") { _ in [UInt8]([1, 2, 3]) }
        app.route("/json") { _ in ["b": 1, "a": [true, nil]] as JSONValue }
        app.route("/model") { _ in User(name: "Ana", id: 7) }
        app.route("/made") { _ in Response("made", status: .created, headers: ["X-Id": "7"]) }
        app.route("/status") { _ in try "accepted".withStatus(202) }
        let client = app.testClient()

        let text = await client.get("/text")
        #expect(text.text == "plain")
        #expect(text.contentType == "text/html; charset=utf-8")
        #expect(await client.get("/bytes").data == [1, 2, 3])
        let json = await client.get("/json")
        #expect(json.text == "{\"a\":[true,null],\"b\":1}\n")
        #expect(json.contentType == "application/json")
        #expect(await client.get("/model").text == "{\"id\":7,\"name\":\"Ana\"}\n")
        let made = await client.get("/made")
        #expect(made.status == .created)
        #expect(made.headers["X-Id"] == "7")
        #expect(await client.get("/status").status.code == 202)
    }

    @Test func requestCarriesMethodPathArgsHeadersBodyAndAddress() async throws {
        let app = Flask()
        app.route("/inspect/<name>", methods: ["POST"]) { req in
            let tags = req.args.getAll("tag").joined(separator: ",")
            return "\(req.method) \(req.path) \(req.args["q"] ?? "-") \(tags) \(req.args.get("n", as: Int.self) ?? -1) "
                + "\(req.headers["x-custom"] ?? "-") \(req.text) \(req.remoteAddr) \(req.viewArgs["name"] ?? "-") \(req.endpoint ?? "-")"
        }
        try await withLiveServer(app) { port in
            let client = try RawHTTPClient(port: port)
            client.send("POST /inspect/a%20b?q=x+y&tag=1&tag=2&n=5 HTTP/1.1\r\nHost: x\r\nX-Custom: yes\r\nContent-Length: 4\r\n\r\nbody")
            let reply = try client.readResponse()
            #expect(reply.text == "POST /inspect/a b x y 1,2 5 yes body 127.0.0.1 a b inspect_name")
        }
    }

    @Test func unknownPathsAndMethodsGetWerkzeugPages() async throws {
        let app = Flask()
        app.route("/only-get") { _ in "ok" }
        try await withLiveServer(app) { port in
            let missing = try RawHTTPClient.get("/nope", port: port)
            #expect(missing.status == 404)
            #expect(missing.reason == "NOT FOUND")
            #expect(missing.text == HTTPException(.notFound).body)
            let client = try RawHTTPClient(port: port)
            client.send("DELETE /only-get HTTP/1.1\r\nHost: x\r\n\r\n")
            let wrongMethod = try client.readResponse()
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.header("Allow") == "GET, HEAD, OPTIONS")
        }
    }

    @Test func asyncHandlersCanAwait() async throws {
        let app = Flask()
        app.route("/later") { _ in
            try await Task.sleep(for: .milliseconds(10))
            return "later"
        }
        #expect(await app.testClient().get("/later").text == "later")
    }

    @Test func registeringAfterTheFirstRequestIsRefused() async throws {
        let app = Flask()
        app.route("/") { _ in "x" }
        _ = await app.testClient().get("/")
        await #expect(processExitsWith: .failure) {
            let app = Flask()
            app.route("/") { _ in "x" }
            _ = await app.testClient().get("/")
            app.route("/late") { _ in "y" }
        }
    }

    @Test func runOptionsComeFromFlagsThenEnvironmentThenCodeThenDefaults() {
        #expect(RunOptions.resolve(host: nil, port: nil, debug: nil, arguments: [], environment: [:])
                == RunOptions(host: "127.0.0.1", port: 5000, debug: nil))
        #expect(RunOptions.resolve(host: "0.0.0.0", port: 8000, debug: true, arguments: [], environment: [:])
                == RunOptions(host: "0.0.0.0", port: 8000, debug: true))
        #expect(RunOptions.resolve(host: "0.0.0.0", port: 8000, debug: nil, arguments: [],
                                   environment: ["FLASK_RUN_HOST": "::1", "FLASK_RUN_PORT": "7000"])
                == RunOptions(host: "::1", port: 7000, debug: nil))
        #expect(RunOptions.resolve(host: nil, port: nil, debug: nil, arguments: ["--host", "::1", "--port=9000", "--debug"],
                                   environment: ["FLASK_RUN_PORT": "7000"])
                == RunOptions(host: "::1", port: 9000, debug: true))
    }

    @Test func accessLogLinesReadLikeWerkzeugs() {
        let head = HTTPRequestHead(method: .GET, target: "/a?b=1", version: .http1_1, headers: [:], keepAlive: true)
        let line = HTTPConnectionHandler.accessLogLine(remoteAddress: "127.0.0.1", timestamp: "25/Nov/2026 16:00:00", head: head, status: .ok)
        #expect(line == "127.0.0.1 - - [25/Nov/2026 16:00:00] \"GET /a?b=1 HTTP/1.1\" 200 -")
    }
}
