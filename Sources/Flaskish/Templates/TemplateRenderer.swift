/// Executes a compiled template into UTF-8 bytes (what Jinja's generated Python code does).
///
/// One renderer per render call, used by one thread only; it is `@unchecked Sendable`
/// solely so that macro and `super()` closures (which must be `@Sendable` to live in
/// ``TemplateValue``) may refer back to it weakly.
final class TemplateRenderer: @unchecked Sendable {
    let environment: TemplateEnvironment
    let config: TemplateConfiguration
    /// The output, as UTF-8 bytes: one growing buffer for the whole render (from the shared
    /// pool, see ``TemplateOutputBuffer``), turned into a `String` once at the end. Captures
    /// (`{% set %}` blocks, macro results) take their bytes off its tail.
    ///
    /// The hot state of a render is `@exclusivity(unchecked)`: every access to a class's stored
    /// property otherwise pays a dynamic exclusivity check (a thread-local access set), and a
    /// render appends and reads tens of thousands of times. One renderer is used by one thread
    /// and never hands these out as `inout` across calls that could touch them again.
    @exclusivity(unchecked) var out = TemplateOutputBuffer()
    /// Where the innermost capture starts in ``out``: the output limit applies to each capture
    /// on its own, as it did when captures had their own buffer.
    @exclusivity(unchecked) var captureStart = 0
    /// The value a `{% filter %}` block or filtered `{% set %}` feeds to its filter chain.
    @exclusivity(unchecked) var filterInput: TemplateValue?
    /// Arguments of calls in progress (``CallExpr/stacksArguments``), innermost last.
    @exclusivity(unchecked) var argumentStack: [TemplateValue] = []
    /// Whether the environment had user filters/tests when this render began (then each
    /// filter site checks for an override by name).
    let hasUserFilters: Bool
    let hasUserTests: Bool
    /// Templates this render loaded, by name (see ``loadTemplate(_:)``).
    var loadedTemplates: [(name: String, template: ParsedTemplate)] = []
    /// What this render worked out once per template it rendered (see ``RenderedTemplate``).
    var renderedTemplates: [RenderedTemplate] = []
    /// The template the last include by name rendered: an include in a loop finds it again
    /// without the searches of ``loadTemplate(_:)`` and ``rendered(_:)``.
    var lastInclude: (name: String, template: RenderedTemplate)?
    @exclusivity(unchecked) var autoescape = false
    var templateName: String?
    @exclusivity(unchecked) var depth = 0
    /// Block overrides of the template being rendered, most derived first, each with the
    /// autoescape setting of the template that defined it (Jinja compiles it in per template).
    var blocks: [String: [BlockLevel]] = [:]
    /// The context level of the current template: where non-scoped blocks look names up.
    var rootScope: TemplateScope
    var globalsScope: TemplateScope
    /// The parent named by `{% extends %}` in the template whose top level is running.
    var pendingParent: TemplateValue?
    /// Scopes that macros or `self` refer back to: a scope holding such a value forms a
    /// reference cycle, broken by emptying these scopes when the render ends.
    var scopesToRelease: [TemplateScope] = []
    /// Scopes of finished macro calls and loops, kept for the next call or loop whose body
    /// cannot keep a reference to its scope (``TemplateScopeReuse``).
    @exclusivity(unchecked) var freeScopes: [TemplateScope] = []
    /// The `caller` a call block made last, reused while the same block runs again in the
    /// same scope (each iteration of a loop): see ``callerValue(_:_:)``.
    @exclusivity(unchecked) var lastCaller: (block: CallBlockNode, scope: TemplateScope, escape: Bool, value: TemplateValue)?

    init(environment: TemplateEnvironment, configuration: TemplateConfiguration) {
        self.environment = environment
        config = configuration
        hasUserFilters = !configuration.filters.isEmpty
        hasUserTests = !configuration.tests.isEmpty
        globalsScope = TemplateScope(parent: nil)
        rootScope = globalsScope
    }

    deinit { out.deallocate() }

    func renderRoot(_ template: ParsedTemplate, context: [String: TemplateValue], extraGlobals: [String: TemplateValue]) throws -> String {
        // Per-render globals over the configuration's (built once for it): the same names win.
        let shared = config.globalsScope ?? TemplateGlobals.scope(for: config)
        globalsScope = extraGlobals.isEmpty ? shared : TemplateSymbols.scope(extraGlobals, parent: shared)
        defer {
            for scope in scopesToRelease where scope !== shared { scope.entries.removeAll() }
            scopesToRelease.removeAll()
        }
        out = TemplateOutputBuffer.make(minimumCapacity: template.outputSizeHint)
        defer { out.recycle(config.limits) }
        try renderTemplate(template, scope: TemplateSymbols.scope(context, parent: globalsScope))
        template.outputSizeHint = out.count
        return out.makeString()
    }

    /// Renders a template and its `extends` chain into `out`.
    func renderTemplate(_ template: ParsedTemplate, scope: TemplateScope) throws {
        try renderTemplate(rendered(template), scope: scope)
    }

    private func renderTemplate(_ own: RenderedTemplate, scope: TemplateScope) throws {
        try enter()
        var levels = 1
        defer { depth -= levels }
        let saved = (blocks, rootScope, templateName, autoescape)
        defer { (blocks, rootScope, templateName, autoescape) = saved }
        let template = own.template
        blocks = own.blocks
        rootScope = scope
        // `self` is bound for the whole chain in the child's scope, from the first template of
        // the chain that may use it (see ``ParsedTemplate/mentionsSelf``).
        var selfBound = false
        var current = own
        while true {
            if !selfBound && current.template.mentionsSelf {
                selfBound = true
                if scope.local(TemplateSymbols.selfName) == nil {
                    scope.set(TemplateSymbols.selfName, .object(TemplateSelf(renderer: self, scope: scope, name: template.name)))
                    scopesToRelease.append(scope)
                }
            }
            templateName = current.template.name
            autoescape = current.autoescape
            guard current.template.mayExtend else {
                // No `{% extends %}` to watch for: the nodes run as any body does.
                try render(current.template.body, scope)
                return
            }
            guard let parentName = try renderTopLevel(current.template.body, scope: scope) else { return }
            current = rendered(try loadTemplate(parentName))
            for (name, levels) in current.blocks { blocks[name, default: []].append(contentsOf: levels) }
            levels += 1
            try enter()
        }
    }

    /// What the render needs to know about `template` besides its nodes, worked out on its
    /// first use in this render: the autoescape setting of its name (a user policy may be
    /// slow) and its blocks as one-level chains.
    private func rendered(_ template: ParsedTemplate) -> RenderedTemplate {
        for entry in renderedTemplates where entry.template === template { return entry }
        let escape = config.autoescape(template.name)
        var blocks: [String: [BlockLevel]] = [:]
        if !template.blocks.isEmpty {
            blocks.reserveCapacity(template.blocks.count)
            for (name, block) in template.blocks {
                blocks[name] = [BlockLevel(block: block, autoescape: escape, bindsSuper: template.mentionsSuper)]
            }
        }
        let entry = RenderedTemplate(template: template, autoescape: escape, blocks: blocks)
        if renderedTemplates.count < 16 { renderedTemplates.append(entry) }
        return entry
    }

    /// Runs top-level nodes; after `{% extends %}` output is dropped but statements still
    /// run (Jinja). Returns the parent template's name if there is one.
    private func renderTopLevel(_ nodes: [CompiledNode], scope: TemplateScope) throws -> TemplateValue? {
        let outerParent = pendingParent
        pendingParent = nil
        defer { pendingParent = outerParent }
        for node in nodes {
            if pendingParent == nil {
                // `{% extends %}` may also sit inside a top-level `{% if %}`: it sets `pendingParent`.
                try node.render(self, scope)
            } else if !node.isOutputOnly {
                _ = try capture([node], scope)
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
        // An include in a loop loads the same template on every iteration: the render keeps
        // what it loaded (one render sees one version of a template) and skips the shared
        // cache's lock, hashing and up-to-date check.
        for entry in loadedTemplates where entry.name == name { return entry.template }
        let template = try environment.parsedTemplate(name, configuration: config)
        if loadedTemplates.count < 16 { loadedTemplates.append((name, template)) }
        return template
    }

    @inline(__always)
    func checkOutputSize() throws {
        if out.count - captureStart > config.limits.maxOutputBytes {
            throw TemplateLimitError(limit: "maxOutputBytes", value: config.limits.maxOutputBytes, message: "template output too large")
        }
    }

    /// Renders `nodes` on the tail of the buffer and takes that tail off as a string.
    func capture(_ nodes: [CompiledNode], _ scope: TemplateScope) throws -> String {
        try capturing { try render(nodes, scope) }
    }

    /// Runs `body` with its output captured instead of written.
    func capturing(_ body: () throws -> Void) throws -> String {
        let start = out.count
        let savedStart = captureStart
        captureStart = start
        defer {
            out.removeAll(from: start)
            captureStart = savedStart
        }
        try body()
        return out.string(from: start)
    }

    /// Wraps captured output as Jinja does: `Markup` when autoescaping, else `str`.
    func captured(_ text: String) -> TemplateValue { autoescape ? .markup(text) : .string(text) }

    @inline(__always)
    func render(_ nodes: [CompiledNode], _ scope: TemplateScope) throws {
        // Each node is called through an unretained reference: `nodes` (guaranteed for this
        // call) holds them all, and iterating it the ordinary way retains and releases every
        // node around its call (thousands of pairs per render).
        try nodes.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: Unmanaged<CompiledNode>.self) { nodes in
                for node in nodes { try node._withUnsafeGuaranteedRef { try $0.render(self, scope) } }
            }
        }
    }

    /// Writes a value as `{{ … }}` does: `str()` it, escaping unless it is Markup.
    @inline(__always)
    func write(_ value: TemplateValue) throws {
        switch value {
        case .string(let s):
            if autoescape { TemplateByteOutput.appendEscaped(s, to: &out) } else { TemplateByteOutput.append(s, to: &out) }
        case .markup(let s): TemplateByteOutput.append(s, to: &out)
        case .int(let i): TemplateByteOutput.append(i, to: &out)
        // A module is its rendered body, already safe (Jinja's `TemplateModule.__html__`).
        case .object(let module as TemplateModule): TemplateByteOutput.append(module.body, to: &out)
        case .undefined(let what):
            if config.undefined == .strict { throw UndefinedError(what, templateName: templateName) }
        case .none, .bool, .double, .bigInt, .list, .tuple, .dict, .callable, .object:
            let text = try str(value)
            if autoescape { TemplateByteOutput.appendEscaped(text, to: &out) } else { TemplateByteOutput.append(text, to: &out) }
        }
    }

    /// Writes `value|e` (no user filter named `e`/`escape`): Markup as is, anything else
    /// `str()`-ed and escaped into the buffer, which is what writing the filter's Markup result does.
    func writeEscaped(_ value: TemplateValue, _ filter: FilterExpr) throws {
        if hasUserFilters, config.filters[filter.name] != nil {
            try write(try filter.apply(self, value, TemplateArguments()))
            return
        }
        switch value {
        case .markup(let s): TemplateByteOutput.append(s, to: &out)
        case .string(let s): TemplateByteOutput.appendEscaped(s, to: &out)
        // The filter itself where `str()` may throw (strict Undefined, too many digits).
        case .undefined, .bigInt: try write(try filter.apply(self, value, TemplateArguments()))
        case .none, .bool, .int, .double, .list, .tuple, .dict, .callable, .object:
            TemplateByteOutput.appendEscaped(value.pythonString, to: &out)
        }
    }

    func assign(_ target: CompiledTarget, _ value: TemplateValue, _ scope: TemplateScope) throws {
        switch target {
        case .name(let symbol):
            scope.set(symbol, value)
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

    /// `ownLevel`: `scope` is a level made for this include alone (``WithNode/soleInclude``),
    /// which the template may take as its own.
    /// The level an included template runs in: `scope` itself when it was made for this include
    /// alone, else a new level under it (or under the globals, without context). Never the
    /// globals scope itself: it is shared by every render of the configuration.
    private func includeScope(_ scope: TemplateScope?, ownLevel: Bool) -> TemplateScope {
        if ownLevel, let scope { return scope }
        return TemplateScope(parent: scope ?? globalsScope)
    }

    func renderInclude(_ nameValue: TemplateValue, ignoreMissing: Bool, scope: TemplateScope?, ownLevel: Bool = false) throws {
        // Jinja hands an included template the enclosing variables (`loop` among them only
        // when the loop's body mentions it, which is when a loop scope holds one at all); its
        // own top-level assignments stay in its own level.
        if case .string(let name) = nameValue {
            // One name, the common include: no list of candidates to build.
            let template: RenderedTemplate
            if let last = lastInclude, last.name == name {
                template = last.template
            } else {
                do {
                    template = rendered(try loadTemplate(nameValue))
                } catch is TemplateNotFound {
                    if ignoreMissing { return }
                    throw TemplateNotFound(name: name, searchPath: config.loader?.searchDescription ?? [])
                }
                lastInclude = (name, template)
            }
            try renderTemplate(template, scope: includeScope(scope, ownLevel: ownLevel))
            return
        }
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
            try renderTemplate(template, scope: includeScope(scope, ownLevel: ownLevel))
            return
        }
        if ignoreMissing { return }
        let names = candidates.map(\.pythonString)
        throw TemplateNotFound(name: names.joined(separator: ", "), searchPath: config.loader?.searchDescription ?? [])
    }

    func importModule(_ nameValue: TemplateValue, scope: TemplateScope?) throws -> TemplateModule {
        let template = try loadTemplate(nameValue)
        let moduleScope = TemplateScope(parent: scope ?? globalsScope)
        // Imported with context, the module's macros close over `scope` (their scope's parent)
        // and are then stored in it (`from … import f with context` in a loop): a cycle unless
        // `scope` is emptied when the render ends, as the scopes of macros are.
        if let scope { scopesToRelease.append(scope) }
        let body = try capturing { try renderTemplate(template, scope: moduleScope) }
        return TemplateModule(name: nameValue, exports: moduleScope.namedVariables(), body: body)
    }
}

/// One override of a block in the chain a render looks blocks up in.
struct BlockLevel {
    let block: CompiledBlock
    /// The autoescape setting of the template that defines it (Jinja compiles it in per template).
    let autoescape: Bool
    /// Whether that template may call `super()` (``ParsedTemplate/mentionsSuper``).
    let bindsSuper: Bool
}

/// What one render works out once per template it renders (``TemplateRenderer/renderTemplate(_:scope:)``).
struct RenderedTemplate {
    let template: ParsedTemplate
    let autoescape: Bool
    /// The template's own blocks, each a chain of one level.
    let blocks: [String: [BlockLevel]]
}
