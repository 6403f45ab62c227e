extension URLMap {
    /// Builds the URL path of an endpoint from values: Werkzeug's `MapAdapter.build`, what Flask's
    /// `url_for` calls.
    ///
    /// Among the endpoint's rules, those with more arguments are tried first (then more defaults,
    /// then the order added); a rule is chosen when every argument it needs is given or defaulted,
    /// the given values equal its defaults, and it takes `method`. With no method, rules that
    /// take `GET` are tried before the others. Converters write each value (`int(fixed_digits=3)`
    /// pads, `path` keeps `/`); a value the chosen rule's converter refuses ends the build with
    /// a `BuildError` naming the converter's reason (``Flask/urlFor(_:_:external:anchor:method:)``
    /// throws the converter's own error there, as Flask lets its `ValueError` through).
    /// Values the rule does not use become the query string when `appendUnknown`, sorted by name
    /// (Werkzeug keeps the dictionary's order, which a Swift dictionary does not have).
    ///
    /// - Returns: the percent-encoded path, with `?query` when there are extra values.
    public func build(
        endpoint: String,
        values: [String: String] = [:],
        method: HTTPMethod? = nil,
        appendUnknown: Bool = true
    ) throws(BuildError) -> String {
        do {
            return try build(endpoint: endpoint, values: values, repeatedQueryValues: [:], method: method,
                             appendUnknown: appendUnknown)
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError(endpoint: endpoint, values: values, method: method?.upperCasedForRouting(),
                             suggestedRule: closestRule(endpoint: endpoint, values: values, method: method),
                             rejection: "\(error)")
        }
    }

    /// `build` for values that may be lists, as Werkzeug's `MapAdapter.build` takes them: a key
    /// of `repeatedQueryValues` that lands in the query string is written once per item, in
    /// order (none for an empty list). `values` still holds each such key, as the list's
    /// Python `str()`, which is what rule suitability and rule variables see.
    ///
    /// - Throws: `BuildError` when no rule suits; the converter's own error when the first
    ///   suitable rule's converter refuses a value (Werkzeug lets its `ValueError` through).
    func build(
        endpoint: String, values: [String: String], repeatedQueryValues: [String: [String]],
        method: HTTPMethod?, appendUnknown: Bool
    ) throws -> String {
        let method = method?.upperCasedForRouting()
        if method == nil,
           let url = try partialBuild(endpoint, values, repeatedQueryValues, .GET, appendUnknown) {
            return url
        }
        if let url = try partialBuild(endpoint, values, repeatedQueryValues, method, appendUnknown) {
            return url
        }
        throw BuildError(
            endpoint: endpoint, values: values, method: method,
            suggestedRule: closestRule(endpoint: endpoint, values: values, method: method),
            rejection: nil)
    }

    /// The URL of the first suitable rule, as Werkzeug's `_partial_build`: its converters'
    /// errors end the build rather than passing to the next rule.
    private func partialBuild(
        _ endpoint: String, _ values: [String: String], _ lists: [String: [String]], _ method: HTTPMethod?,
        _ appendUnknown: Bool
    ) throws -> String? {
        for index in ruleIndicesByEndpoint[endpoint] ?? [] where rules[index].isSuitable(for: values, method: method) {
            return try rules[index].build(values: values, appendUnknown: appendUnknown, repeatedQueryValues: lists)
        }
        return nil
    }

    /// Werkzeug's `BuildError.closest_rule`: the rule whose endpoint looks most like the one asked
    /// for (difflib ratio, weight 0.98), nudged by taking all the given values (0.01) and the
    /// method (0.01); the first best in map order wins.
    func closestRule(endpoint: String, values: [String: String], method: HTTPMethod?) -> Rule? {
        var best: (rule: Rule, score: Double)?
        for name in endpointOrder {
            for index in ruleIndicesByEndpoint[name] ?? [] {
                let rule = rules[index]
                let similarity = 0.98 * BuildError.SequenceMatcher.ratio(rule.endpoint, endpoint)
                let takesValues = 0.01 * (Set(values.keys).isSubset(of: rule.expectedArguments) ? 1 : 0)
                let takesMethod = 0.01 * (method.map { rule.methods.contains($0) } == true ? 1 : 0)
                // Summed left to right from zero, as Python's `sum` does, so ties break the same way.
                let score = ((0 + similarity) + takesValues) + takesMethod
                if score > (best?.score ?? -Double.infinity) { best = (rule, score) }
            }
        }
        return best?.rule
    }
}

extension Rule {
    /// Werkzeug's `Rule.suitable_for`.
    func isSuitable(for values: [String: String], method: HTTPMethod?) -> Bool {
        if let method, !accepts(method) { return false }
        for name in storage.requiredArguments where values[name] == nil { return false }
        for (name, value) in storage.defaultPairs {
            if let given = values[name], given != value { return false }
        }
        return true
    }

    /// Writes the URL: static text (already encoded), converted values (defaults win for the
    /// variables they name), then unused values as a query string, where a key of
    /// `repeatedQueryValues` gives one pair per item.
    ///
    /// One string is grown in place; the query part (a set look-up per value, a sort) is only
    /// paid when some value is not one of the rule's arguments.
    /// - Throws: the converter's error for a value it cannot write.
    func build(values: [String: String], appendUnknown: Bool, repeatedQueryValues: [String: [String]] = [:]) throws -> String {
        var path = ""
        path.reserveCapacity(storage.literalByteCount + 16 * storage.arguments.count + 1)
        let plan = storage.buildPlan
        for step in plan.steps {
            switch step {
            case .literal(let text):
                path += text
            case .quoted(let name):
                guard let raw = values[name] else { throw RouteConverterError("no value for '\(name)'") }
                path += URLMap.Quoting.quotePath(raw)
            case .defaulted(let value, let converter):
                path += try plan.converters[converter].toURL(value)
            case .variable(let name, let converter):
                guard let raw = values[name] else { throw RouteConverterError("no value for '\(name)'") }
                path += try plan.converters[converter].toURL(raw)
            }
        }
        // `"/" + path.lstrip("/")`, as Werkzeug joins it to the script root; rules start with
        // `/`, so only a value that itself starts with `/` needs the rewrite.
        let utf8 = path.utf8
        let start = utf8.startIndex
        if utf8.first != UInt8(ascii: "/") || (utf8.count > 1 && utf8[utf8.index(after: start)] == UInt8(ascii: "/")) {
            path = "/" + path.drop { $0 == "/" }
        }
        guard appendUnknown, hasExtraValues(values) else { return path }
        let used = storage.expectedArguments
        let extra = values.keys
            .filter { !used.contains($0) }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let pairs = repeatedQueryValues.isEmpty
            ? extra.map { ($0, values[$0] ?? "") }
            : extra.flatMap { key in (repeatedQueryValues[key] ?? [values[key] ?? ""]).map { (key, $0) } }
        guard !pairs.isEmpty else { return path }
        path += "?"
        URLMap.Quoting.appendQuery(pairs, to: &path)
        return path
    }

    /// True when some value is not one of the rule's arguments (and so goes to the query).
    /// A suitable rule without defaults has every argument among the values, so equal counts
    /// answer without a look-up.
    private func hasExtraValues(_ values: [String: String]) -> Bool {
        if storage.defaultPairs.isEmpty { return values.count > storage.arguments.count }
        for name in values.keys where !storage.expectedArguments.contains(name) { return true }
        return false
    }
}
