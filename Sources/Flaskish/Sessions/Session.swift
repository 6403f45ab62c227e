import Synchronization

/// The current user's session: JSON values kept in a signed cookie between requests.
///
/// ```swift
/// app.post("/login") { req in
///     session["user"] = .string(try req.form["name"] ?? "")
///     return redirect("/")
/// }
/// app.route("/") { _ in "Hello \(session["user"]?.stringValue ?? "stranger")" }
/// ```
///
/// The cookie is signed, not encrypted: the client can read what is stored. Changes are saved
/// after the handler when the session was modified; changing a value *inside* a stored array or
/// object needs `session.modified = true`, as in Flask (assigning the key again does it too).
///
/// Flask: `flask.session` (`SecureCookieSession`).
public final class Session: Sendable {
    private let state: Mutex<State>
    /// False when the app has no `SECRET_KEY`: reads give nothing and writes fail on save.
    ///
    /// Flask: `NullSession` is the unavailable session.
    public let isAvailable: Bool

    struct State {
        var values: [String: JSONValue]
        var modified = false
        var accessed = false
        var isNew: Bool
        /// `getFlashedMessages` takes the flashes once per request and keeps them here.
        var requestFlashes: [FlashedMessage]?
    }

    /// The key Flask stores `permanent` under.
    static let permanentKey = "_permanent"

    /// A session holding `values`; `isNew` when no valid cookie came with the request.
    package init(_ values: [String: JSONValue] = [:], isNew: Bool = true, isAvailable: Bool = true) {
        state = Mutex(State(values: values, isNew: isNew))
        self.isAvailable = isAvailable
    }

    /// The value under `key`; setting one (nil removes it) marks the session modified.
    ///
    /// Flask: `session["key"]`, `session.get("key")`, `session["key"] = value`.
    public subscript(key: String) -> JSONValue? {
        get { state.withLock { $0.accessed = true; return $0.values[key] } }
        set {
            state.withLock {
                $0.values[key] = newValue
                $0.modified = true
                $0.accessed = true
            }
        }
    }

    /// The value under `key` decoded as `T`, or nil when absent or of another shape.
    ///
    /// Flask: `session.get("cart", [])` with the shape known to the caller.
    public func get<T: Decodable>(_ key: String, as type: T.Type = T.self) -> T? {
        guard let value = self[key] else { return nil }
        return try? JSONEncoding.decode(type, from: value)
    }

    /// Stores any `Encodable` value under `key`.
    /// - Throws: `EncodingError` when the value has no JSON form.
    ///
    /// Flask: `session["cart"] = [...]`.
    public func set(_ key: String, _ value: some Encodable) throws {
        self[key] = try JSONValue(encoding: value)
    }

    /// Removes and returns the value under `key`; removing a value marks the session modified.
    ///
    /// Flask: `session.pop("user", None)`.
    @discardableResult
    public func pop(_ key: String) -> JSONValue? {
        state.withLock {
            $0.accessed = true
            guard let removed = $0.values.removeValue(forKey: key) else { return nil }
            $0.modified = true
            return removed
        }
    }

    /// Removes every value; the cookie is deleted when the response is sent.
    ///
    /// Flask: `session.clear()`.
    public func clear() {
        state.withLock {
            $0.values.removeAll()
            $0.modified = true
            $0.accessed = true
        }
    }

    /// True when `key` has a value. Flask: `"user" in session`.
    public func contains(_ key: String) -> Bool { state.withLock { $0.accessed = true; return $0.values[key] != nil } }

    /// The keys stored, sorted. Flask: `session.keys()`.
    public var keys: [String] { state.withLock { $0.accessed = true; return $0.values.keys.sorted() } }

    /// Every stored value (including `_permanent` and `_flashes`). Flask: `dict(session)`.
    public var values: [String: JSONValue] { state.withLock { $0.accessed = true; return $0.values } }

    /// True when nothing is stored. Flask: `not session`.
    public var isEmpty: Bool { state.withLock { $0.accessed = true; return $0.values.isEmpty } }

    /// True when the cookie should outlive the browser session, for `PERMANENT_SESSION_LIFETIME`.
    /// Stored in the session under `_permanent`, as Flask does.
    ///
    /// Flask: `session.permanent`.
    public var permanent: Bool {
        get { self[Self.permanentKey]?.boolValue ?? false }
        set { self[Self.permanentKey] = .bool(newValue) }
    }

    /// True once a value was set or removed; set it yourself after changing a value in place.
    ///
    /// Flask: `session.modified`.
    public var modified: Bool {
        get { state.withLock { $0.modified } }
        set { state.withLock { $0.modified = newValue } }
    }

    /// True once the session was read or written during this request (adds `Vary: Cookie`).
    ///
    /// Flask: `session.accessed`.
    public var accessed: Bool { state.withLock { $0.accessed } }

    /// True when the request brought no valid session cookie.
    ///
    /// Flask: `session.new`.
    public var isNew: Bool { state.withLock { $0.isNew } }

    /// The stored values without marking the session accessed (for saving).
    var snapshot: (values: [String: JSONValue], modified: Bool, accessed: Bool) {
        state.withLock { ($0.values, $0.modified, $0.accessed) }
    }

    func withState<T>(_ body: (inout State) throws -> T) rethrows -> T {
        try state.withLock { try body(&$0) }
    }
}
