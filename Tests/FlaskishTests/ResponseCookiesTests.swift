import FlaskishTestSupport
import Foundation
import Testing
@testable import Flaskish

/// `Response.setCookie` / `deleteCookie`, byte for byte Werkzeug's `Set-Cookie` values.
struct ResponseCookiesTests {
    func cookie(_ change: (inout Response) -> Void) -> [String] {
        var response = Response()
        change(&response)
        return response.headers.values(for: "Set-Cookie")
    }

    @Test func plainCookieHasOnlyThePath() {
        #expect(cookie { $0.setCookie("a", value: "1") } == ["a=1; Path=/"])
    }

    @Test func everyAttributeInWerkzeugsOrder() {
        let expires = Date(timeIntervalSince1970: 1_700_000_000)
        let values = cookie {
            $0.setCookie("id", value: "a b", expires: expires, path: "/app", domain: ".example.com:8000",
                         secure: true, httpOnly: true, sameSite: .lax, partitioned: true)
        }
        #expect(values == ["id=\"a b\"; Domain=example.com; Expires=Tue, 14 Nov 2023 22:13:20 GMT; Secure; HttpOnly; Path=/app; SameSite=Lax; Partitioned"])
    }

    @Test func maxAgeAlsoSetsExpires() {
        var response = Response()
        response.setCookie("a", value: "1", maxAge: 60, expiresAt: nil, path: "/", domain: nil, secure: false,
                           httpOnly: false, sameSite: nil, partitioned: false, now: 0)
        #expect(response.headers["Set-Cookie"] == "a=1; Expires=Thu, 01 Jan 1970 00:01:00 GMT; Max-Age=60; Path=/")
        let live = cookie { $0.setCookie("b", maxAge: 10) }[0]
        #expect(live.hasPrefix("b=; Expires=") && live.hasSuffix("; Max-Age=10; Path=/"))
    }

    @Test func deleteCookieExpiresItAtTheEpoch() {
        #expect(cookie { $0.deleteCookie("session") } == ["session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/"])
        #expect(cookie { $0.deleteCookie("s", path: "/a", domain: "x.org", secure: true, httpOnly: true, sameSite: .strict) }
            == ["s=; Domain=x.org; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Secure; HttpOnly; Path=/a; SameSite=Strict"])
    }

    @Test func severalCookiesAreSeveralHeaders() {
        #expect(cookie { $0.setCookie("a", value: "1"); $0.setCookie("b", value: "2", path: nil) } == ["a=1; Path=/", "b=2"])
    }

    @Test func addVaryAppendsOnce() {
        var response = Response()
        response.addVary("Cookie")
        response.addVary("cookie")
        #expect(response.headers["Vary"] == "Cookie")
        var other = Response(headers: ["Vary": "Accept-Encoding"])
        other.addVary("Cookie")
        #expect(other.headers["Vary"] == "Accept-Encoding, Cookie")
    }

    func cookieApp() -> Flask {
        let app = Flask()
        app.route("/set") { _ in
            var response = Response("set")
            response.setCookie("theme", value: "dark", httpOnly: true, sameSite: .lax)
            return response
        }
        app.route("/delete") { _ in
            var response = Response("deleted")
            response.deleteCookie("theme")
            return response
        }
        app.route("/read") { req in req.cookies["theme"] ?? "none" }
        return app
    }

    @Test func setAndDeleteThroughTheTestClient() async {
        let client = cookieApp().testClient()
        #expect(await client.get("/set").headers["Set-Cookie"] == "theme=dark; HttpOnly; Path=/; SameSite=Lax")
        #expect(await client.get("/read").text == "dark")
        _ = await client.get("/delete")
        #expect(await client.get("/read").text == "none")
    }

    @Test func setAndDeleteOverALiveServer() async throws {
        try await withLiveServer(cookieApp()) { port in
            let set = try liveRequest("GET", "/set", port: port)
            #expect(set.header("Set-Cookie") == "theme=dark; HttpOnly; Path=/; SameSite=Lax")
            let deleted = try liveRequest("GET", "/delete", port: port)
            #expect(deleted.header("Set-Cookie") == "theme=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/")
        }
    }
}
