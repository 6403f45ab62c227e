import Foundation

/// The URL of `endpoint` with `values`, built for the current request: a path such as
/// `/user/7`, or `http://host/user/7` with `external`.
///
/// ```swift
/// app.route("/user/<int:id>") { _ in "…" }                  // endpoint "user_id"
/// app.route("/") { _ in redirect(try urlFor("user_id", ["id": 7, "tab": "posts"])) }
/// // → /user/7?tab=posts
/// try urlFor("static", ["filename": "css/app.css"])          // → /static/css/app.css
/// try urlFor(".index")                                        // the current blueprint's index
/// ```
///
/// Values are written by their rule's converters (`Int`, `Double`, `UUID`, `String`, `Bool`;
/// nil values are left out); values the rule does not take become the query string, sorted
/// by name and encoded as Werkzeug does. An array value there repeats its parameter, one per
/// item in order, nil items left out: `["tag": ["a", "b c"]]` → `?tag=a&tag=b+c`, as Flask's
/// `url_for(..., tag=["a", "b c"])` (an empty array adds nothing). An endpoint starting with
/// `.` is relative to the current request's blueprint.
///
/// - Parameters:
///   - endpoint: the endpoint name (`"index"`, `"admin.users"`, `".users"`, `"static"`).
///   - values: the rule's variables and any query arguments (arrays for repeated ones).
///   - external: an absolute URL, with the scheme and the request's `Host`.
///   - anchor: a fragment added after `#`.
///   - method: build the rule that takes this method.
/// - Throws: `BuildError` when no rule of the endpoint takes these values.
/// Flask: `flask.url_for(endpoint, **values, _external=…, _anchor=…, _method=…)`. Outside a
/// request use `app.urlFor`.
public func urlFor(
    _ endpoint: String, _ values: [String: any Sendable] = [:], external: Bool = false,
    anchor: String? = nil, method: HTTPMethod? = nil
) throws -> String {
    guard let context = AppContext.current else { outsideContext("application") }
    return try context.app.buildURL(endpoint, values, external: external, anchor: anchor, method: method,
                                    context: context)
}

/// `app.urlFor` outside a request, when `external` is asked for and the config names no
/// `SERVER_NAME` to put in the URL.
///
/// Flask: the `RuntimeError` `url_for` raises there.
public struct ServerNameRequiredError: Error, CustomStringConvertible, Sendable {
    /// Flask's message.
    public var description: String {
        "Unable to build URLs outside an active request without 'SERVER_NAME' configured. Also configure 'APPLICATION_ROOT' and 'PREFERRED_URL_SCHEME' as needed."
    }
}

extension Flask {
    /// `urlFor` for this app, inside or outside a request (start-up code, background tasks,
    /// tests). Outside a request the path starts with `APPLICATION_ROOT`, and `external` takes
    /// the host from `SERVER_NAME` and the scheme from `PREFERRED_URL_SCHEME`.
    ///
    /// - Throws: `BuildError`, or `ServerNameRequiredError` for an external URL outside a
    ///   request without `SERVER_NAME`.
    /// Flask: `app.url_for(endpoint, **values)` inside `app.app_context()`.
    public func urlFor(
        _ endpoint: String, _ values: [String: any Sendable] = [:], external: Bool = false,
        anchor: String? = nil, method: HTTPMethod? = nil
    ) throws -> String {
        let context = AppContext.current.flatMap { $0.app === self ? $0 : nil }
        return try buildURL(endpoint, values, external: external, anchor: anchor, method: method, context: context)
    }

    func buildURL(
        _ endpoint: String, _ values: [String: any Sendable], external: Bool, anchor: String?,
        method: HTTPMethod?, context: AppContext?
    ) throws -> String {
        if !external, anchor == nil, method == nil, let context,
           let pairs = URLValuePairs(values), let url = exactURL(endpoint, pairs, context: context) {
            return url
        }
        let (texts, lists) = URLValueText.texts(of: values)
        return try buildURL(endpoint, texts: texts, lists: lists, external: external, anchor: anchor, method: method,
                            context: context)
    }

    /// The URL of the common call, inside this app's request, with no `external`, anchor or
    /// method: values that exactly fill one rule of the endpoint. The endpoint may be relative
    /// (`.name`); the request's blueprint and script root are read together, under one lock.
    ///
    /// - Returns: nil whenever ``buildURL(_:texts:lists:external:anchor:method:context:)`` must
    ///   decide (extra values for the query string, no suitable rule, a refused value), which
    ///   then gives the same URL or error as without this path.
    func exactURL(_ endpoint: String, _ values: some URLBuildValues, context: AppContext) -> String? {
        let name: String
        let scriptRoot: String
        if endpoint.utf8.first == UInt8(ascii: ".") {
            let blueprint: String?
            (blueprint, scriptRoot) = context.withState { ($0.request.blueprint, $0.request.scriptRoot) }
            let local = endpoint.dropFirst()
            name = blueprint.map { $0 + "." + local } ?? String(local)
        } else {
            name = endpoint
            scriptRoot = context.withState { $0.request.scriptRoot }
        }
        // `urlMap` reads the frozen app's map without a lock once it exists.
        guard let path = urlMap.buildExact(endpoint: name, values) else { return nil }
        return scriptRoot.isEmpty ? path : scriptRoot + path
    }

    /// `buildURL` with the values already written as text (and list items for repeated query
    /// parameters): what the template `url_for` calls, without boxing each value.
    ///
    /// `context` is the request being handled, if any (nil outside a request, or when it is
    /// another app's): only the request fields a URL needs are read from it, under its lock,
    /// rather than copying the whole request on every call.
    func buildURL(
        _ endpoint: String, texts: [String: String], lists: [String: [String]], external: Bool, anchor: String?,
        method: HTTPMethod?, context: AppContext?
    ) throws -> String {
        var name = endpoint
        if endpoint.utf8.first == UInt8(ascii: ".") {
            name.removeFirst()
            if let blueprint = context?.withState({ $0.request.blueprint }) { name = blueprint + "." + name }
        }
        var url = try urlMap.build(endpoint: name, values: texts, repeatedQueryValues: lists, method: method,
                                   appendUnknown: true)
        if let context {
            let scriptRoot = context.withState { $0.request.scriptRoot }
            if !scriptRoot.isEmpty { url = scriptRoot + url }
            if external {
                let request = context.request
                url = "\(request.scheme)://\(request.host)\(url)"
            }
        } else {
            if let root = config.get("APPLICATION_ROOT", as: String.self), root != "/", !root.isEmpty {
                url = String(root.reversed().drop { $0 == "/" }.reversed()) + url
            }
            if external {
                guard let serverName = config.get("SERVER_NAME", as: String.self) else { throw ServerNameRequiredError() }
                let scheme = config.get("PREFERRED_URL_SCHEME", as: String.self) ?? "http"
                url = "\(scheme)://\(serverName)\(url)"
            }
        }
        if let anchor {
            url += "#" + URLCoding.percentEncode(anchor, safe: .init(extra: "%!#$&'()*+,/:;=?@"))
        }
        return url
    }
}

/// A Swift `urlFor` call's values written as text, for ``URLMap/buildExact(endpoint:_:)``.
struct URLValuePairs: URLBuildValues {
    private var names: [String] = []
    private var texts: [String] = []

    /// The values' texts, or nil when one is nil or an array (the general path drops or
    /// repeats those), or when there are so many that finding names by scanning would cost
    /// more than hashing them.
    init?(_ values: [String: any Sendable]) {
        guard values.count <= 8 else { return nil }
        names.reserveCapacity(values.count)
        texts.reserveCapacity(values.count)
        for (name, value) in values {
            guard let written = URLValueText.written(value), written.items == nil else { return nil }
            names.append(name)
            texts.append(written.text)
        }
    }

    var count: Int { names.count }
    func index(of name: String) -> Int? { names.firstIndex(of: name) }
    func text(at index: Int) -> String { texts[index] }
}

/// How `urlFor` writes a value before its converter sees it: Python's `str()` of it.
enum URLValueText {
    /// The text of `value`, or nil for a nil optional or a template `None` (Werkzeug drops
    /// `None` values).
    static func text(_ value: Any) -> String? { written(value)?.text }

    /// The texts of `values` for the general build, and the items of those that are lists;
    /// nil values and `None` are left out.
    static func texts(of values: [String: any Sendable]) -> (texts: [String: String], lists: [String: [String]]) {
        var texts: [String: String] = [:]
        var lists: [String: [String]] = [:]
        for (key, value) in values {
            guard let written = written(value) else { continue }
            texts[key] = written.text
            if let items = written.items { lists[key] = items }
        }
        return (texts, lists)
    }

    /// The text of `value` and, for an array (or a template list or tuple), the texts of its
    /// items with nil/`None` items left out: Werkzeug's `iter_multi_items` writes one query
    /// parameter per item, while a rule variable gets the list's `str()` (`['a', 'b']`).
    static func written(_ value: Any) -> (text: String, items: [String]?)? {
        // The common cases first, before any reflection (a `Mirror` costs more than the rest of
        // the build). A cast also unwraps an optional that holds the type, as the `Mirror` path
        // below does.
        if let text = value as? String { return (text, nil) }
        if let number = value as? Int { return (String(number), nil) }
        if let template = value as? TemplateValue { return written(template: template) }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return written(wrapped)
        }
        switch value {
        case let list as [Any?]:
            return (TemplateValue(any: list).pythonString, list.compactMap { $0.flatMap { text($0) } })
        case let text as Substring: return (String(text), nil)
        case let flag as Bool: return (flag ? "True" : "False", nil)
        case let number as Double: return (RouteValue.double(number).description, nil)
        case let number as Float: return (RouteValue.double(Double(number)).description, nil)
        case let id as UUID: return (id.uuidString.lowercased(), nil)
        case let routeValue as RouteValue: return (routeValue.description, nil)
        default: return (String(describing: value), nil)
        }
    }

    /// `written` for a template value: `None` is left out, a list or tuple gives its items.
    static func written(template: TemplateValue) -> (text: String, items: [String]?)? {
        switch template {
        case .none: return nil
        case .string(let text): return (text, nil)
        case .list(let items), .tuple(let items):
            return (template.pythonString, items.compactMap { item in
                if case TemplateValue.none = item { nil } else { item.pythonString }
            })
        default: return (template.pythonString, nil)
        }
    }
}
