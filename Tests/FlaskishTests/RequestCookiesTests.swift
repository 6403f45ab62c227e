import FlaskishTestSupport
import Testing
@testable import Flaskish

/// `request.cookies`, `userAgent` and `accessRoute`.
struct RequestCookiesTests {
    @Test func cookiesComeFromEveryCookieHeaderInOrder() {
        let req = Request(method: .GET, target: "/", headers: HTTPHeaders([
            ("Cookie", "a=1; b=\"x\\\"y\""), ("Cookie", "a=2; c"),
        ]))
        #expect(req.cookies.getAll("a") == ["1", "2"])
        #expect(req.cookies["b"] == "x\"y")
        #expect(req.cookies["c"] == "")
        #expect(Request(method: .GET, target: "/").cookies.isEmpty)
    }

    @Test func userAgentIsEmptyWhenAbsent() {
        #expect(Request(method: .GET, target: "/").userAgent == "")
        #expect(Request(method: .GET, target: "/", headers: ["User-Agent": "curl/8"]).userAgent == "curl/8")
    }

    @Test func accessRouteListsForwardedAddressesElseTheClient() {
        #expect(Request(method: .GET, target: "/", remoteAddr: "10.0.0.1").accessRoute == ["10.0.0.1"])
        let proxied = Request(method: .GET, target: "/", headers: ["X-Forwarded-For": "1.2.3.4, 10.0.0.2 ,"], remoteAddr: "10.0.0.1")
        #expect(proxied.accessRoute == ["1.2.3.4", "10.0.0.2"])
    }

    func cookieApp() -> Flask {
        let app = Flask()
        app.route("/") { req in req.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: ";") }
        return app
    }

    @Test func cookiesThroughTheTestClient() async {
        let client = cookieApp().testClient()
        client.setCookie("theme", value: "dark")
        #expect(await client.get("/").text == "theme=dark")
        #expect(await client.get("/", headers: ["Cookie": "x=1; y=2"]).text == "x=1;y=2")
    }

    @Test func cookiesOverALiveServer() async throws {
        try await withLiveServer(cookieApp()) { port in
            let reply = try liveRequest("GET", "/", port: port, headers: [("Cookie", "a=1; b=\"q\\\"t\""), ("Cookie", "c=3")])
            #expect(reply.text == "a=1;b=q\"t;c=3")
        }
    }
}
