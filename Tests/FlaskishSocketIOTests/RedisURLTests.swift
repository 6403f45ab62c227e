import Flaskish
import Testing
@testable import FlaskishSocketIO

struct RedisURLTests {
    @Test func tcpURLs() throws {
        let plain = try RedisURL("redis://127.0.0.1:6380/2")
        #expect(plain.host == "127.0.0.1" && plain.port == 6380 && plain.database == 2)
        #expect(plain.username == nil && plain.password == nil)

        let defaults = try RedisURL("redis://")
        #expect(defaults.host == "localhost" && defaults.port == 6379 && defaults.database == 0)

        let hostOnly = try RedisURL("redis://cache.internal")
        #expect(hostOnly.host == "cache.internal" && hostOnly.port == 6379)

        let credentials = try RedisURL("redis://alice:s%40cret@10.0.0.5:7000/15")
        #expect(credentials.username == "alice" && credentials.password == "s@cret" && credentials.database == 15)

        let passwordOnly = try RedisURL("redis://:pw@localhost")
        #expect(passwordOnly.username == nil && passwordOnly.password == "pw")

        let bare = try RedisURL("redis://pw@localhost:1")
        #expect(bare.username == nil && bare.password == "pw" && bare.port == 1)

        let ipv6 = try RedisURL("redis://[::1]:6390/1")
        #expect(ipv6.host == "::1" && ipv6.port == 6390 && ipv6.database == 1)

        let query = try RedisURL("redis://localhost:6379?db=3")
        #expect(query.database == 3)
    }

    @Test func unixURLs() throws {
        let socket = try RedisURL("unix:///run/redis/redis.sock?db=4")
        #expect(socket.path == "/run/redis/redis.sock" && socket.database == 4 && socket.host == nil)
        let withPassword = try RedisURL("unix://:pw@/tmp/r.sock")
        #expect(withPassword.path == "/tmp/r.sock" && withPassword.password == "pw")
    }

    @Test func descriptionMasksThePassword() throws {
        #expect(try RedisURL("redis://u:secret@h:1/2").description == "redis://u:***@h:1/2")
        #expect(try RedisURL("unix:///tmp/s").description == "unix:///tmp/s?db=0")
    }

    @Test(arguments: [
        "127.0.0.1:6379", "http://localhost", "rediss://localhost", "redis://h:port", "redis://h:0",
        "redis://h:70000", "redis://h/x", "redis://h/-1", "unix://relative/path", "redis://[::1", "redis://h?db=x",
    ])
    func badURLsAreRefusedWithAReason(_ url: String) {
        #expect(throws: RedisError.self) { try RedisURL(url) }
    }
}
