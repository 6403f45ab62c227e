import Foundation
import Synchronization

/// A Flaskish application: routes, hooks and error handlers registered at start-up, then
/// served by `run()`.
///
/// ```swift
/// import Flaskish
///
/// let app = Flask()
/// app.route("/") { _ in "Hello, World!" }
/// app.run()
/// ```
///
/// Set-up methods (`route`, `beforeRequest`, `errorhandler`, `use`, …) may only be called
/// before the app handles its first request; after that they stop the program with Flask's
/// message, since a change then would apply to some requests and not others.
///
/// Flask: `flask.Flask`.
public final class Flask: Sendable {
    /// The application's name, used in logs.
    ///
    /// Flask: `app.name` / `import_name`.
    public let name: String
    /// The folder holding `templates/` and `static/`, when there is one.
    ///
    /// Flask: `app.root_path`.
    public let rootPath: String?
    /// The settings.
    ///
    /// Flask: `app.config`.
    public let config: Config
    /// Extensions registered on the app (`SocketIO`, `CORS`), by name.
    ///
    /// Flask: `app.extensions`.
    public let extensions = Extensions()
    /// The app's logger.
    ///
    /// Flask: `app.logger`.
    public let logger: Logger
    /// The command line `run()` reads: `run`, `routes` and the app's own commands.
    ///
    /// Flask: `app.cli`.
    public let cli = AppCLI()

    private let builder = Mutex<AppBuilder?>(AppBuilder())
    let templateEnvironment = Mutex<TemplateEnvironment?>(nil)
    /// The template globals that outlive a request, made by the first render
    /// (Flask+Templates.swift).
    let templateGlobalsCache = Mutex<TemplateGlobalsCache?>(nil)
    private let frozenApp = Mutex<FrozenApp?>(nil)
    /// The same snapshot once made, read without a lock: `url_for` in a template loop reads the
    /// URL map hundreds of times per page (`AtomicLazyReference.load` is not inlined and cost
    /// more than the lock). Unretained, and safe to take: it is stored once, after `frozenApp`,
    /// which holds the snapshot strongly for as long as the app lives and never lets it go.
    private let frozenReady = Atomic<Unmanaged<FrozenApp>?>(nil)

    /// The folder of static files, when the app serves one (absolute).
    ///
    /// Flask: `app.static_folder`.
    public let staticFolder: String?
    /// The URL path static files are served at (`/static`).
    ///
    /// Flask: `app.static_url_path`.
    public let staticURLPath: String?

    /// An application.
    ///
    /// - Parameters:
    ///   - name: a name for logs (Flask's `import_name`).
    ///   - rootPath: the folder that holds `templates/` and `static/`.
    ///   - staticFolder: the static folder, absolute or relative to `rootPath` (none when
    ///     relative without a `rootPath`). When that folder exists,
    ///     `<staticURLPath>/<path:filename>` serves its files (endpoint `static`).
    ///   - staticURLPath: where static files are served; `/` + the folder's name when nil.
    /// Flask: `Flask(__name__, static_folder="static", static_url_path=None, root_path=None)`.
    public init(_ name: String = "app", rootPath: String? = nil, staticFolder: String? = "static", staticURLPath: String? = nil) {
        self.name = name
        self.rootPath = rootPath
        let config = Config()
        self.config = config
        self.logger = Logger(name: name, config: config)
        // A relative folder needs a root: without one the app has no static files (not the
        // working directory's, which would change with where the program is started).
        let folder = staticFolder.flatMap { $0.hasPrefix("/") || rootPath != nil ? StaticFiles.resolve($0, rootPath: rootPath) : nil }
        self.staticFolder = folder.flatMap { StaticFiles.isDirectory($0) ? $0 : nil }
        self.staticURLPath = self.staticFolder.map { StaticFiles.urlPath(staticURLPath, folder: $0) }
        if let folder = self.staticFolder, let urlPath = self.staticURLPath {
            setup("add_url_rule") { $0.addStaticRoute(folder: folder, rule: urlPath + "/<path:filename>", endpoint: "static") }
        }
    }

    /// An application whose `templates/` and `static/` folders are resources of `bundle`
    /// (`Flask(bundle: .module)` in an executable target with those resources).
    ///
    /// Flask: `Flask(__name__)`, which finds the folders next to the module.
    public convenience init(_ name: String = "app", bundle: Bundle) {
        self.init(name, rootPath: bundle.resourceURL?.path)
    }

    /// True when `DEBUG` is set.
    ///
    /// Flask: `app.debug`.
    public var debug: Bool {
        get { config.get("DEBUG", as: Bool.self) ?? false }
        set { config["DEBUG"] = newValue }
    }

    /// True when `TESTING` is set: unhandled errors then reach the test client.
    ///
    /// Flask: `app.testing`.
    public var testing: Bool {
        get { config.get("TESTING", as: Bool.self) ?? false }
        set { config["TESTING"] = newValue }
    }

    /// Runs a set-up change, or stops with Flask's message once the app has served.
    func setup(_ method: String, _ change: (inout AppBuilder) -> Void) {
        builder.withLock { builder in
            guard builder != nil else {
                preconditionFailure("The setup method '\(method)' can no longer be called on the application. It has already handled its first request, any changes will not be applied consistently. Make sure all imports, decorators, functions, etc. needed to set up the application are done before running it.")
            }
            builder!.provideAutomaticOptions = config.get("PROVIDE_AUTOMATIC_OPTIONS", as: Bool.self) ?? true
            change(&builder!)
        }
    }

    /// The serving snapshot, made on first use; set-up is closed from then on.
    var frozen: FrozenApp {
        if let ready = frozenIfReady { return ready }
        return frozenApp.withLock { frozen in
            if let frozen { return frozen }
            let made = builder.withLock { builder -> FrozenApp in
                let snapshot = FrozenApp(builder!, app: self)
                builder = nil
                return snapshot
            }
            frozen = made
            frozenReady.store(Unmanaged.passUnretained(made), ordering: .releasing)
            return made
        }
    }

    /// The serving snapshot if it has been made, without making it (set-up may still be open).
    var frozenIfReady: FrozenApp? { frozenReady.load(ordering: .acquiring)?.takeUnretainedValue() }

    /// The blueprints registered while set-up is open; nil once the app has served.
    var openBlueprints: [String: Blueprint]? { builder.withLock { $0?.blueprints } }

    /// `read` applied to the set-up state while it is open; nil once the app has served.
    func builderState<T: Sendable>(_ read: (AppBuilder) -> T) -> T? { builder.withLock { $0.map(read) } }

    /// The rules registered so far (for `urlFor` and introspection), and the map's settings:
    /// register a custom converter with `app.urlMap.converters["list"] = ListConverter.self`
    /// before the rules that name it. Changing the map is set-up: it stops the program once the
    /// app has served (as registering a route does).
    ///
    /// Flask: `app.url_map` (`app.url_map.converters["list"] = ListConverter`).
    public var urlMap: URLMap {
        get {
            // Once frozen, set-up is closed for good: no lock to take.
            if let ready = frozenIfReady { return ready.urlMap }
            if let map = builder.withLock({ $0?.urlMap }) { return map }
            return frozen.urlMap
        }
        set {
            let changed = builder.withLock { state -> Bool in
                guard state != nil else { return false }
                state?.urlMap = newValue
                return true
            }
            precondition(changed, "The URL map of '\(name)' cannot change once it has started serving.")
        }
    }
}

/// The extensions an app carries, by name.
///
/// Flask: `app.extensions` (a dict).
public final class Extensions: Sendable {
    private let storage = Mutex<[String: any Sendable]>([:])

    /// The extension registered under `name`.
    ///
    /// Flask: `app.extensions[name]`.
    public subscript(name: String) -> (any Sendable)? {
        get { storage.withLock { $0[name] } }
        set { storage.withLock { $0[name] = newValue } }
    }
}
