import Synchronization

/// The state of one request while it is handled: the app, the request, `g` and the
/// callbacks registered with `afterThisRequest`.
///
/// Bound to the task that handles the request through a `TaskLocal`, as Flask binds its
/// context with a `ContextVar`; tasks created with `Task { }` inside a handler inherit it,
/// detached tasks and other threads do not.
///
/// Flask: `flask.ctx.AppContext` (the request and app contexts, merged as in Flask 3.2).
public final class AppContext: Sendable {
    /// The application handling the request.
    ///
    /// Flask: `ctx.app` (what `current_app` points to).
    public let app: Flask
    private let state: Mutex<State>

    struct State {
        var request: Request
        var g: [String: any Sendable] = [:]
        var afterThisRequest: [@Sendable (Response) async throws -> Response] = []
        /// Opened on first use by `session` (Sessions/Session+Context.swift).
        var session: Session?
    }

    /// The context bound to the current task, if any.
    @TaskLocal public static var current: AppContext?

    /// A context for `request` handled by `app` (also used by extensions that run user code,
    /// such as Socket.IO event handlers, which Flask-SocketIO runs inside a request context).
    package init(app: Flask, request: Request) {
        self.app = app
        self.state = Mutex(State(request: request))
    }

    /// The request being handled.
    ///
    /// Flask: `ctx.request`.
    public var request: Request {
        get { state.withLock { $0.request } }
        set { state.withLock { $0.request = newValue } }
    }

    func withState<T>(_ body: (inout State) throws -> T) rethrows -> T {
        try state.withLock { try body(&$0) }
    }
}

/// Flask's `g`: a namespace for data that lives as long as one request.
///
/// ```swift
/// app.beforeRequest { _ in g["user"] = "ana"; return nil }
/// app.route("/") { _ in "Hello \(g.get("user", as: String.self) ?? "stranger")" }
/// ```
///
/// Flask: `flask.g`.
public struct RequestGlobals: Sendable {
    let context: AppContext

    /// The value stored under `key`, or nil.
    ///
    /// Flask: `g.key` / `setattr(g, key, value)`.
    public subscript(key: String) -> (any Sendable)? {
        get { context.withState { $0.g[key] } }
        nonmutating set { context.withState { $0.g[key] = newValue } }
    }

    /// The value stored under `key` as `T`, or nil.
    ///
    /// Flask: `g.get("user")`.
    public func get<T>(_ key: String, as type: T.Type = T.self) -> T? { self[key] as? T }

    /// Removes and returns the value stored under `key`.
    ///
    /// Flask: `g.pop("user", None)`.
    @discardableResult
    public func pop(_ key: String) -> (any Sendable)? {
        context.withState { $0.g.removeValue(forKey: key) }
    }

    /// True when `key` has a value.
    ///
    /// Flask: `"user" in g`.
    public func contains(_ key: String) -> Bool { context.withState { $0.g[key] != nil } }
}
