import Testing
@testable import Flaskish

/// The test client's cookie jar: `Set-Cookie` attributes, expiry, paths and order.
struct TestCookieJarTests {
    @Test(arguments: [("/", "/"), ("/a", "/"), ("/a/", "/a"), ("/a/b", "/a"), ("/a/b?x=/y", "/a"), ("", "/"), ("x/y", "/")])
    func defaultPathIsTheRequestDirectory(requestPath: String, expected: String) {
        #expect(TestCookieJar.defaultPath(requestPath) == expected)
    }

    @Test(arguments: [
        ("/", "/", true), ("/", "/anything", true), ("/a", "/a", true), ("/a", "/a/b", true),
        ("/a", "/ab", false), ("/a/", "/a/b", true), ("/a/", "/a", false), ("/a", "/", false),
    ])
    func pathMatching(cookiePath: String, requestPath: String, expected: Bool) {
        let cookie = TestCookie(name: "n", value: "v", path: cookiePath)
        #expect(cookie.matches(host: "localhost", path: requestPath) == expected)
    }

    @Test func domainMatching() {
        let cookie = TestCookie(name: "n", value: "v", path: "/", domain: "example.com")
        #expect(cookie.matches(host: "example.com", path: "/"))
        #expect(cookie.matches(host: "www.example.com", path: "/"))
        #expect(!cookie.matches(host: "badexample.com", path: "/"))
        #expect(!cookie.matches(host: "localhost", path: "/"))
    }

    @Test func attributesAreRead() throws {
        var jar = TestCookieJar()
        jar.receive("id=\"a b\"; Domain=.Example.com; Expires=Thu, 01 Jan 2099 00:00:00 GMT; Secure; HttpOnly; Path=/x; SameSite=Lax",
                    requestPath: "/", now: 0)
        let cookie = try #require(jar.cookies.first)
        #expect(cookie.value == "\"a b\"")
        #expect(cookie.decodedValue == "a b")
        #expect(cookie.domain == "example.com")
        #expect(cookie.expires == HTTPDate.parse("Thu, 01 Jan 2099 00:00:00 GMT"))
        #expect(cookie.secure && cookie.httpOnly)
        #expect(cookie.path == "/x")
        #expect(cookie.sameSite == "Lax")
    }

    @Test func maxAgeWinsOverExpiresAndCountsFromNow() {
        var jar = TestCookieJar()
        jar.receive("a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=10", requestPath: "/", now: 100)
        #expect(jar.cookies.first?.expires == 110)
        #expect(jar.header(host: "localhost", path: "/", now: 109) == "a=1")
        #expect(jar.header(host: "localhost", path: "/", now: 110) == nil)
    }

    @Test(arguments: ["a=; Max-Age=0", "a=x; Max-Age=-1", "a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"])
    func expiredSetCookieRemoves(setCookie: String) {
        var jar = TestCookieJar()
        jar.receive("a=1", requestPath: "/", now: 1000)
        jar.receive(setCookie, requestPath: "/", now: 1000)
        #expect(jar.cookies.isEmpty)
    }

    @Test func sameNameAtAnotherPathIsAnotherCookieAndLongerPathsGoFirst() {
        var jar = TestCookieJar()
        jar.receive("a=root", requestPath: "/", now: 0)
        jar.receive("a=deep; Path=/x/y", requestPath: "/", now: 0)
        jar.receive("b=mid; Path=/x", requestPath: "/", now: 0)
        #expect(jar.header(host: "localhost", path: "/x/y/z", now: 0) == "a=deep; b=mid; a=root")
        #expect(jar.header(host: "localhost", path: "/", now: 0) == "a=root")
    }

    @Test(arguments: ["novalue", "=x", "", "; Path=/"])
    func setCookieWithoutANameIsIgnored(setCookie: String) {
        var jar = TestCookieJar()
        jar.receive(setCookie, requestPath: "/", now: 0)
        #expect(jar.cookies.isEmpty)
    }
}
