import Flaskish

/// Where a Redis server is and how to log in, parsed from a URL as redis-py's
/// `Redis.from_url` reads it:
///
/// - `redis://[[user]:password@]host[:port][/db]` — port 6379 and database 0 by default;
///   `redis://` alone is `localhost:6379`. A `?db=N` query also selects the database.
/// - `unix://[[user]:password@]/path/to/redis.sock[?db=N]`
///
/// `rediss://` (TLS) is refused: Flaskish has no TLS.
public struct RedisURL: Sendable, Hashable, CustomStringConvertible {
    /// The socket to connect to.
    package let address: OutboundAddress
    /// The ACL user name, sent with `AUTH user password` (Redis 6+).
    public let username: String?
    /// The password, sent with `AUTH` before anything else.
    public let password: String?
    /// The database `SELECT`ed after connecting (0 by default).
    public let database: Int

    /// The TCP host, or nil for a Unix socket.
    public var host: String? { if case .tcp(let host, _) = address { host } else { nil } }
    /// The TCP port, or nil for a Unix socket.
    public var port: Int? { if case .tcp(_, let port) = address { port } else { nil } }
    /// The socket path, or nil for TCP.
    public var path: String? { if case .unix(let path) = address { path } else { nil } }

    /// Parses `url`.
    /// - Throws: ``RedisError/invalidURL(_:reason:)`` naming what is wrong.
    public init(_ url: String) throws(RedisError) {
        func fail(_ reason: String) -> RedisError { .invalidURL(url, reason: reason) }
        let parts = url.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw fail("no scheme (expected redis:// or unix://)") }
        let scheme = parts[0].lowercased()
        var rest = parts[1]
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        var user: String?
        var secret: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = Self.decoded(userInfo[..<colon])
                secret = Self.decoded(userInfo[userInfo.index(after: colon)...])
            } else {
                // redis-py reads `redis://secret@host` as a password without a user.
                secret = Self.decoded(userInfo)
            }
        }
        if user?.isEmpty == true { user = nil }
        if secret?.isEmpty == true { secret = nil }
        var database = 0
        for pair in query.split(separator: "&") where pair.hasPrefix("db=") {
            guard let number = Int(pair.dropFirst(3)), number >= 0 else { throw fail("db must be a non-negative integer") }
            database = number
        }
        switch scheme {
        case "redis":
            var authority = rest
            if let slash = rest.firstIndex(of: "/") {
                authority = rest[..<slash]
                let dbText = rest[rest.index(after: slash)...]
                if !dbText.isEmpty {
                    guard let number = Int(dbText), number >= 0 else { throw fail("the path must be a database number") }
                    database = number
                }
            }
            var host = "localhost"
            var port = 6379
            if authority.hasPrefix("[") {
                guard let close = authority.firstIndex(of: "]") else { throw fail("unclosed [ in the host") }
                host = String(authority[authority.index(after: authority.startIndex)..<close])
                let after = authority[authority.index(after: close)...]
                if !after.isEmpty {
                    guard after.hasPrefix(":"), let number = Int(after.dropFirst()) else { throw fail("bad port") }
                    port = number
                }
            } else if let colon = authority.lastIndex(of: ":") {
                guard let number = Int(authority[authority.index(after: colon)...]) else { throw fail("bad port") }
                port = number
                if colon > authority.startIndex { host = String(authority[..<colon]) }
            } else if !authority.isEmpty {
                host = String(authority)
            }
            guard (1...65535).contains(port) else { throw fail("port out of range") }
            address = .tcp(host: host, port: port)
        case "unix":
            guard rest.hasPrefix("/") else { throw fail("a unix:// URL needs an absolute socket path") }
            address = .unix(path: Self.decoded(rest))
        case "rediss":
            throw fail("TLS (rediss://) is not supported")
        default:
            throw fail("unsupported scheme \(scheme)://")
        }
        self.username = user
        self.password = secret
        self.database = database
    }

    /// The URL with the password masked, for logs.
    public var description: String {
        let credentials = password == nil ? "" : "\(username ?? ""):***@"
        switch address {
        case .tcp: return "redis://\(credentials)\(address)/\(database)"
        case .unix(let path): return "unix://\(credentials)\(path)?db=\(database)"
        }
    }

    private static func decoded(_ text: Substring) -> String {
        String(decoding: URLCoding.percentDecodedBytes(text), as: UTF8.self)
    }
}
