import Synchronization

/// A group of routes, hooks and error handlers registered on an app as one piece, under a
/// name and an optional URL prefix.
///
/// ```swift
/// let admin = Blueprint("admin", urlPrefix: "/admin")
/// admin.route("/") { _ in "dashboard" }          // endpoint "admin.index", URL /admin/
/// admin.beforeRequest { _ in nil }               // only for /admin/… requests
/// app.registerBlueprint(admin)
/// ```
///
/// Registrations are recorded and applied each time the blueprint is registered; once it has
/// been registered, further set-up stops the program with Flask's message.
///
/// Flask: `flask.Blueprint`.
public final class Blueprint: Scaffold {
    /// The name: the prefix of its endpoints (`"admin.index"`) and of `request.blueprint`.
    ///
    /// Flask: `bp.name`.
    public let name: String
    /// The URL prefix of its routes, unless `registerBlueprint` gives another.
    ///
    /// Flask: `bp.url_prefix`.
    public let urlPrefix: String?
    /// Its static folder, absolute or relative to `rootPath` (or the app's root); nil for none.
    ///
    /// Flask: `bp.static_folder`.
    public let staticFolder: String?
    /// The URL path of its static files, below its prefix; `/` + the folder's last component
    /// when nil.
    ///
    /// Flask: `bp.static_url_path`.
    public let staticURLPath: String?
    /// Its template folder, absolute or relative to `rootPath`, for the template loader.
    ///
    /// Flask: `bp.template_folder`.
    public let templateFolder: String?
    /// The folder its relative `staticFolder` and `templateFolder` are in; the app's root
    /// when nil.
    ///
    /// Flask: `bp.root_path`.
    public let rootPath: String?

    private let state = Mutex(State())

    private struct State {
        var deferred: [DeferredSetup] = []
        var registered = false
    }

    /// A blueprint.
    ///
    /// - Parameters:
    ///   - name: its name; may not contain a dot.
    ///   - urlPrefix: a path put before every rule (`/admin`).
    ///   - staticFolder: a folder of static files served at `staticURLPath` (endpoint `name.static`).
    ///   - staticURLPath: where those files are served, below the prefix.
    ///   - templateFolder: a folder of templates of its own.
    ///   - rootPath: the folder relative paths start from.
    /// Flask: `Blueprint(name, __name__, url_prefix=…, static_folder=…, static_url_path=…,
    /// template_folder=…, root_path=…)`.
    public init(_ name: String, urlPrefix: String? = nil, staticFolder: String? = nil, staticURLPath: String? = nil,
                templateFolder: String? = nil, rootPath: String? = nil) {
        precondition(!name.isEmpty, "'name' may not be empty.")
        precondition(!name.contains("."), "'name' may not contain a dot '.' character.")
        self.name = name
        self.urlPrefix = urlPrefix
        self.staticFolder = staticFolder
        self.staticURLPath = staticURLPath
        self.templateFolder = templateFolder
        self.rootPath = rootPath
    }

    /// Where its registrations go: recorded until the blueprint is registered.
    public var registrar: ScaffoldRegistrar {
        ScaffoldRegistrar(owner: .blueprint) { [self] method, change in
            state.withLock { state in
                guard !state.registered else {
                    preconditionFailure("The setup method '\(method)' can no longer be called on the blueprint '\(name)'. It has already been registered at least once, any changes will not be applied consistently. Make sure all imports, decorators, functions, etc. needed to set up the blueprint are done before registering it.")
                }
                state.deferred.append(change)
            }
        }
    }

    /// Registers a hook that runs before every request of the app, not only this blueprint's.
    ///
    /// Flask: `@bp.before_app_request`.
    public func beforeAppRequest(_ hook: @escaping BeforeRequestHook) { addBeforeRequest(hook, appWide: true) }

    /// Registers a hook that may change every response of the app.
    ///
    /// Flask: `@bp.after_app_request`.
    public func afterAppRequest(_ hook: @escaping AfterRequestHook) { addAfterRequest(hook, appWide: true) }

    /// Registers a teardown hook for every request of the app.
    ///
    /// Flask: `@bp.teardown_app_request`.
    public func teardownAppRequest(_ hook: @escaping TeardownHook) { addTeardownRequest(hook, appWide: true) }

    /// Answers errors with `status` anywhere in the app, as `app.errorhandler` would.
    ///
    /// Flask: `@bp.app_errorhandler(404)`.
    public func appErrorhandler<R: ResponseConvertible>(_ status: HTTPStatus, _ handler: @escaping @Sendable (HTTPException) async throws -> R) {
        addErrorHandler(status, handler, appWide: true)
    }

    /// Answers errors of type `E` anywhere in the app, as `app.errorhandler` would.
    ///
    /// Flask: `@bp.app_errorhandler(MyError)`.
    public func appErrorhandler<E: Error, R: ResponseConvertible>(_ type: E.Type, _ handler: @escaping @Sendable (E) async throws -> R) {
        addErrorHandler(type, handler, appWide: true)
    }

    /// Closes set-up and returns what was recorded, for `registerBlueprint`.
    func freezeForRegistration() -> [DeferredSetup] {
        state.withLock { state in
            state.registered = true
            return state.deferred
        }
    }
}
