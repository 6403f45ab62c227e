import Testing
@testable import FlaskishSocketIO

struct EngineIOServerOptionsTests {
    @Test(arguments: [
        ("http://127.0.0.1:5000", "127.0.0.1:5000", true),
        ("http://LOCALHOST:5000", "localhost:5000", true),
        ("http://127.0.0.1:5001", "127.0.0.1:5000", false),
        ("https://evil.example", "127.0.0.1:5000", false),
        ("http://127.0.0.1:5000/path", "127.0.0.1:5000", true),
        ("null", "127.0.0.1:5000", false),
    ])
    func sameOriginComparesHostAndPort(origin: String, host: String, allowed: Bool) {
        #expect(AllowedOrigins.sameOrigin.allows(origin: origin, host: host) == allowed)
    }

    @Test func sameOriginWithoutHostRefuses() {
        #expect(!AllowedOrigins.sameOrigin.allows(origin: "http://a", host: nil))
    }

    @Test func wildcardAndListsFromLiterals() {
        let any: AllowedOrigins = "*"
        let one: AllowedOrigins = "https://chat.example"
        let list: AllowedOrigins = ["https://a.example", "https://b.example"]
        #expect(any == .any)
        #expect(one == .list(["https://chat.example"]))
        #expect(any.allows(origin: "https://whatever", host: nil))
        #expect(one.allows(origin: "https://CHAT.example", host: nil))
        #expect(list.allows(origin: "https://b.example", host: nil))
        #expect(!list.allows(origin: "https://c.example", host: nil))
    }

    @Test func sessionConfigurationCarriesTheOptions() {
        var options = EngineIOServerOptions()
        options.pingInterval = .milliseconds(300)
        options.pingTimeout = .milliseconds(200)
        options.maxHttpBufferSize = 1234
        options.allowUpgrades = false
        let configuration = options.sessionConfiguration
        #expect(configuration.pingInterval == .milliseconds(300))
        #expect(configuration.pingTimeout == .milliseconds(200))
        #expect(configuration.maxPayload == 1234)
        #expect(configuration.allowUpgrades == false)
    }
}
