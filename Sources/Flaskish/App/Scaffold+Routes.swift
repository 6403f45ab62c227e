extension Scaffold {
    /// Registers a handler for a URL rule (on a blueprint: under its prefix, with the endpoint
    /// `"name.endpoint"`).
    ///
    /// ```swift
    /// app.route("/user/<int:id>", methods: ["GET", "POST"]) { req in
    ///     "user \(try req.viewArgs.get("id", as: Int.self))"
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - rule: Werkzeug's rule syntax: static parts and `<converter:name>` variables
    ///     (`string`, `int`, `float`, `path`, `uuid`, `any(a, b)`).
    ///   - methods: the methods it answers; `GET` by default. `HEAD` comes with `GET`, and
    ///     `OPTIONS` is answered automatically.
    ///   - endpoint: the name `urlFor` builds from; derived from the rule when nil
    ///     (`/user/<int:id>` → `user_id`, `/` → `index`).
    ///   - strictSlashes: a rule ending in `/` redirects requests without it (308).
    ///   - handler: runs on a worker thread; may block, or be `async`.
    /// Flask: `@app.route(rule, methods=[…], endpoint=…)` (on a plain or an `async def` view).
    public func route<R: ResponseConvertible>(
        _ rule: String, methods: [HTTPMethod]? = nil, endpoint: String? = nil, strictSlashes: Bool = true,
        _ handler: @escaping @Sendable (Request) async throws -> R
    ) {
        addRoute(rule, methods: methods, endpoint: endpoint, strictSlashes: strictSlashes, method: "route") { request in
            try await handler(request).makeResponse()
        }
    }

    // One overload per shortcut: a synchronous closure converts to the `async` parameter.

    /// `route(rule, methods: ["GET"])`. Flask: `@app.get(rule)`.
    public func get<R: ResponseConvertible>(_ rule: String, endpoint: String? = nil, _ handler: @escaping @Sendable (Request) async throws -> R) {
        route(rule, methods: [.GET], endpoint: endpoint, handler)
    }
    /// `route(rule, methods: ["POST"])`. Flask: `@app.post(rule)`.
    public func post<R: ResponseConvertible>(_ rule: String, endpoint: String? = nil, _ handler: @escaping @Sendable (Request) async throws -> R) {
        route(rule, methods: [.POST], endpoint: endpoint, handler)
    }
    /// `route(rule, methods: ["PUT"])`. Flask: `@app.put(rule)`.
    public func put<R: ResponseConvertible>(_ rule: String, endpoint: String? = nil, _ handler: @escaping @Sendable (Request) async throws -> R) {
        route(rule, methods: [.PUT], endpoint: endpoint, handler)
    }
    /// `route(rule, methods: ["PATCH"])`. Flask: `@app.patch(rule)`.
    public func patch<R: ResponseConvertible>(_ rule: String, endpoint: String? = nil, _ handler: @escaping @Sendable (Request) async throws -> R) {
        route(rule, methods: [.PATCH], endpoint: endpoint, handler)
    }
    /// `route(rule, methods: ["DELETE"])`. Flask: `@app.delete(rule)`.
    public func delete<R: ResponseConvertible>(_ rule: String, endpoint: String? = nil, _ handler: @escaping @Sendable (Request) async throws -> R) {
        route(rule, methods: [.DELETE], endpoint: endpoint, handler)
    }

    func addRoute(
        _ ruleString: String, methods: [HTTPMethod]?, endpoint: String?, strictSlashes: Bool, method: String,
        handler: @escaping RouteHandler
    ) {
        if registrar.owner == .blueprint, let endpoint, endpoint.contains(".") {
            preconditionFailure("'endpoint' may not contain a dot '.' character.")
        }
        let name = endpoint ?? Flask.endpointName(for: ruleString)
        registrar.record(method) { builder, state in
            builder.addRoute(state?.prefixed(ruleString) ?? ruleString,
                             endpoint: state.map { "\($0.name).\(name)" } ?? name,
                             methods: methods, strictSlashes: strictSlashes, handler: handler)
        }
    }
}

extension Flask {
    /// Closures have no `__name__`, so an endpoint is derived from the rule: static words and
    /// variable names joined by `_` (`/user/<int:id>/posts` → `user_id_posts`), `/` → `index`.
    static func endpointName(for rule: String) -> String {
        var words: [String] = []
        var current = ""
        var inVariable = false
        var variable = ""
        for character in rule {
            if inVariable {
                if character == ">" {
                    inVariable = false
                    let name = variable.split(separator: ":").last.map(String.init) ?? variable
                    words.append(name)
                    variable = ""
                } else {
                    variable.append(character)
                }
                continue
            }
            if character == "<" {
                if !current.isEmpty { words.append(current); current = "" }
                inVariable = true
            } else if character.isLetter || character.isNumber || character == "_" {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.isEmpty ? "index" : words.joined(separator: "_")
    }
}
