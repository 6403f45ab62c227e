/// One URL pattern and what it leads to: Werkzeug's `Rule`, as Flask's `@app.route` makes it.
///
/// The rule string is a path with variables, `<converter(arguments):name>`, as in
/// `/user/<int:id>` or `/<any(about, help):page>`; without a converter a variable is a `string`.
/// A rule ending in `/` is a *branch*: with `strictSlashes`, a request without the slash is
/// redirected (308) to it. The rule is compiled once, here: errors point at the column.
///
/// Methods follow Flask: `nil` means `["GET"]`, `HEAD` joins `GET`, and `OPTIONS` is added
/// unless the rule lists it or `provideAutomaticOptions` is false (Flask's
/// `provide_automatic_options`; the app answers it with the `Allow` header).
public struct Rule: Sendable, CustomStringConvertible {
    /// Shared, immutable compiled state: copying a `Rule` into a match result costs one retain.
    final class Storage: Sendable {
        let rule: String
        let endpoint: String
        let methods: Set<HTTPMethod>
        /// The same methods in a small array: a linear scan of a few short strings is cheaper
        /// than hashing the request method on every match.
        let methodList: [HTTPMethod]
        /// True when the rule takes `GET`: what a build without a method tries first.
        let acceptsGET: Bool
        let strictSlashes: Bool
        let defaults: [String: String]
        let provideAutomaticOptions: Bool
        let arguments: [String]
        let converters: [String: any RouteConverter]
        let expectedArguments: Set<String>
        let parts: [RulePart]
        let buildSteps: [BuildStep]
        /// What `build` runs, decided once: each variable with a default is bound to it here,
        /// so building makes no look-up for it.
        let buildPlan: BuildPlan
        /// The variables without a default: what the values must hold for the rule to suit.
        let requiredArguments: [String]
        /// `defaults` as pairs, for the suitability check's scan.
        let defaultPairs: [(name: String, value: String)]
        /// Bytes of encoded static text, to size the URL buffer once.
        let literalByteCount: Int

        init(rule: String, endpoint: String, methods: Set<HTTPMethod>, strictSlashes: Bool,
             defaults: [String: String], provideAutomaticOptions: Bool, arguments: [String],
             converters: [String: any RouteConverter], parts: [RulePart], buildSteps: [BuildStep]) {
            self.rule = rule
            self.endpoint = endpoint
            self.methods = methods
            self.methodList = methods.sorted { $0.rawValue < $1.rawValue }
            self.acceptsGET = methods.contains(.GET)
            self.strictSlashes = strictSlashes
            self.defaults = defaults
            self.provideAutomaticOptions = provideAutomaticOptions
            self.arguments = arguments
            self.converters = converters
            self.expectedArguments = Set(arguments).union(defaults.keys)
            self.parts = parts
            self.buildSteps = buildSteps
            self.buildPlan = BuildPlan(buildSteps, defaults: defaults)
            self.requiredArguments = arguments.filter { defaults[$0] == nil }
            self.defaultPairs = defaults.map { (name: $0.key, value: $0.value) }
            self.literalByteCount = buildSteps.reduce(0) { total, step in
                if case .literal(let text) = step { total + text.utf8.count } else { total }
            }
        }
    }

    let storage: Storage

    /// The rule string as written, e.g. `/user/<int:id>`.
    ///
    /// Werkzeug: `Rule.rule`.
    public var rule: String { storage.rule }
    /// The name `urlFor` builds by and the app dispatches on.
    ///
    /// Werkzeug: `Rule.endpoint`.
    public var endpoint: String { storage.endpoint }
    /// The methods this rule answers, upper-case, with the implied `HEAD` and `OPTIONS`.
    ///
    /// Werkzeug: `Rule.methods`.
    public var methods: Set<HTTPMethod> { storage.methods }
    /// Whether a branch URL requested without its trailing slash redirects to it (otherwise the
    /// rule matches both ways).
    ///
    /// Werkzeug: `Rule.strict_slashes`.
    public var strictSlashes: Bool { storage.strictSlashes }
    /// Values for this endpoint that the URL does not carry (Werkzeug's `defaults`).
    public var defaults: [String: String] { storage.defaults }
    /// True when the app should answer `OPTIONS` itself (Flask's `provide_automatic_options`):
    /// asked for and `OPTIONS` not listed by the rule.
    public var provideAutomaticOptions: Bool { storage.provideAutomaticOptions }
    /// The variable names in the rule, in order.
    ///
    /// Werkzeug: `Rule.arguments`.
    public var arguments: [String] { storage.arguments }
    /// The variable names plus the names in `defaults`: what Werkzeug calls `Rule.arguments`,
    /// used to choose a rule when building.
    public var expectedArguments: Set<String> { storage.expectedArguments }
    /// True when the rule ends with `/`.
    ///
    /// Werkzeug: `Rule.is_branch`.
    public var isBranch: Bool { storage.rule.hasSuffix("/") }
    /// The converter of each variable.
    ///
    /// Werkzeug: `Rule._converters`.
    public var converters: [String: any RouteConverter] { storage.converters }

    /// Compiles a rule.
    ///
    /// - Parameters:
    ///   - rule: the path pattern; must start with `/`.
    ///   - endpoint: the name to dispatch and build by.
    ///   - methods: the methods to answer; nil means `GET` (Flask's default). Names are upper-cased.
    ///   - strictSlashes: redirect `/a` to a branch rule `/a/` (true) or match both (false).
    ///   - defaults: values for the endpoint's variables that this URL does not carry.
    ///   - converters: where converter names are looked up (pass the map's `converters`).
    ///   - provideAutomaticOptions: add `OPTIONS` for the app to answer, unless listed.
    public init(
        _ rule: String,
        endpoint: String,
        methods: [HTTPMethod]? = nil,
        strictSlashes: Bool = true,
        defaults: [String: String] = [:],
        converters: ConverterRegistry = .default,
        provideAutomaticOptions: Bool = true
    ) throws(RuleError) {
        guard rule.hasPrefix("/") else { throw RuleError(.mustStartWithSlash, rule: rule, column: 1) }

        var methodSet = Set((methods ?? [.GET]).map { $0.upperCasedForRouting() })
        if methodSet.contains(.GET) { methodSet.insert(.HEAD) }
        let automaticOptions = provideAutomaticOptions && !methodSet.contains(.OPTIONS)
        if automaticOptions { methodSet.insert(.OPTIONS) }

        var compiler = RuleCompiler()
        var names: [String] = []
        var converterByName: [String: any RouteConverter] = [:]
        for token in try RuleParser.tokenize(rule) {
            switch token {
            case .slash:
                compiler.addSlash()
            case .text(let text):
                compiler.addText(text)
            case .variable(let name, let converterName, let argumentText, let column):
                guard converterByName[name] == nil else {
                    throw RuleError(.duplicateVariable(name), rule: rule, column: column)
                }
                let typeName = converterName ?? "default"
                guard let type = converters[typeName] else {
                    throw RuleError(.unknownConverter(typeName), rule: rule, column: column)
                }
                let converter: any RouteConverter
                let arguments: ConverterArguments
                do {
                    arguments = try argumentText.map { text throws(ConverterArgumentError) in
                        try ConverterArguments.parse(text[...])
                    } ?? .empty
                    converter = try type.init(arguments: arguments)
                } catch {
                    throw RuleError(.badArguments(converter: typeName, message: "\(error)"), rule: rule, column: column)
                }
                compiler.addVariable(
                    name: name, converter: converter,
                    identity: ConverterIdentity(type: ObjectIdentifier(type), arguments: arguments))
                names.append(name)
                converterByName[name] = converter
            }
        }
        compiler.finish()

        storage = Storage(
            rule: rule, endpoint: endpoint, methods: methodSet, strictSlashes: strictSlashes,
            defaults: defaults, provideAutomaticOptions: automaticOptions, arguments: names,
            converters: converterByName, parts: compiler.parts, buildSteps: compiler.buildSteps)
    }

    /// The methods, sorted: what goes in an `Allow` header.
    ///
    /// Werkzeug: `sorted(rule.methods)`, as the `Allow` header lists them.
    public var sortedMethods: [HTTPMethod] { storage.methodList }

    /// True when the rule answers `method` (already upper-case).
    func accepts(_ method: HTTPMethod) -> Bool {
        for candidate in storage.methodList where candidate.rawValue == method.rawValue { return true }
        return false
    }

    /// Werkzeug's `repr`: `<Rule '/user/<id>' (GET, HEAD, OPTIONS) -> user>`.
    public var description: String {
        "<Rule '\(rule)' (\(sortedMethods.map(\.rawValue).joined(separator: ", "))) -> \(endpoint)>"
    }

    /// True when the two rules would answer the same requests (Werkzeug 3.2's `is_duplicate`):
    /// same parts and methods that overlap beyond the implied `HEAD` and `OPTIONS`.
    func isDuplicate(of other: Rule) -> Bool {
        guard storage.parts == other.storage.parts else { return false }
        if methods == other.methods { return true }
        return !methods.intersection(other.methods).subtracting([.HEAD, .OPTIONS]).isEmpty
    }
}

extension HTTPMethod {
    /// The method upper-cased, as Werkzeug compares methods; no copy when it already is.
    func upperCasedForRouting() -> HTTPMethod {
        guard rawValue.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return self }
        return HTTPMethod(rawValue: rawValue.uppercased())
    }
}
