import Synchronization

extension Flask {
    /// The app's template environment: templates from `<rootPath>/templates`, Flask's
    /// autoescape policy, reloaded from disk when they change if `TEMPLATES_AUTO_RELOAD` (or,
    /// when unset, `DEBUG`) is on. Add filters, tests and globals here at set-up.
    ///
    /// Flask: `app.jinja_env`.
    public var jinjaEnv: TemplateEnvironment {
        templateEnvironment.withLock { environment in
            if let environment { return environment }
            var searchPaths: [String] = []
            if let rootPath { searchPaths.append(rootPath + "/templates") }
            let made = TemplateEnvironment(loader: FileSystemLoader(searchPaths))
            made.autoReload = config.get("TEMPLATES_AUTO_RELOAD", as: Bool.self) ?? debug
            environment = made
            return made
        }
    }

    /// What every template sees besides its own context, as in Flask: `url_for` (and
    /// `urlFor`), `request`, `g`, `config`, plus the globals of the environment.
    func templateGlobals() -> [String: TemplateValue] {
        var globals: [String: TemplateValue] = [:]
        let buildURL = TemplateValue.callable(TemplateCallable(name: "url_for") { [unowned self] arguments in
            try .string(self.templateURLFor(arguments))
        })
        globals["url_for"] = buildURL
        globals["urlFor"] = buildURL
        globals["config"] = .dict(TemplateDict(config.snapshot.sorted { $0.key < $1.key }.map { (TemplateValue.string($0.key), TemplateValue(any: $0.value)) }))
        if let context = AppContext.current {
            globals["request"] = .object(RequestTemplateObject(context.request))
            globals["g"] = .object(GlobalsTemplateObject(context))
        }
        return globals
    }

    /// `url_for(endpoint, **values)` inside a template; `_external=True` for a full URL.
    private func templateURLFor(_ arguments: TemplateArguments) throws -> String {
        guard let endpoint = arguments.positional.first?.pythonString else {
            throw TemplateRuntimeError("TypeError", "url_for() missing 1 required positional argument: 'endpoint'")
        }
        var values: [String: String] = [:]
        var external = false
        for (name, value) in arguments.keyword {
            if name == "_external" { external = value.isTruthy; continue }
            values[name] = value.pythonString
        }
        let path = try urlMap.build(endpoint: endpoint, values: values)
        guard external else { return path }
        let host = AppContext.current?.request.host ?? config.get("SERVER_NAME", as: String.self) ?? "localhost"
        return "http://\(host)\(path)"
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
    return try app.jinjaEnv.render(name, context: context, globals: app.templateGlobals())
}

/// Renders template source given as a string, with the same globals as `renderTemplate`;
/// autoescaped.
///
/// Flask: `flask.render_template_string(source, **context)`.
public func renderTemplateString(_ source: String, _ context: [String: TemplateValue] = [:]) throws -> String {
    let app = currentApp
    return try app.jinjaEnv.renderString(source, context: context, globals: app.templateGlobals())
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
        case "args": .dict(TemplateDict(request.args.keys.map { (TemplateValue.string($0), TemplateValue.string(request.args[$0] ?? "")) }))
        case "headers": .dict(TemplateDict(request.headers.map { (TemplateValue.string($0.name), TemplateValue.string($0.value)) }))
        case "view_args": .dict(TemplateDict(request.viewArgs.values.sorted { $0.key < $1.key }.map { (TemplateValue.string($0.key), TemplateValue(any: $0.value.typedValue)) }))
        case "mimetype": .string(request.mimetype)
        default: nil
        }
    }
}

/// `g` as templates see it.
final class GlobalsTemplateObject: TemplateObject {
    let context: AppContext
    init(_ context: AppContext) { self.context = context }

    var typeName: String { "_AppCtxGlobals" }
    var pythonString: String { "<flask.g of '\(context.app.name)'>" }

    func attribute(_ name: String) -> TemplateValue? {
        RequestGlobals(context: context)[name].map { TemplateValue(any: $0) }
    }

    func setAttribute(_ name: String, _ value: TemplateValue) -> Bool {
        RequestGlobals(context: context)[name] = value
        return true
    }
}
