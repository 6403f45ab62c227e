// The parts of `request` a template reaches beyond plain strings: Werkzeug's multi-value
// dictionaries (`args`, `form`, `values`, `cookies`) and its headers, with their methods, and
// the attributes `RequestTemplateObject` does not list itself.

extension RequestTemplateObject {
    /// Werkzeug attributes past the basic ones (`url_root`, `values`, `cookies`, `is_json`…).
    func werkzeugAttribute(_ name: String) -> TemplateValue? {
        switch name {
        case "url_root", "root_url": .string(request.urlRoot)
        case "args": .object(MultiDictTemplateObject(request.args))
        case "form": (try? request.form).map { .object(MultiDictTemplateObject($0)) }
        case "values": (try? request.values).map { .object(MultiDictTemplateObject($0)) }
        case "cookies": .object(MultiDictTemplateObject(request.cookies))
        case "headers": .object(HeadersTemplateObject(request.headers))
        case "is_json": .bool(request.isJSON)
        case "json": request.json.map(TemplateValue.init) ?? TemplateValue.none
        case "blueprint": request.blueprint.map { .string($0) } ?? TemplateValue.none
        case "blueprints": .list(Self.blueprintChain(request.blueprint).map { .string($0) })
        case "content_type": request.contentType.map { .string($0) } ?? TemplateValue.none
        case "content_length": request.contentLength.map { .int($0) } ?? TemplateValue.none
        case "is_secure": .bool(request.scheme == "https")
        case "user_agent": .string(request.headers["User-Agent"] ?? "")
        case "data": .string(request.text)
        default: nil
        }
    }

    /// `a.b` for blueprint `a.b`, then `a`: Flask's `request.blueprints`.
    private static func blueprintChain(_ name: String?) -> [String] {
        guard var name else { return [] }
        var chain = [name]
        while let dot = name.lastIndex(of: ".") {
            name = String(name[..<dot])
            chain.append(name)
        }
        return chain
    }
}

/// `request.args`, `form`, `values` and `cookies` in a template: `args.q`, `args["q"]`,
/// `args.get("q", "")`, `args.getlist("tag")`, `args.to_dict()`, `"q" in args`, `args|length`,
/// `{% for key in args %}`, `args.items()`.
///
/// Werkzeug: `ImmutableMultiDict`.
final class MultiDictTemplateObject: TemplateObject {
    let fields: MultiDict
    init(_ fields: MultiDict) { self.fields = fields }

    /// The first value of each key, keys in first-seen order (what a Python `dict` view shows).
    private var firstValues: TemplateDict {
        var dict = TemplateDict()
        for key in fields.keys { dict[key] = .string(fields[key] ?? "") }
        return dict
    }

    var typeName: String { "ImmutableMultiDict" }
    var pythonString: String {
        let pairs = fields.map { "(\(TemplateValue.string($0.key).pythonRepr), \(TemplateValue.string($0.value).pythonRepr))" }
        return "ImmutableMultiDict([\(pairs.joined(separator: ", "))])"
    }
    var iterationItems: [TemplateValue]? { fields.keys.map { .string($0) } }

    func attribute(_ name: String) -> TemplateValue? {
        let fields = fields
        switch name {
        case "getlist":
            return .callable(TemplateCallable(name: "getlist") { args in
                .list(fields.getAll(args.positional.first?.pythonString ?? "").map { .string($0) })
            })
        case "to_dict":
            let first = firstValues
            return .callable(TemplateCallable(name: "to_dict") { args in
                let flat = args.keyword.first { $0.name == "flat" }?.value ?? args.positional.first
                guard case .bool(false)? = flat else { return .dict(first) }
                var dict = TemplateDict()
                for key in fields.keys { dict[key] = .list(fields.getAll(key).map { .string($0) }) }
                return .dict(dict)
            })
        case "get", "keys", "values", "items":
            return TemplateMethods.bound(.dict(firstValues), name)
        default:
            return fields[name].map { .string($0) }
        }
    }
}

/// `request.headers` in a template: `headers.get("user-agent")` and `headers["Accept"]` ignore
/// case and read a repeated field joined with `,` (as `request.headers` in Swift), and
/// `headers.getlist(name)` gives the fields apart; iterating gives `(name, value)` pairs.
///
/// Werkzeug: `EnvironHeaders`.
final class HeadersTemplateObject: TemplateObject {
    let headers: HTTPHeaders
    init(_ headers: HTTPHeaders) { self.headers = headers }

    var typeName: String { "EnvironHeaders" }
    var pythonString: String { headers.map { "\($0.name): \($0.value)\r\n" }.joined() + "\r\n" }
    var iterationItems: [TemplateValue]? { headers.map { .tuple([.string($0.name), .string($0.value)]) } }

    func attribute(_ name: String) -> TemplateValue? {
        let headers = headers
        switch name {
        case "get":
            return .mappingGet { key in headers[key].map { .string($0) } }
        case "getlist":
            return .callable(TemplateCallable(name: "getlist") { args in
                .list(headers.values(for: args.positional.first?.pythonString ?? "").map { .string($0) })
            })
        default:
            return headers[name].map { .string($0) }
        }
    }
}

extension TemplateValue {
    /// Python's `mapping.get(key, default=None)` as a template method reading `lookup`: the
    /// default comes positionally or as `default=`, and a missing key gives it (or `None`).
    static func mappingGet(_ lookup: @escaping @Sendable (String) -> TemplateValue?) -> TemplateValue {
        .callable(TemplateCallable(name: "get") { args in
            let key = args.positional.first?.pythonString ?? ""
            let fallback = args.positional.dropFirst().first
                ?? args.keyword.first { $0.name == "default" }?.value ?? TemplateValue.none
            return lookup(key) ?? fallback
        })
    }
}
