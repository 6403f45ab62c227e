import Foundation
import Synchronization
import Testing
@testable import Flaskish

/// Werkzeug's `ProxyFix`: trusted `X-Forwarded-*` values replace what the proxy's own connection shows.
struct ProxyFixTests {
    func request(_ headers: HTTPHeaders, target: String = "/a") -> Request {
        Request(method: .GET, target: target, headers: headers, remoteAddr: "10.0.0.1")
    }

    @Test func defaultsTrustOneProxyForTheAddressAndTheScheme() {
        let fixed = ProxyFix().apply(to: request(["Host": "internal:5000", "X-Forwarded-For": "203.0.113.9",
                                                  "X-Forwarded-Proto": "https", "X-Forwarded-Host": "example.com"]))
        #expect(fixed.remoteAddr == "203.0.113.9")
        #expect(fixed.scheme == "https")
        #expect(fixed.host == "internal:5000")  // x_host is 0 by default
        #expect(fixed.url == "https://internal:5000/a")
    }

    @Test func aClientCannotSpoofPastTheTrustedCount() {
        // The client sent "1.2.3.4"; nginx appended the address it saw.
        let fixed = ProxyFix(xFor: 1).apply(to: request(["X-Forwarded-For": "1.2.3.4, 198.51.100.7"]))
        #expect(fixed.remoteAddr == "198.51.100.7")
        let twoHops = ProxyFix(xFor: 2).apply(to: request(["X-Forwarded-For": "1.2.3.4, 198.51.100.7"]))
        #expect(twoHops.remoteAddr == "1.2.3.4")
    }

    @Test func fewerValuesThanTrustedHopsAreIgnored() {
        let fixed = ProxyFix(xFor: 2, xProto: 2).apply(to: request(["X-Forwarded-For": "1.2.3.4", "X-Forwarded-Proto": "https"]))
        #expect(fixed.remoteAddr == "10.0.0.1")
        #expect(fixed.scheme == "http")
    }

    @Test func zeroIgnoresAHeader() {
        let fixed = ProxyFix(xFor: 0, xProto: 0).apply(to: request(["X-Forwarded-For": "1.2.3.4", "X-Forwarded-Proto": "https"]))
        #expect(fixed.remoteAddr == "10.0.0.1")
        #expect(fixed.scheme == "http")
    }

    @Test func hostPortAndPrefix() {
        let fix = ProxyFix(xHost: 1, xPort: 1, xPrefix: 1)
        let fixed = fix.apply(to: request(["Host": "127.0.0.1:5000", "X-Forwarded-Proto": "https",
                                           "X-Forwarded-Host": "example.com:8080", "X-Forwarded-Port": "8443",
                                           "X-Forwarded-Prefix": "/app/"], target: "/a?x=1"))
        #expect(fixed.host == "example.com:8443")
        #expect(fixed.headers["Host"] == "example.com:8443")
        #expect(fixed.scriptRoot == "/app")
        #expect(fixed.url == "https://example.com:8443/app/a?x=1")
    }

    @Test func theSchemesDefaultPortIsLeftOut() {
        let fixed = ProxyFix(xHost: 1, xPort: 1).apply(to: request(["X-Forwarded-Proto": "https",
                                                                    "X-Forwarded-Host": "example.com", "X-Forwarded-Port": "443"]))
        #expect(fixed.host == "example.com")
    }

    @Test(arguments: [("example.com:80", "example.com"), ("[::1]:8080", "[::1]"), ("[::1]", "[::1]"), ("example.com", "example.com")])
    func hostsLoseTheirPort(host: String, bare: String) {
        #expect(ProxyFix.hostWithoutPort(host) == bare)
    }

    @Test func urlForAndRedirectsUseTheForwardedPrefixSchemeAndHost() async {
        let app = Flask()
        var seenByEarlierMiddleware: [String] = []
        let seen = Mutex<[String]>([])
        app.use { request, next in
            seen.withLock { $0.append("\(request.scheme) \(request.remoteAddr)") }
            return try await next(request)
        }
        ProxyFix(app, xFor: 1, xProto: 1, xHost: 1, xPrefix: 1)
        app.route("/who") { _ in try urlFor("who", external: true) + " " + (try urlFor("dir")) }
        app.route("/dir/", endpoint: "dir") { _ in "dir" }
        let headers: HTTPHeaders = ["X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https",
                                    "X-Forwarded-Host": "example.com", "X-Forwarded-Prefix": "/app"]
        let client = app.testClient()
        #expect(await client.get("/who", headers: headers).text == "https://example.com/app/who /app/dir/")
        let redirect = await client.get("/dir", headers: headers)
        #expect(redirect.status == .permanentRedirect)
        #expect(redirect.headers["Location"] == "https://example.com/app/dir/")
        seenByEarlierMiddleware = seen.withLock { $0 }
        #expect(seenByEarlierMiddleware.first == "https 203.0.113.9")
    }
}
