import Foundation

// The globals Flask's default context processor and `jinja_env.globals` give every template:
// `url_for`, `get_flashed_messages` and `session` (`request`, `g` and `config` are in
// Flask+Templates.swift).

extension Flask {
    /// `url_for(endpoint, **values)` in a template: the app's own `urlFor`, so a `.name`
    /// endpoint is relative to the request's blueprint and `_external`, `_anchor`, `_method`
    /// and `_scheme` work as in Flask. `None` values are left out, as Werkzeug leaves them; a
    /// list or tuple repeats its query parameter (`tag=['a', 'b']` → `?tag=a&tag=b`).
    ///
    /// Flask: `url_for` in `app.jinja_env.globals` (`app.url_for`).
    static func templateURLFor(_ arguments: TemplateArguments) throws -> String {
        if let url = exactTemplateURL(arguments) { return url }
        return try generalTemplateURL(arguments)
    }

    /// `templateURLFor` for any arguments: the values gathered into dictionaries, as `urlFor`
    /// takes them.
    static func generalTemplateURL(_ arguments: TemplateArguments) throws -> String {
        guard let endpoint = arguments.positional.first?.stringContent ?? arguments["endpoint"]?.stringContent else {
            throw TemplateRuntimeError("TypeError", "url_for() missing 1 required positional argument: 'endpoint'")
        }
        guard arguments.positional.count <= 1 else {
            throw TemplateRuntimeError("TypeError", "url_for() takes 1 positional argument but \(arguments.positional.count) were given")
        }
        // Values written as text here, as `urlFor` would write them, without boxing each one.
        var texts: [String: String] = [:]
        var lists: [String: [String]] = [:]
        var external: Bool?
        var anchor: String?
        var method: HTTPMethod?
        var scheme: String?
        for (name, value) in arguments.keyword where name != "endpoint" {
            switch name {
            case "_external": external = value.isTruthy
            case "_anchor": anchor = value.isNone ? nil : value.pythonString
            case "_method": method = value.isNone ? nil : HTTPMethod(rawValue: value.pythonString.uppercased())
            case "_scheme": scheme = value.isNone ? nil : value.pythonString
            // Written as text now; a list keeps its items, to repeat its query parameter as in Flask.
            default:
                if let written = URLValueText.written(template: value) {
                    texts[name] = written.text
                    if let items = written.items { lists[name] = items } else if !lists.isEmpty { lists[name] = nil }
                }
            }
        }
        if scheme != nil {
            // Flask: a scheme only makes sense in a full URL.
            guard external ?? true else {
                throw TemplateRuntimeError("ValueError", "When specifying '_scheme', '_external' must be True.")
            }
            external = true
        }
        guard let context = AppContext.current else { outsideContext("application") }
        var url = try context.app.buildURL(endpoint, texts: texts, lists: lists, external: external ?? false,
                                           anchor: anchor, method: method, context: context)
        if let scheme, let separator = url.range(of: "://") {
            url = scheme + url[separator.lowerBound...]
        }
        return url
    }

    /// The common template call, `url_for('name', arg=value, …)` inside a request, with values
    /// that exactly fill one rule: built from the keyword arguments in place
    /// (``Flask/exactURL(_:_:context:)``), with no dictionary of texts.
    ///
    /// - Returns: nil for anything else — `_external` and the other `_` options, an `endpoint`
    ///   keyword, a name given twice, `None` or list values, values for the query string — which
    ///   the general path handles (and which gives the same URL for what this path accepts).
    static func exactTemplateURL(_ arguments: TemplateArguments) -> String? {
        guard arguments.positional.count == 1, case .string(let endpoint) = arguments.positional[0] else { return nil }
        let keyword = arguments.keyword
        for index in keyword.indices {
            let name = keyword[index].name
            if name.utf8.first == UInt8(ascii: "_") || name == "endpoint" { return nil }
            switch keyword[index].value {
            case .none, .list, .tuple: return nil
            default: break
            }
            for earlier in 0..<index where keyword[earlier].name == name { return nil }
        }
        guard let context = AppContext.current else { return nil }
        return context.app.exactURL(endpoint, TemplateKeywordURLValues(keyword: keyword), context: context)
    }

    /// `get_flashed_messages(with_categories=False, category_filter=())` in a template: the
    /// messages, or `(category, message)` tuples with `with_categories`. The messages leave
    /// the session on the first call; later calls in the request see the same list.
    ///
    /// Flask: `get_flashed_messages`, put in every template by `app.jinja_env.globals`.
    static func templateGetFlashedMessages(_ arguments: TemplateArguments) throws -> TemplateValue {
        guard arguments.positional.count <= 2 else {
            throw TemplateRuntimeError("TypeError", "get_flashed_messages() takes from 0 to 2 positional arguments but \(arguments.positional.count) were given")
        }
        for (name, _) in arguments.keyword where name != "with_categories" && name != "category_filter" {
            throw TemplateRuntimeError("TypeError", "get_flashed_messages() got an unexpected keyword argument '\(name)'")
        }
        let withCategories = (arguments.positional.first ?? arguments["with_categories"])?.isTruthy ?? false
        var filter: [String] = []
        if let given = arguments.positional.count > 1 ? arguments.positional[1] : arguments["category_filter"] {
            switch given {
            case .list(let items), .tuple(let items): filter = items.map(\.pythonString)
            case .string(let text), .markup(let text): filter = text.map(String.init) // Python iterates a string
            case .none, .undefined: break
            default: throw TemplateRuntimeError("TypeError", "'\(given.typeName)' object is not iterable")
            }
        }
        let messages = getFlashedMessagesWithCategories(categoryFilter: filter)
        return .list(messages.map { flashed in
            withCategories ? .tuple([.string(flashed.category), .string(flashed.message)]) : .string(flashed.message)
        })
    }
}

/// A template call's keyword arguments as URL values, read in place: a value's text is its
/// Python `str()`, as ``URLValueText/written(template:)`` writes it.
struct TemplateKeywordURLValues: URLBuildValues {
    let keyword: [(name: String, value: TemplateValue)]

    var count: Int { keyword.count }

    func index(of name: String) -> Int? {
        for index in keyword.indices where keyword[index].name == name { return index }
        return nil
    }

    func text(at index: Int) -> String {
        if case .string(let text) = keyword[index].value { return text }
        return keyword[index].value.pythonString
    }
}

extension TemplateValue {
    /// Python's `x is None`.
    fileprivate var isNone: Bool { if case .none = self { true } else { false } }
}

/// `session` as templates see it: a dict of the session's values, read only when the template
/// reads it, so a page that never looks at the session does not get `Vary: Cookie`.
///
/// `session.user`, `session["user"]`, `session.get("user", "guest")`, `"user" in session`,
/// `session|length`, `{% for key in session %}`, `session.items()`, `session.permanent`.
///
/// Flask: the `session` the default context processor injects (a `SecureCookieSession`).
final class SessionTemplateObject: TemplateObject {
    let context: AppContext
    init(_ context: AppContext) { self.context = context }

    private var values: TemplateDict {
        let values = context.session.values
        var dict = TemplateDict()
        for key in values.keys.sorted() { dict[key] = TemplateValue(values[key] ?? .null) }
        return dict
    }

    var typeName: String { "SecureCookieSession" }
    var pythonString: String { "<SecureCookieSession \(TemplateValue.dict(values).pythonRepr)>" }
    var iterationItems: [TemplateValue]? { values.keys }

    func attribute(_ name: String) -> TemplateValue? {
        switch name {
        case "permanent": return .bool(context.session.permanent)
        case "modified": return .bool(context.session.modified)
        case "new": return .bool(context.session.isNew)
        case "accessed": return .bool(context.session.accessed)
        case "get", "keys", "values", "items":
            // The dict's own methods, bound to the values as they are now.
            return TemplateMethods.bound(.dict(values), name)
        default:
            return context.session[name].map(TemplateValue.init)
        }
    }
}
