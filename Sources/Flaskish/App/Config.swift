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
    /// Bumped under the lock by every change, so what is derived from the values (templates'
    /// `config`) can be kept until they change.
    private let changes = Atomic<UInt64>(0)

    /// Flask 3.1's `default_config`, and the engine's limits. Keys whose Flask default is
    /// `None` (`SECRET_KEY`, `SERVER_NAME`, `SESSION_COOKIE_SAMESITE`, …) are simply absent;
    /// `PERMANENT_SESSION_LIFETIME` is in seconds. `USE_X_SENDFILE` is held for Flask code
    /// that reads it, but Flaskish itself does not act on it. `MAX_CONTENT_LENGTH` is 16 MiB rather
    /// than Flask's unlimited `None`: the engine bounds every body.
    ///
    /// Flask: `Flask.default_config`.
    public static let defaults: [String: any Sendable] = [
        "DEBUG": false,
        "TESTING": false,
        "SESSION_COOKIE_NAME": "session",
        "SESSION_COOKIE_HTTPONLY": true,
        "SESSION_COOKIE_SECURE": false,
        "SESSION_COOKIE_PARTITIONED": false,
        "SESSION_REFRESH_EACH_REQUEST": true,
        "PERMANENT_SESSION_LIFETIME": 31 * 24 * 3600,
        "MAX_COOKIE_SIZE": 4093,
        "MAX_FORM_MEMORY_SIZE": 500_000,
        "MAX_FORM_PARTS": 1_000,
        "PROVIDE_AUTOMATIC_OPTIONS": true,
        "TRAP_HTTP_EXCEPTIONS": false,
        "EXPLAIN_TEMPLATE_LOADING": false,
        "USE_X_SENDFILE": false,
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
    ///
    /// Flask: `app.config[key]` (reading an absent key gives nil, not `KeyError`).
    public subscript(key: String) -> (any Sendable)? {
        get { storage.withLock { $0[key] } }
        set {
            storage.withLock { values in
                values[key] = newValue
                changes.add(1, ordering: .releasing)
            }
        }
    }

    /// Runs `body` on the keys and values under the lock, for changes that read and write.
    func withValues<T>(_ body: (inout [String: any Sendable]) -> T) -> T {
        storage.withLock { values in
            defer { changes.add(1, ordering: .releasing) }
            return body(&values)
        }
    }

    /// A number that differs after any change: equal numbers mean equal contents.
    var generation: UInt64 { changes.load(ordering: .acquiring) }

    /// ``snapshot`` with the ``generation`` it is the contents of.
    var snapshotWithGeneration: (values: [String: any Sendable], generation: UInt64) {
        storage.withLock { ($0, changes.load(ordering: .relaxed)) }
    }

    /// Every key and value, as they are now (for templates' `config`).
    ///
    /// Flask: `dict(app.config)`.
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
}
