import Flaskish
import Testing
@testable import FlaskishCORS

/// The step the hook and middleware share: pick the resource, add the fields.
struct CORSInstallationTests {
    static func install(_ options: CORSOptions = CORSOptions(), resources: CORSResources? = nil,
                        config: CORSOptions = CORSOptions(), configResources: CORSResources? = nil) throws -> CORSInstallation {
        try CORSInstallation(configOptions: config, configResources: configResources, options: options, resources: resources)
    }

    static let request = Request(method: .GET, target: "/api/items", headers: ["Origin": "http://a.com"])

    @Test func addsFieldsAfterExistingOnes() throws {
        let response = try Self.install().apply(to: Response("x", headers: ["X-Own": "1"]), for: Self.request)
        #expect(response.headers.map(\.name) == ["X-Own", "Content-Type", "Access-Control-Allow-Origin", "Vary"])
    }

    @Test func skipsAResponseWithItsOwnAllowOrigin() throws {
        let own = Response("x", headers: ["Access-Control-Allow-Origin": "http://mine.com"])
        #expect(try Self.install().apply(to: own, for: Self.request).headers == own.headers)
    }

    @Test func anEmptyOwnAllowOriginDoesNotCount() throws {
        // flask-cors tests the value's truthiness: an empty one is ignored.
        let response = try Self.install().apply(to: Response("x", headers: ["Access-Control-Allow-Origin": ""]), for: Self.request)
        #expect(response.headers.values(for: "Access-Control-Allow-Origin") == ["", "http://a.com"])
    }

    @Test func firstMatchingResourceWins() throws {
        let installation = try Self.install(resources: [
            "/api/.*": CORSOptions(origins: "http://a.com"), "/.*": CORSOptions(origins: "http://b.com"),
        ])
        #expect(installation.resource(forPath: "/api/x")?.policy.originPatterns == ["http://a.com"])
        #expect(installation.resource(forPath: "/other")?.policy.originPatterns == ["http://b.com"])
    }

    @Test func pathsMatchCaseSensitively() throws {
        let installation = try Self.install(resources: ["/api/.*"])
        #expect(installation.resource(forPath: "/api/x") != nil)
        #expect(installation.resource(forPath: "/API/x") == nil)
    }

    @Test func precedenceIsResourceThenOptionsThenConfig() throws {
        let installation = try Self.install(
            CORSOptions(origins: "http://options.com", maxAge: 2),
            resources: ["/r": CORSOptions(origins: "http://resource.com")],
            config: CORSOptions(origins: "http://config.com", maxAge: 1, varyHeader: false))
        let policy = try #require(installation.resource(forPath: "/r")?.policy)
        #expect(policy.originPatterns == ["http://resource.com"])
        #expect(policy.maxAge == "2")
        #expect(!policy.varyHeader)
    }

    @Test func givenResourcesBeatConfigResources() throws {
        #expect(try Self.install(resources: "/a", configResources: "/b").resources.map(\.pattern) == ["/a"])
        #expect(try Self.install(configResources: "/b").resources.map(\.pattern) == ["/b"])
        #expect(try Self.install().resources.map(\.pattern) == ["/*"])
    }

    @Test func interceptExceptionsComesFromTheAppLevelOnly() throws {
        let installation = try Self.install(CORSOptions(interceptExceptions: false),
                                            resources: ["/.*": CORSOptions(interceptExceptions: true)])
        #expect(!installation.interceptExceptions)
    }

    @Test func invalidResourcePatternThrows() {
        #expect(throws: CORSConfigurationError.self) { try Self.install(resources: ["/(unclosed"]) }
    }
}
