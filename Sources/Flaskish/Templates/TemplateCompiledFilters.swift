// Compiled call sites of filters and tests (`value|name(args)`, `value is name(args)`) and
// the arguments written at a call site: what ``TemplateCompiler`` makes of them.

/// `value|name(args)`: the built-in is looked up when the template is compiled (the common ones
/// as a ``DirectFilter`` case, called without closure thunks); a user filter of the same name
/// (which may be registered later) still wins at render time.
final class FilterExpr: CompiledExpr, @unchecked Sendable {
    let base: CompiledExpr?
    let name: String
    let builtin: TemplateFilters.Builtin?
    let direct: DirectFilter?
    let parameters: [String]?
    let arguments: CompiledArguments
    /// `|e`/`|escape` without arguments: written straight into the output as escaped bytes
    /// when nothing overrides the built-in (see ``OutputNode``).
    let isPlainEscape: Bool
    /// The site's arguments are constants that bind to the built-in's parameters: they need
    /// no check at each call.
    let argumentsBind: Bool
    init(_ base: CompiledExpr?, _ name: String, _ arguments: CompiledArguments) {
        self.base = base
        self.name = name
        builtin = TemplateFilters.builtins[name]
        direct = DirectFilter(name)
        parameters = TemplateFilters.signatures[name]
        self.arguments = arguments
        isPlainEscape = (name == "e" || name == "escape") && base != nil && arguments.isEmpty
        if let constant = arguments.constantArguments, let parameters = TemplateFilters.signatures[name] {
            argumentsBind = (try? TemplateFilters.checkArguments(name, parameters: parameters, constant)) != nil
        } else {
            argumentsBind = false
        }
    }

    /// Python's argument binding check of a call of the built-in with `args`.
    @inline(__always)
    func checkArguments(_ args: TemplateArguments) throws {
        if !argumentsBind, let parameters, !args.isEmpty { try TemplateFilters.checkArguments(name, parameters: parameters, args) }
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        let value = try base?.evaluate(r, s) ?? r.filterInput ?? .none
        return try apply(r, value, try arguments.evaluate(r, s))
    }
    @inline(__always)
    func apply(_ r: TemplateRenderer, _ value: TemplateValue, _ args: TemplateArguments) throws -> TemplateValue {
        if r.hasUserFilters, let user = r.config.filters[name] { return try user(value, args) }
        try checkArguments(args)
        if let direct { return try direct.apply(r, value, args) }
        guard let builtin else { throw TemplateRuntimeError("TemplateRuntimeError", "No filter named '\(name)'.") }
        return try builtin(r, value, args)
    }
}

/// `value is [not] name(args)`, resolved as ``FilterExpr``.
final class TestExpr: CompiledExpr, @unchecked Sendable {
    let base: CompiledExpr
    let name: String
    let builtin: TemplateTests.Builtin?
    let arguments: CompiledArguments
    let negated: Bool
    init(_ base: CompiledExpr, _ name: String, _ arguments: CompiledArguments, negated: Bool) {
        self.base = base
        self.name = name
        builtin = TemplateTests.builtins[name]
        self.arguments = arguments
        self.negated = negated
    }
    override func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateValue {
        let value = try base.evaluate(r, s)
        let args = try arguments.evaluate(r, s)
        let result: Bool
        if r.hasUserTests, let user = r.config.tests[name] {
            result = try user(value, args)
        } else if let builtin {
            result = try builtin(r, value, args)
        } else {
            throw TemplateRuntimeError("TemplateRuntimeError", "No test named '\(name)'.")
        }
        return .bool(result != negated)
    }
}

/// The arguments written at a call site, compiled.
/// Arguments that are all constants (`truncate(40)`, `join(", ")`) are built once.
struct CompiledArguments: Sendable {
    let positional: [CompiledExpr]
    let keyword: [(String, CompiledExpr)]
    let starArgs: CompiledExpr?
    let starKwargs: CompiledExpr?
    let isEmpty: Bool
    /// The arguments when ``isConstant``. Not an optional: copying a
    /// `TemplateArguments?` went through the generic `Optional` value witness (~150
    /// instructions a call, 3% of the users page).
    private let constant: TemplateArguments
    let isConstant: Bool
    /// The arguments when they are all constants (read when compiling).
    var constantArguments: TemplateArguments? { isConstant ? constant : nil }

    init(positional: [CompiledExpr], keyword: [(String, CompiledExpr)], starArgs: CompiledExpr?, starKwargs: CompiledExpr?) {
        self.positional = positional
        self.keyword = keyword
        self.starArgs = starArgs
        self.starKwargs = starKwargs
        isEmpty = positional.isEmpty && keyword.isEmpty && starArgs == nil && starKwargs == nil
        let positionalValues = positional.compactMap(\.constant)
        let keywordValues = keyword.compactMap { pair in pair.1.constant.map { (name: pair.0, value: $0) } }
        isConstant = starArgs == nil && starKwargs == nil && positionalValues.count == positional.count
            && keywordValues.count == keyword.count
        constant = isConstant ? TemplateArguments(positionalValues, keyword: keywordValues) : TemplateArguments()
    }

    @inline(__always)
    func evaluate(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateArguments {
        if isConstant { return constant }
        return try evaluateEach(r, s)
    }

    private func evaluateEach(_ r: TemplateRenderer, _ s: TemplateScope) throws -> TemplateArguments {
        var result = TemplateArguments()
        result.positional.reserveCapacity(positional.count)
        for expr in positional { result.positional.append(try expr.evaluate(r, s)) }
        for (name, expr) in keyword { result.keyword.append((name, try expr.evaluate(r, s))) }
        if let starArgs { result.positional += try r.iterate(try starArgs.evaluate(r, s)) }
        if let starKwargs, case .dict(let dict) = try starKwargs.evaluate(r, s) {
            for (k, v) in dict.pairs { result.keyword.append((k.pythonString, v)) }
        }
        return result
    }
}
