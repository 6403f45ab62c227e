import FlaskishTestSupport
import Testing
@testable import Flaskish

/// Flask 3.1's `TRUSTED_HOSTS`: requests for other hosts are a 400.
struct TrustedHostsTests {
    @Test(arguments: [
        ("example.com", true), ("example.com:8080", true), ("a.good.org", true), ("x.y.good.org", true),
        ("good.org", true), ("evil.com", false), ("bad.example.com", false), ("Example.com", false),
        // Werkzeug cuts list entries at their first ':', so an IPv6 entry never matches.
        ("notgood.org", false), ("", false), ("[::1]:5000", false), ("[::1]", false),
    ])
    func hostsAreMatchedAsWerkzeugMatchesThem(host: String, trusted: Bool) {
        #expect(Flask.isTrusted(host: host, in: ["example.com", ".good.org", "[::1]"]) == trusted)
    }

    @Test func portsInTheListAreIgnored() {
        #expect(Flask.isTrusted(host: "example.com:1", in: ["example.com:2"]))
    }

    func app(_ trusted: (any Sendable)?) -> Flask {
        let app = Flask()
        app.config["TRUSTED_HOSTS"] = trusted
        app.route("/") { _ in "ok" }
        return app
    }

    @Test func untrustedHostIsABadRequestWithWerkzeugsMessage() async {
        let client = app(["example.com"]).testClient()
        #expect(await client.get("/", headers: ["Host": "example.com"]).text == "ok")
        let refused = await client.get("/", headers: ["Host": "evil.com"])
        #expect(refused.status == .badRequest)
        #expect(refused.text.contains("<p>Host &#39;evil.com&#39; is not trusted.</p>"))
    }

    @Test(arguments: [nil, [] as [String]] as [[String]?])
    func noListOrAnEmptyListTrustsEveryHost(list: [String]?) async {
        #expect(await app(list).testClient().get("/", headers: ["Host": "anything.test"]).text == "ok")
    }

    @Test func aSingleStringAndAnEnvironmentListWork() async {
        #expect(await app("example.com").testClient().get("/", headers: ["Host": "evil.com"]).status == .badRequest)
        let fromEnvironment = app(nil)
        fromEnvironment.config.fromPrefixedEnvironment(environment: ["FLASK_TRUSTED_HOSTS": #"["example.com"]"#])
        let client = fromEnvironment.testClient()
        #expect(await client.get("/", headers: ["Host": "evil.com"]).status == .badRequest)
        #expect(await client.get("/", headers: ["Host": "example.com"]).status == .ok)
    }

    /// As a routing error: `before_request` hooks still run and a 400 handler answers it.
    @Test func hooksAndErrorHandlersSeeIt() async {
        let app = app(["example.com"])
        app.errorhandler(400) { error in Response("handled \(error.description)", status: .badRequest) }
        #expect(await app.testClient().get("/", headers: ["Host": "evil.com"]).text == "handled Host 'evil.com' is not trusted.")
    }

    @Test func overALiveServer() async throws {
        let app = app(["127.0.0.1"])
        try await withLiveServer(app) { port in
            #expect(try liveRequest("GET", "/", port: port).status == 200)
            let client = try RawHTTPClient(port: port)
            client.send("GET / HTTP/1.1\r\nHost: evil.com\r\n\r\n")
            let refused = try client.readResponse()
            #expect(refused.status == 400)
            #expect(refused.text.contains("Host &#39;evil.com&#39; is not trusted."))
        }
    }
}
