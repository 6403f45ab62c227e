/// Executes a parsed template into a string (what Jinja's generated Python code does).
///
/// One renderer per render call, used by one thread only; it is `@unchecked Sendable`
/// solely so that macro and `super()` closures (which must be `@Sendable` to live in
/// ``TemplateValue``) may refer back to it weakly.
final class TemplateRenderer: @unchecked Sendable {
    let environment: TemplateEnvironment
    let config: TemplateConfiguration
    var out = ""
    var autoescape = false
    var templateName: String?
    var depth = 0
    /// Block overrides of the template being rendered, most derived first, each with the
    /// autoescape setting of the template that defined it (Jinja compiles it in per template).
    var blocks: [String: [(block: BlockNode, autoescape: Bool)]] = [:]
    /// The context level of the current template: where non-scoped blocks look names up.
    var rootScope: TemplateScope
    var globalsScope: TemplateScope
    /// The parent named by `{% extends %}` in the template whose top level is running.
    var pendingParent: TemplateValue?
    /// Scopes that macros or `self` refer back to: a scope holding such a value forms a
    /// reference cycle, broken by emptying these scopes when the render ends.
    var scopesToRelease: [TemplateScope] = []

    init(environment: TemplateEnvironment, configuration: TemplateConfiguration) {
        self.environment = environment
        config = configuration
        globalsScope = TemplateScope(parent: nil)
        rootScope = globalsScope
    }

    func renderRoot(_ template: ParsedTemplate, context: [String: TemplateValue], extraGlobals: [String: TemplateValue]) throws -> String {
        var globals = TemplateGlobals.builtins(maxRangeLength: config.limits.maxRangeLength)
        for (k, v) in config.globals { globals[k] = v }
        for (k, v) in extraGlobals { globals[k] = v }
        globalsScope = TemplateScope(globals, parent: nil)
        defer {
            for scope in scopesToRelease { scope.variables.removeAll() }
            scopesToRelease.removeAll()
        }
        try renderTemplate(template, scope: TemplateScope(context, parent: globalsScope))
        return out
    }

    /// Renders a template and its `extends` chain into `out`.
    func renderTemplate(_ template: ParsedTemplate, scope: TemplateScope) throws {
        try enter()
        var levels = 1
        defer { depth -= levels }
        let saved = (blocks, rootScope, templateName, autoescape)
        defer { (blocks, rootScope, templateName, autoescape) = saved }
        let ownEscape = config.autoescape(template.name)
        blocks = template.blocks.mapValues { [($0, ownEscape)] }
        rootScope = scope
        if scope.variables["self"] == nil {
            scope.variables["self"] = .object(TemplateSelf(renderer: self, scope: scope, name: template.name))
            scopesToRelease.append(scope)
        }
        var current = template
        while true {
            templateName = current.name
            autoescape = config.autoescape(current.name)
            guard let parentName = try renderTopLevel(current.body, scope: scope) else { return }
            let parent = try loadTemplate(parentName)
            let parentEscape = config.autoescape(parent.name)
            for (name, block) in parent.blocks { blocks[name, default: []].append((block, parentEscape)) }
            current = parent
            levels += 1
            try enter()
        }
    }

    /// Runs top-level nodes; after `{% extends %}` output is dropped but statements still
    /// run (Jinja). Returns the parent template's name if there is one.
    private func renderTopLevel(_ nodes: [TemplateNode], scope: TemplateScope) throws -> TemplateValue? {
        let outerParent = pendingParent
        pendingParent = nil
        defer { pendingParent = outerParent }
        for node in nodes {
            if pendingParent == nil {
                // `{% extends %}` may also sit inside a top-level `{% if %}`: it sets `pendingParent`.
                try render(node, scope)
            } else {
                switch node {
                case .text, .output, .block: continue
                default: _ = try capture([node], scope)
                }
            }
        }
        return pendingParent
    }

    func enter() throws {
        depth += 1
        if depth > config.limits.maxRecursionDepth {
            throw TemplateLimitError(limit: "maxRecursionDepth", value: config.limits.maxRecursionDepth,
                                     message: "template recursion too deep (includes, macros, inheritance or recursive loops)")
        }
    }

    func loadTemplate(_ nameValue: TemplateValue) throws -> ParsedTemplate {
        guard let name = nameValue.stringContent else {
            if case .undefined(let what) = nameValue { throw UndefinedError(what, templateName: templateName) }
            throw TemplateRuntimeError("TypeError", "template name must be a string, got \(nameValue.typeName)")
        }
        return try environment.parsedTemplate(name, configuration: config)
    }

    @inline(__always)
    func checkOutputSize() throws {
        if out.utf8.count > config.limits.maxOutputBytes {
            throw TemplateLimitError(limit: "maxOutputBytes", value: config.limits.maxOutputBytes, message: "template output too large")
        }
    }

    /// Renders `nodes` into a fresh buffer and returns it.
    func capture(_ nodes: [TemplateNode], _ scope: TemplateScope) throws -> String {
        let saved = out
        out = ""
        defer { out = saved }
        try render(nodes, scope)
        return out
    }

    /// Wraps captured output as Jinja does: `Markup` when autoescaping, else `str`.
    func captured(_ text: String) -> TemplateValue { autoescape ? .markup(text) : .string(text) }

    @inline(__always)
    func render(_ nodes: [TemplateNode], _ scope: TemplateScope) throws {
        for node in nodes { try render(node, scope) }
    }

    func render(_ node: TemplateNode, _ scope: TemplateScope) throws {
        switch node {
        case .text(let text):
            out += text
            try checkOutputSize()
        case .output(let expr):
            try write(try evaluate(expr, scope))
            try checkOutputSize()
        case .ifChain(let branches, let otherwise):
            for (test, body) in branches where try truth(try evaluate(test, scope)) {
                try render(body, scope)
                return
            }
            try render(otherwise, scope)
        case .forLoop(let loop):
            try renderFor(loop, items: try iterate(try evaluate(loop.iterable, scope)), scope: scope, loopDepth: 1)
        case .set(let target, let expr):
            try assign(target, try evaluate(expr, scope), scope)
        case .setBlock(let target, let body, let filter):
            var value = captured(try capture(body, TemplateScope(parent: scope)))
            if let filter { value = try evaluate(filter, scope, filterInput: value) }
            try assign(target, value, scope)
        case .block(let block):
            try renderBlock(named: block.name, level: 0, scope: scope, scoped: block.scoped)
        case .extends(let expr):
            guard pendingParent == nil else { throw TemplateRuntimeError("TemplateRuntimeError", "extended multiple times") }
            pendingParent = try evaluate(expr, scope)
        case .include(let expr, let ignoreMissing, let withContext):
            try renderInclude(try evaluate(expr, scope), ignoreMissing: ignoreMissing, scope: withContext ? scope : nil)
        case .importAs(let expr, let alias, let withContext):
            scope.variables[alias] = .object(try importModule(try evaluate(expr, scope), scope: withContext ? scope : nil))
        case .fromImport(let expr, let names, let withContext):
            let module = try importModule(try evaluate(expr, scope), scope: withContext ? scope : nil)
            for (name, alias) in names {
                scope.variables[alias] = module.attribute(name)
                    ?? .undefined("the template \(module.name.pythonRepr) does not export the requested name '\(name)'")
            }
        case .macro(let macro):
            scope.variables[macro.name] = makeMacro(macro, scope)
        case .callBlock(let call, let callerNode):
            guard case .call(let callee, let arguments) = call else { return }
            try write(try evaluateCall(callee, arguments, scope, extraKeyword: ("caller", makeMacro(callerNode, scope))))
        case .with(let assignments, let body):
            let inner = TemplateScope(parent: scope)
            for (target, expr) in assignments { try assign(target, try evaluate(expr, scope), inner) }
            try render(body, inner)
        case .filterBlock(let filter, let body):
            let text = captured(try capture(body, TemplateScope(parent: scope)))
            try write(try evaluate(filter, scope, filterInput: text))
        case .autoescape(let expr, let body):
            let saved = autoescape
            autoescape = try truth(try evaluate(expr, scope))
            defer { autoescape = saved }
            try render(body, TemplateScope(parent: scope))
        }
    }

    /// Writes a value as `{{ … }}` does: `str()` it, escaping unless it is Markup.
    @inline(__always)
    func write(_ value: TemplateValue) throws {
        switch value {
        case .string(let s):
            if autoescape { TemplateEscaping.appendEscaped(s, to: &out) } else { out += s }
        case .markup(let s): out += s
        case .int(let i): out += String(i)
        // A module is its rendered body, already safe (Jinja's `TemplateModule.__html__`).
        case .object(let module as TemplateModule): out += module.body
        case .undefined(let what):
            if config.undefined == .strict { throw UndefinedError(what, templateName: templateName) }
        default:
            let text = try str(value)
            if autoescape { TemplateEscaping.appendEscaped(text, to: &out) } else { out += text }
        }
    }

    func assign(_ target: AssignTarget, _ value: TemplateValue, _ scope: TemplateScope) throws {
        switch target {
        case .name(let name):
            scope.variables[name] = value
        case .attribute(let object, let attribute):
            guard case .object(let ns)? = scope.lookup(object), ns.setAttribute(attribute, value) else {
                throw TemplateRuntimeError("TemplateRuntimeError", "cannot assign attribute on non-namespace object")
            }
        case .tuple(let targets):
            let items = try iterate(value)
            guard items.count == targets.count else {
                let what = items.count > targets.count ? "too many values to unpack (expected \(targets.count))"
                    : "not enough values to unpack (expected \(targets.count), got \(items.count))"
                throw TemplateRuntimeError("ValueError", what)
            }
            for (t, v) in zip(targets, items) { try assign(t, v, scope) }
        }
    }

    private func renderInclude(_ nameValue: TemplateValue, ignoreMissing: Bool, scope: TemplateScope?) throws {
        var candidates: [TemplateValue] = [nameValue]
        if case .list(let names) = nameValue { candidates = names }
        if case .tuple(let names) = nameValue { candidates = names }
        for candidate in candidates {
            let template: ParsedTemplate
            do {
                template = try loadTemplate(candidate)
            } catch is TemplateNotFound {
                continue
            }
            // Jinja hands an included template the enclosing variables, but not `loop`.
            let includeScope = TemplateScope(parent: scope ?? globalsScope)
            if scope?.lookup("loop") != nil { includeScope.variables["loop"] = .undefined("'loop' is undefined") }
            try renderTemplate(template, scope: TemplateScope(parent: includeScope))
            return
        }
        if ignoreMissing { return }
        let names = candidates.map(\.pythonString)
        throw TemplateNotFound(name: names.joined(separator: ", "), searchPath: config.loader?.searchDescription ?? [])
    }

    private func importModule(_ nameValue: TemplateValue, scope: TemplateScope?) throws -> TemplateModule {
        let template = try loadTemplate(nameValue)
        let moduleScope = TemplateScope(parent: scope ?? globalsScope)
        // Imported with context, the module's macros close over `scope` (their scope's parent)
        // and are then stored in it (`from … import f with context` in a loop): a cycle unless
        // `scope` is emptied when the render ends, as the scopes of macros are.
        if let scope { scopesToRelease.append(scope) }
        let saved = out
        out = ""
        defer { out = saved }
        try renderTemplate(template, scope: moduleScope)
        return TemplateModule(name: nameValue, exports: moduleScope.variables, body: out)
    }
}
