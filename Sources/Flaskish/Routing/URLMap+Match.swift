extension URLMap {
    /// Matches a request path (percent-decoded, without the query) for a method.
    ///
    /// Outcomes follow Werkzeug's `MapAdapter.match`:
    /// - `.matched` with the converted values and the rule's defaults;
    /// - `.redirect` to `path + "/"` when only a strict branch rule (`/a/`) takes this method; a rule
    ///   for `/a` itself is tried first, so `GET /a/` + `POST /a` sends `POST /a` to its own rule
    ///   (flask#1783). When the branch rule does not take the method either, there is no redirect:
    ///   Werkzeug 3.1 answers 405 with the methods of the `/a` rules, or 404 if there are none;
    ///   so does this;
    /// - `.redirect` to the merged path when only `/a//b` → `/a/b` matches (``mergeSlashes``);
    /// - `.redirect` to the simpler URL when a rule with defaults writes these values
    ///   (``redirectDefaults``, Werkzeug's `test_defaults`: `/foo/1` → `/foo/`);
    /// - `.methodNotAllowed` with every method of the rules whose path matched;
    /// - `.notFound` otherwise; `/a/` for a leaf rule `/a` is a 404.
    ///
    /// Leading slashes collapse to one (`//a` is `/a`), and the method is compared upper-case.
    /// One difference from Werkzeug 3.1: a converter that refuses a value (`int(max=10)` given
    /// `20`) lets the other rules try, as Werkzeug's `ValidationError` documents; Werkzeug's
    /// state machine gives 404 there instead.
    public func match(path: String, method: HTTPMethod) -> URLMatch {
        match(path: path, requestMethod: method.upperCasedForRouting())
    }

    /// The methods the rules for this path take, sorted (Werkzeug's `allowed_methods`); empty when
    /// nothing matches the path.
    public func allowedMethods(path: String) -> [HTTPMethod] {
        if case .methodNotAllowed(let allowed) = match(path: path, requestMethod: nil) { return allowed }
        return []
    }

    /// `requestMethod` nil matches no rule, which collects every method of the matching rules.
    func match(path rawPath: String, requestMethod: HTTPMethod?) -> URLMatch {
        let path = Self.normalizedPath(rawPath)
        var search = RouteSearch(nodes: nodes, rules: rules, path: path, method: requestMethod, budget: maxConverterCalls)
        switch search.run() {
        case .slashRequired:
            return .redirect(location: URLMap.Quoting.quotePath(path + "/"))
        case .matched(let index):
            return matched(index, values: search.values, method: requestMethod)
        case .none:
            break
        }
        if search.exhausted { return .notFound }

        if mergeSlashes, Self.hasRepeatedSlash(path) {
            let merged = Self.mergingSlashes(path)
            var retry = RouteSearch(nodes: nodes, rules: rules, path: merged[...], method: requestMethod, budget: maxConverterCalls)
            retry.allowed = search.allowed
            switch retry.run() {
            case .slashRequired:
                return .redirect(location: URLMap.Quoting.quotePath(merged + "/"))
            case .matched:
                return .redirect(location: URLMap.Quoting.quotePath(merged))
            case .none:
                if retry.exhausted { return .notFound }
                search.allowed = retry.allowed
            }
        }
        if search.allowed.isEmpty { return .notFound }
        return .methodNotAllowed(allowed: search.allowed.sorted { $0.rawValue < $1.rawValue })
    }

    private func matched(_ index: Int, values: [RouteValue], method: HTTPMethod?) -> URLMatch {
        let rule = rules[index]
        let capacity = values.count + rule.defaults.count
        // An empty dictionary allocates nothing; only reserve when there is something to store.
        var arguments = capacity == 0 ? [:] : [String: RouteValue](minimumCapacity: capacity)
        for (name, value) in zip(rule.arguments, values) { arguments[name] = value }
        for (name, value) in rule.defaults { arguments[name] = .string(value) }
        if redirectDefaults, !defaultsProviders[index].isEmpty,
           let location = defaultsRedirect(for: index, arguments: arguments, method: method) {
            return .redirect(location: location)
        }
        return .matched(rule: rule, arguments: arguments)
    }

    /// Werkzeug's `get_default_redirect`: a rule of the same endpoint, ordered before the matched
    /// one, whose defaults equal the matched values, is the canonical URL.
    private func defaultsRedirect(for index: Int, arguments: [String: RouteValue], method: HTTPMethod?) -> String? {
        let rule = rules[index]
        for candidateIndex in defaultsProviders[index] {
            let candidate = rules[candidateIndex]
            if let method, !candidate.accepts(method) { continue }
            guard candidate.expectedArguments.allSatisfy({ candidate.defaults[$0] != nil || arguments[$0] != nil }),
                  candidate.defaults.allSatisfy({ name, text in
                      guard let given = arguments[name] else { return true }
                      // Compare through the matched rule's converter, so default "1" equals `.int(1)`.
                      if let converter = rule.converters[name] { return converter.match(text[...]) == given }
                      return given.description == text
                  }) else { continue }
            var values = arguments.mapValues(\.description)
            values.merge(candidate.defaults) { _, fromDefaults in fromDefaults }
            if let url = try? candidate.build(values: values, appendUnknown: true) { return url }
        }
        return nil
    }

    /// `"/" + path.lstrip("/")`, or empty for an empty path, as `MapAdapter.match` does. Copies only
    /// when the path does not start with a slash.
    static func normalizedPath(_ path: String) -> Substring {
        let utf8 = path.utf8
        guard let first = utf8.first else { return path[...] }
        guard first == UInt8(ascii: "/") else { return ("/" + path)[...] }
        var start = utf8.startIndex
        while case let next = utf8.index(after: start), next < utf8.endIndex, utf8[next] == UInt8(ascii: "/") {
            start = next
        }
        return path[start...]
    }

    /// Collapses every run of slashes to one (Werkzeug: `re.sub("/{2,}", "/", path)`).
    static func mergingSlashes(_ path: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        for byte in path.utf8 where !(byte == UInt8(ascii: "/") && bytes.last == UInt8(ascii: "/")) {
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when the path has `//` somewhere: only then can merging slashes change the answer.
    static func hasRepeatedSlash(_ path: Substring) -> Bool {
        var previousWasSlash = false
        for byte in path.utf8 {
            let isSlash = byte == UInt8(ascii: "/")
            if isSlash && previousWasSlash { return true }
            previousWasSlash = isSlash
        }
        return false
    }
}
