import Synchronization

/// The application's settings: Flask's keys and defaults, plus Flaskish's engine limits.
///
/// ```swift
/// app.config["SECRET_KEY"] = "change me"
/// app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
/// let debug: Bool = app.config.get("DEBUG") ?? false
/// ```
///
/// Flask: `app.config`, a dict with defaults (`DEBUG`, `TESTING`, `SECRET_KEY`, …).
public final class Config: Sendable {
    private let storage: Mutex<[String: any Sendable]>

    /// Flask's defaults for the keys Flaskish reads, and the engine's limits. Keys whose
    /// Flask default is `None` (`SECRET_KEY`, `SERVER_NAME`, …) are simply absent.
    public static let defaults: [String: any Sendable] = [
        "DEBUG": false,
        "TESTING": false,
        "SESSION_COOKIE_NAME": "session",
        "SESSION_COOKIE_HTTPONLY": true,
        "SESSION_COOKIE_SECURE": false,
        "PERMANENT_SESSION_LIFETIME": 31 * 24 * 3600,
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        "MAX_REQUEST_LINE": 8 * 1024,
        "MAX_HEADER_BYTES": 16 * 1024,
        "MAX_HEADER_COUNT": 100,
        "KEEP_ALIVE_TIMEOUT": 5.0,
        "REQUEST_HEAD_TIMEOUT": 10.0,
        "WORKER_THREADS": 64,
        "ACCESS_LOG": true,
        "JSON_SORT_KEYS": true,
        "JSONIFY_MIMETYPE": "application/json",
        "APPLICATION_ROOT": "/",
        "PREFERRED_URL_SCHEME": "http",
    ]

    /// A configuration holding Flask's defaults.
    public init() { storage = Mutex(Self.defaults) }

    /// The value for `key`, or nil when unset (or set to nil).
    public subscript(key: String) -> (any Sendable)? {
        get { storage.withLock { $0[key] } }
        set { storage.withLock { $0[key] = newValue } }
    }

    /// Every key and value, as they are now (for templates' `config`).
    public var snapshot: [String: any Sendable] { storage.withLock { $0 } }

    /// The value for `key` as `T`, or nil when unset or of another type.
    ///
    /// Flask: `app.config.get(key)`.
    public func get<T>(_ key: String, as type: T.Type = T.self) -> T? {
        guard let value = self[key] else { return nil }
        if let typed = value as? T { return typed }
        // Numbers written as Int where a Double is read, and the reverse.
        if T.self == Double.self, let int = value as? Int { return Double(int) as? T }
        if T.self == Int.self, let double = value as? Double { return Int(double) as? T }
        return nil
    }

    /// Sets every `PREFIX_NAME` environment variable as `NAME`, parsing numbers and booleans.
    ///
    /// Flask: `app.config.from_prefixed_env(prefix="FLASK")`.
    /// - Returns: the keys that were set.
    @discardableResult
    public func fromPrefixedEnvironment(_ prefix: String = "FLASK", environment: [String: String]) -> [String] {
        var loaded: [String] = []
        for (name, raw) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix(prefix + "_") {
            let key = String(name.dropFirst(prefix.count + 1))
            guard !key.isEmpty else { continue }
            self[key] = Self.parseEnvironmentValue(raw)
            loaded.append(key)
        }
        return loaded
    }

    /// Flask loads prefixed variables as JSON when they parse, else as strings.
    static func parseEnvironmentValue(_ raw: String) -> any Sendable {
        if raw == "true" { return true }
        if raw == "false" { return false }
        if let int = Int(raw) { return int }
        if let double = Double(raw) { return double }
        return raw
    }
}
