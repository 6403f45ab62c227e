import Synchronization

extension Flask {
    /// The app's template environment: templates from `<rootPath>/templates`, then from the
    /// `templateFolder` of each registered blueprint in registration order; Flask's
    /// autoescape policy; reloaded from disk when they change if `TEMPLATES_AUTO_RELOAD` (or,
    /// when unset, `DEBUG`) is on. Add filters, tests and globals here at set-up.
    ///
    /// Flask: `app.jinja_env` (with its `DispatchingJinjaLoader`).
    public var jinjaEnv: TemplateEnvironment {
        templateEnvironment.withLock { environment in
            if let environment { return environment }
            let made = TemplateEnvironment(loader: AppTemplateLoader(app: self))
            made.autoReload = config.get("TEMPLATES_AUTO_RELOAD", as: Bool.self) ?? debug
            environment = made
            return made
        }
    }

    /// The folders templates are searched in, in order: the app's `templates/`, then each
    /// registered blueprint's template folder in registration order.
    ///
    /// Flask: the order of `DispatchingJinjaLoader._iter_loaders`.
    public var templateSearchPath: [String] { templateSearchLocations.map(\.folder) }

    /// The template folders with who owns each: `application 'name'` or `blueprint 'name'`.
    var templateSearchLocations: [(owner: String, folder: String)] {
        var locations = rootPath.map { [(owner: "application '\(name)'", folder: $0 + "/templates")] } ?? []
        for (registered, blueprint) in blueprintsInRegistrationOrder {
            guard let folder = blueprint.templateFolder else { continue }
            locations.append((owner: "blueprint '\(registered)'",
                              folder: StaticFiles.resolve(folder, rootPath: blueprint.rootPath ?? rootPath)))
        }
        return locations
    }

    /// What every template sees besides its own context, as in Flask: `url_for` (and
    /// `urlFor`), `get_flashed_messages` (and `getFlashedMessages`), `config`, and inside a
    /// request `request`, `session` and `g`; plus the globals of the environment.
    ///
    /// What does not depend on the request is made once and kept until the config changes
    /// (``TemplateGlobalsCache``); each render adds only its request's `request`, `g` and
    /// `session`.
    func templateGlobals() -> [String: TemplateValue] {
        let shared = sharedTemplateGlobals()
        guard let context = AppContext.current else { return shared.outsideRequest }
        var globals = shared.insideRequest
        globals["request"] = .object(RequestTemplateObject(context.request))
        globals["g"] = .object(GlobalsTemplateObject(context))
        globals["session"] = .object(SessionTemplateObject(context))
        return globals
    }

    /// The globals that are the same for every render while the config stays the same.
    private func sharedTemplateGlobals() -> TemplateGlobalsCache {
        let generation = config.generation
        if let cached = templateGlobalsCache.withLock({ $0 }), cached.configGeneration == generation {
            return cached
        }
        let (values, madeAt) = config.snapshotWithGeneration
        let made = TemplateGlobalsCache(config: values, configGeneration: madeAt)
        if made.isReusable { templateGlobalsCache.withLock { $0 = made } }
        return made
    }

    /// `templateGlobals()` with the context processors' values over them.
    func templateContext() throws -> [String: TemplateValue] {
        try templateGlobals().merging(contextProcessorValues()) { _, processed in processed }
    }
}

/// Renders the template `name` from the app's `templates/` folder with `context`, and the
/// app's globals (`url_for`, `request`, `g`, `config`). HTML templates are autoescaped.
///
/// ```swift
/// app.route("/") { _ in try renderTemplate("index.html", ["name": "Ana"]) }
/// ```
/// - Throws: `TemplateNotFound`, `TemplateSyntaxError`, or a rendering error (all become a
///   logged 500 when a handler lets them escape).
/// Flask: `flask.render_template(name, **context)`.
public func renderTemplate(_ name: String, _ context: [String: TemplateValue] = [:]) throws -> String {
    let app = currentApp
    return try app.jinjaEnv.render(name, context: context, globals: app.templateContext())
}

/// Renders template source given as a string, with the same globals as `renderTemplate`;
/// autoescaped.
///
/// Flask: `flask.render_template_string(source, **context)`.
public func renderTemplateString(_ source: String, _ context: [String: TemplateValue] = [:]) throws -> String {
    let app = currentApp
    return try app.jinjaEnv.renderString(source, context: context, globals: app.templateContext())
}

/// The template globals that do not depend on the request, for one state of the config:
/// `url_for`, `config`, and `get_flashed_messages` (inside a request only).
struct TemplateGlobalsCache: Sendable {
    /// The config's ``Config/generation`` that `config` shows.
    let configGeneration: UInt64
    /// What a render outside a request sees.
    let outsideRequest: [String: TemplateValue]
    /// What a render inside a request sees before its `request`, `g` and `session`, with room
    /// for them.
    let insideRequest: [String: TemplateValue]
    /// False when a config value is an object: its `str()` may change without the config
    /// changing, so `config` is then made afresh for each render, as before this cache.
    let isReusable: Bool

    /// `get_flashed_messages`, which depends on nothing but the request it is called in.
    private static let flashedMessages = TemplateValue.callable(
        TemplateCallable(name: "get_flashed_messages", Flask.templateGetFlashedMessages))

    init(config: [String: any Sendable], configGeneration: UInt64) {
        self.configGeneration = configGeneration
        // Bound to no app: it builds with the app of the request it is called in, as before.
        let buildURL = TemplateValue.callable(TemplateCallable(name: "url_for") { arguments in
            try .string(Flask.templateURLFor(arguments))
        })
        var isReusable = true
        let configDict = TemplateDict(config.sorted { $0.key < $1.key }.map { key, value in
            if type(of: value) is AnyObject.Type { isReusable = false }
            return (TemplateValue.string(key), TemplateValue(any: value))
        })
        self.isReusable = isReusable
        var globals: [String: TemplateValue] = [:]
        globals.reserveCapacity(8)
        globals["url_for"] = buildURL
        globals["urlFor"] = buildURL
        globals["config"] = .dict(configDict)
        outsideRequest = globals
        globals["get_flashed_messages"] = Self.flashedMessages
        globals["getFlashedMessages"] = Self.flashedMessages
        insideRequest = globals
    }
}

/// `request` as templates see it: Werkzeug's attribute names.
final class RequestTemplateObject: TemplateObject {
    let request: Request
    init(_ request: Request) { self.request = request }

    var typeName: String { "Request" }
    var pythonString: String { "<Request '\(request.url)' [\(request.method.rawValue)]>" }

    func attribute(_ name: String) -> TemplateValue? {
        switch name {
        case "method": .string(request.method.rawValue)
        case "path": .string(request.path)
        case "full_path": .string(request.fullPath)
        case "url": .string(request.url)
        case "base_url": .string(request.baseURL)
        case "host": .string(request.host)
        case "host_url": .string(request.hostURL)
        case "scheme": .string(request.scheme)
        case "remote_addr": .string(request.remoteAddr)
        case "endpoint": request.endpoint.map { .string($0) } ?? TemplateValue.none
        case "query_string": .string(request.queryString)
        case "view_args": .dict(TemplateDict(request.viewArgs.values.sorted { $0.key < $1.key }.map { (TemplateValue.string($0.key), TemplateValue(any: $0.value.typedValue)) }))
        case "mimetype": .string(request.mimetype)
        default: werkzeugAttribute(name)
        }
    }
}

/// `g` as templates see it.
final class GlobalsTemplateObject: TemplateObject {
    let context: AppContext
    init(_ context: AppContext) { self.context = context }

    var typeName: String { "_AppCtxGlobals" }
    var pythonString: String { "<flask.g of '\(context.app.name)'>" }

    var iterationItems: [TemplateValue]? { context.withState { $0.g.keys.sorted() }.map { .string($0) } }

    func attribute(_ name: String) -> TemplateValue? {
        let globals = RequestGlobals(context: context)
        if let value = globals[name] { return TemplateValue(any: value) }
        // `_AppCtxGlobals`' own methods, when no value of that name shadows them.
        switch name {
        case "get":
            return .mappingGet { key in globals[key].map { TemplateValue(any: $0) } }
        default:
            return nil
        }
    }

    func setAttribute(_ name: String, _ value: TemplateValue) -> Bool {
        RequestGlobals(context: context)[name] = value
        return true
    }
}
