import Foundation
import FlaskishTestSupport
import Testing
@testable import Flaskish

/// The second parity pass (issue #14): behaviours that Flask and Werkzeug have and Flaskish
/// used to miss, each checked over a real socket where the engine takes part.
struct FlaskParityTests {
    /// Werkzeug's server folds a repeated field into one environ value joined with `,`;
    /// `values(for:)` keeps the fields apart. `Content-Type` reads as the last one.
    @Test func repeatedRequestFieldsReadJoinedAndApart() async throws {
        let app = Flask()
        app.route("/") { req in
            "\(req.headers["X-Tag"] ?? "-")|\(req.headers.values(for: "x-tag").joined(separator: ";"))|\(req.headers["X-One"] ?? "-")"
        }
        try await withLiveServer(app) { port in
            let reply = try liveRequest("GET", "/", port: port, headers: [("X-Tag", "a"), ("X-One", "1"), ("x-tag", "b, c")])
            #expect(reply.text == "a,b, c|a;b, c|1")
        }
        var fields = HTTPHeaders([("Content-Type", "text/plain"), ("Content-Type", "application/json")])
        #expect(fields["Content-Type"] == "text/plain")
        fields = fields.presentingRepeatsJoined()
        #expect(fields["content-type"] == "application/json")
    }

    /// Flask's `full_dispatch_request` runs `before_request` before the automatic OPTIONS
    /// answer and before raising the strict-slashes redirect.
    @Test func beforeRequestRunsBeforeAutomaticAnswers() async {
        let app = Flask()
        app.route("/dir/") { _ in "dir" }
        app.route("/page") { _ in "page" }
        app.beforeRequest { req in req.args["stop"].map { _ in Response("stopped \(req.method.rawValue)", status: 403) } }
        let client = app.testClient()
        let options = await client.open("/page?stop=1", method: .OPTIONS)
        #expect(options.statusCode == 403)
        #expect(options.text == "stopped OPTIONS")
        let redirect = await client.get("/dir?stop=1")
        #expect(redirect.statusCode == 403)
        #expect(await client.open("/page", method: .OPTIONS).statusCode == 200)
        #expect(await client.get("/dir").statusCode == 308)
    }

    /// A body over `MAX_CONTENT_LENGTH` is refused unread, but the 413 goes through the app:
    /// its 413 handler, `afterRequest` hooks; then the connection closes.
    @Test func bodyOverTheLimitIsAnsweredByTheApp() async throws {
        let app = Flask()
        app.config["MAX_CONTENT_LENGTH"] = 10
        app.route("/upload", methods: [.POST]) { req in "got \(req.data.count)" }
        app.errorhandler(413) { error in Response("too big for \(request.endpoint ?? "-")", status: error.status) }
        app.afterRequest { response in
            var response = response
            response.headers["X-After"] = "ran"
            return response
        }
        try await withLiveServer(app, configure: { $0.limits.maxBodyBytes = 10 }) { port in
            let small = try liveRequest("POST", "/upload", port: port, body: Array("0123456789".utf8))
            #expect(small.text == "got 10")
            let big = try liveRequest("POST", "/upload", port: port, body: Array("01234567890".utf8))
            #expect(big.status == 413)
            #expect(big.text == "too big for upload")
            #expect(big.header("X-After") == "ran")
            #expect(big.header("Connection") == "close")

            let client = try RawHTTPClient(port: port)
            client.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n012345\r\n6\r\n678901\r\n0\r\n\r\n")
            let chunked = try client.readResponse()
            #expect(chunked.status == 413)
            #expect(chunked.text == "too big for upload")
            #expect(client.isClosedByServer())

            // Routing still comes first, as in Flask, where only reading the body raises.
            let missing = try liveRequest("POST", "/nope", port: port, body: Array("01234567890".utf8))
            #expect(missing.status == 404)
            #expect(missing.header("X-After") == "ran")
        }
    }

    /// An app held only by the server it serves must stay alive.
    @Test func serveKeepsTheAppAlive() async throws {
        func startServer() throws -> Server {
            let app = Flask()
            app.config["ACCESS_LOG"] = false
            app.route("/") { _ in "alive" }
            var configuration = Server.Configuration()
            configuration.accessLog = false
            return try app.serve(configuration: configuration)
        }
        let server = try startServer()
        defer { server.stop() }
        let reply = try liveRequest("GET", "/", port: server.port)
        #expect(reply.text == "alive")
    }

    /// `url`, `base_url`, `full_path`, `host_url` and `url_root` as Werkzeug computes them
    /// (values taken from Werkzeug 3.1 for the same request).
    @Test func urlAttributesAsWerkzeug() {
        let request = Request(method: .GET, target: "/caf%C3%A9/a%20b%3F%2F?q=%C3%A9&x=a%20b+c&y=%26%FF",
                              headers: ["Host": "Example.COM:80"])
        #expect(request.host == "Example.COM")
        #expect(request.hostURL == "http://example.com/")
        #expect(request.urlRoot == "http://example.com/")
        #expect(request.baseURL == "http://example.com/café/a%20b%3F/")
        #expect(request.url == "http://example.com/café/a%20b%3F/?q=é&x=a%20b+c&y=%26%FF")
        #expect(request.fullPath == "/café/a b?/?q=%C3%A9&x=a%20b+c&y=%26%FF")
        let plain = Request(method: .GET, target: "/", headers: ["Host": "h:5000"])
        #expect(plain.url == "http://h:5000/")
        #expect(plain.fullPath == "/?")
    }

    /// `app.urlMap.converters["list"] = …` (Flask's `app.url_map.converters`).
    @Test func customConverterRegisteredOnTheApp() async {
        struct ListConverter: RouteConverter {
            init(arguments: ConverterArguments) throws {}
            func match(_ segment: Substring) -> RouteValue? { .string(segment.split(separator: "+").joined(separator: ",")) }
            func toURL(_ value: String) throws -> String { value.replacingOccurrences(of: ",", with: "+") }
        }
        let app = Flask()
        app.urlMap.converters["list"] = ListConverter.self
        app.route("/tags/<list:tags>", endpoint: "tags") { req in "\(req.viewArgs["tags"] ?? "") \(try urlFor("tags", ["tags": "x,y"]))" }
        #expect(await app.testClient().get("/tags/a+b").text == "a,b /tags/x+y")
    }

    /// Python's `int` is unbounded: such a value matches `<int>` and prints back exactly.
    @Test func integersBeyond64BitsMatchExactly() async {
        let app = Flask()
        app.route("/n/<int:n>", endpoint: "n") { req in
            let value = try req.viewArgs.get("n", as: BigInteger.self)
            return "\(value) \(value > BigInteger(Int.max)) \(try urlFor("n", ["n": value]))"
        }
        app.route("/small/<int(max=5):n>", endpoint: "small") { req in "small \(req.viewArgs["n"] ?? "")" }
        let client = app.testClient()
        #expect(await client.get("/n/123456789012345678901234567890").text
            == "123456789012345678901234567890 true /n/123456789012345678901234567890")
        #expect(await client.get("/n/00099999999999999999999").text == "99999999999999999999 true /n/99999999999999999999")
        #expect(await client.get("/small/99999999999999999999").statusCode == 404)
        // Werkzeug's int() refuses more than 4300 digits (Python's int/str bound): no match.
        #expect(await client.get("/n/" + String(repeating: "1", count: 4300)).statusCode == 200)
        #expect(await client.get("/n/" + String(repeating: "1", count: 4301)).statusCode == 404)
        #expect(BigInteger("2")!.power(64)! * 3 + 7 == BigInteger("55340232221128654855")!)
        #expect(BigInteger("-99999999999999999999")! < BigInteger("-9")!)
        #expect(BigInteger("-0")!.description == "0")
        #expect(BigInteger("12")!.int == 12)
        #expect(BigInteger("1x") == nil)
    }

    /// A value the chosen rule's converter cannot write raises (Werkzeug lets the converter's
    /// `ValueError` through); text given for a uuid keeps its text.
    @Test func urlForConverterRefusalsAndUUIDText() async {
        let app = Flask()
        app.route("/n/<int:n>", endpoint: "n") { _ in "n" }
        app.route("/u/<uuid:id>", endpoint: "u") { _ in "u" }
        app.route("/") { _ in
            let uuid = try urlFor("u", ["id": "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"])
            do {
                _ = try urlFor("n", ["n": "seven"])
                return "built"
            } catch let error as RouteConverterError {
                return "\(uuid) \(error)"
            }
        }
        #expect(await app.testClient().get("/").text
            == "/u/A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11 invalid literal for int() with base 10: 'seven'")
    }
}

/// `request` in templates: Werkzeug's multi-value dictionaries and headers, with their methods.
struct RequestTemplateObjectTests {
    @Test func multiDictsAndHeadersHaveWerkzeugsMethods() async {
        let app = Flask()
        app.route("/") { _ in
            try renderTemplateString(
                "{{ request.args.getlist('a') }}|{{ request.args.get('zz', 'none') }}|{{ request.args.to_dict(flat=False) }}|"
                    + "{{ request.headers.get('x-tag') }}|{{ request.headers.getlist('X-Tag') }}|{{ request.url_root }}|"
                    + "{{ request.is_json }}|{{ 'b' in request.args }}|{{ request.args|length }}|{{ request.cookies.c }}")
        }
        let headers = HTTPHeaders([("Host", "h"), ("X-Tag", "t1"), ("x-tag", "t2"), ("Cookie", "c=choc")])
        let page = await app.testClient().get("/?a=1&b=x&a=2", headers: headers).text
        #expect(page == "[&#39;1&#39;, &#39;2&#39;]|none|{&#39;a&#39;: [&#39;1&#39;, &#39;2&#39;], &#39;b&#39;: [&#39;x&#39;]}|"
            + "t1,t2|[&#39;t1&#39;, &#39;t2&#39;]|http://h/|False|True|2|choc")
    }
}
